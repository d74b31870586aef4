package org.ssvm.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.ssvm.binary.ModuleEncoder;
import org.ssvm.model.Module;

/**
 * What stored compiled code is keyed on besides the format version: the SSVM build, the JDK, the compiler
 * options that change generated code, and the module itself.
 */
final class AotKey {
    private AotKey() {
    }

    /**
     * The SSVM version (jar manifest, "dev" when run from classes) plus a fingerprint of the class files of the
     * code generator and of the runtime classes generated code calls: the version alone does not change between
     * snapshot builds, and code generated against other helper signatures would fail at its first call.
     */
    static String ssvmVersion() {
        return VERSION;
    }

    /**
     * Class files that decide what generated code looks like and what it calls (by resource name: loading the
     * classes to find them would cost more than reading them).
     */
    private static final String[] FINGERPRINTED = {"org/ssvm/compiler/ModuleCompiler", "org/ssvm/compiler/FunctionCompiler",
            "org/ssvm/compiler/NumericEmitter", "org/ssvm/compiler/JvmTypes", "org/ssvm/compiler/ModulePlan",
            "org/ssvm/compiler/RegionPlanner", "org/ssvm/compiler/CompiledFunction", "org/ssvm/compiler/AotKey",
            "org/ssvm/compiler/MeteringEmitter",
            "org/ssvm/compiler/Rt", "org/ssvm/compiler/Ctx", "org/ssvm/runtime/NumericOps",
            "org/ssvm/runtime/simd/SimdOps", "org/ssvm/runtime/Memory", "org/ssvm/runtime/Table",
            "org/ssvm/runtime/Instantiator", "org/ssvm/runtime/FunctionInstance", "org/ssvm/TrapException",
            "org/ssvm/model/Opcode"};

    private static final String VERSION = computeVersion();

    private static String computeVersion() {
        String v = AotKey.class.getPackage().getImplementationVersion();
        // CRC-32C, not a cryptographic hash: it tells builds apart; what stored code may do is checked at load
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        ClassLoader loader = AotKey.class.getClassLoader();
        for (String name : FINGERPRINTED) {
            java.net.URL url = loader.getResource(name + ".class");
            if (url == null) {
                throw new IllegalStateException("no class file for " + name);
            }
            try {
                if (url.openConnection() instanceof java.net.JarURLConnection jar) {
                    // in a jar, the entry's CRC-32 from the jar's directory stands for its bytes: nothing to inflate
                    // and hash at every start (this runs before each use of the code cache)
                    long entryCrc = jar.getJarEntry().getCrc();
                    for (int shift = 0; shift < 32; shift += 8) {
                        crc.update((int) (entryCrc >>> shift));
                    }
                } else {
                    try (InputStream in = url.openStream()) {
                        crc.update(in.readAllBytes());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read class file of " + name, e);
            }
        }
        return (v != null ? v : "dev") + "+" + Long.toHexString(crc.getValue());
    }

    /** The JDK's feature version: class files and the verifier's rules follow it. */
    static int jdkFeature() {
        return Runtime.version().feature();
    }

    /**
     * The compiler options that change generated code, as one string; stored code is used only under equal
     * options. Stored code is always made without metering (an engine that meters compiles instead); options
     * added later that change generated code must be added here, or must bypass stored code.
     */
    static String config(int maxCallDepth) {
        return "splitAbove=" + Integer.getInteger("ssvm.compiler.splitAbove", 7600)
                + ",minRegion=" + Integer.getInteger("ssvm.compiler.minRegion", RegionPlanner.MIN_REGION_BYTES)
                + ",interpretAbove=" + ModuleCompiler.INTERPRET_ABOVE
                + ",maxCallDepth=" + maxCallDepth + ",metering=off";
    }

    /**
     * SHA-256 of the module's encoding by {@link ModuleEncoder} without any custom section: exactly the parts
     * that give the module its meaning and that the compiler reads. The engine gets the decoded model, not the
     * file, so the model is encoded again; custom sections are left out because they do not change the code
     * (the compiler reads none) and hosts change names (the CLI names a module after its file).
     */
    static byte[] moduleHash(Module module) {
        return sha256().digest(WasmSections.withoutCustomSections(ModuleEncoder.encode(module)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
