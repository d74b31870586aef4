package org.ssvm.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.ssvm.binary.ModuleEncoder;
import org.ssvm.metering.MeteringConfig;
import org.ssvm.model.Module;

/**
 * What stored compiled code is keyed on besides the format version: the SSVM build, the JDK, the compiler
 * options that change generated code, and the module itself.
 */
final class AotKey {
    private AotKey() {
    }

    /**
     * Class files that decide what generated code looks like and what it calls, by the class whose jar (or class
     * folder) holds them and resource name: loading the classes to find them would cost more than reading them.
     */
    private static final String[] COMPILER_CLASSES = {"org/ssvm/compiler/ModuleCompiler",
            "org/ssvm/compiler/FunctionCompiler", "org/ssvm/compiler/NumericEmitter", "org/ssvm/compiler/JvmTypes",
            "org/ssvm/compiler/ModulePlan", "org/ssvm/compiler/RegionPlanner", "org/ssvm/compiler/CompiledFunction",
            "org/ssvm/compiler/AotKey", "org/ssvm/compiler/MeteringEmitter", "org/ssvm/compiler/Rt",
            "org/ssvm/compiler/Ctx", "org/ssvm/compiler/CodeEntry"};
    private static final String[] CORE_CLASSES = {"org/ssvm/runtime/NumericOps", "org/ssvm/runtime/simd/SimdOps",
            "org/ssvm/runtime/Memory", "org/ssvm/runtime/Table", "org/ssvm/runtime/Instantiator",
            "org/ssvm/runtime/FunctionInstance", "org/ssvm/TrapException", "org/ssvm/model/Opcode"};

    private static volatile String version;

    /**
     * Starts computing what the first look-up of stored code needs (the build fingerprint) on a background
     * thread, so that it overlaps decoding the module.
     */
    static void warmUpInBackground() {
        if (version != null) {
            return; // warm already: engines after the first in a JVM start no thread
        }
        Thread t = new Thread(AotKey::ssvmVersion, "ssvm-aot-key-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The SSVM version (jar manifest, "dev" when run from classes) plus a fingerprint of the class files of the
     * code generator and of the runtime classes generated code calls: the version alone does not change between
     * snapshot builds, and code generated against other helper signatures would fail at its first call.
     */
    static String ssvmVersion() {
        String v = version;
        if (v == null) {
            v = computeVersion();
            version = v; // two threads computing it at once store equal strings
        }
        return v;
    }

    private static String computeVersion() {
        String v = AotKey.class.getPackage().getImplementationVersion();
        // CRC-32C, not a cryptographic hash: it tells builds apart; what stored code may do is checked at load
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        try {
            fingerprint(crc, AotKey.class, COMPILER_CLASSES);
            fingerprint(crc, Module.class, CORE_CLASSES);
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot read the class files of SSVM's compiler: " + e, e);
        }
        return (v != null ? v : "dev") + "+" + Long.toHexString(crc.getValue());
    }

    /**
     * Adds the class files {@code names}, which live where {@code anchor} was loaded from, to {@code crc}. In a
     * jar, the entry's CRC-32 from the jar's directory stands for its bytes: nothing to inflate and hash at every
     * start (this runs before each use of stored code). The jar is found from the anchor's code source, since
     * resource look-ups through the class loader cost milliseconds on a cold JVM.
     */
    private static void fingerprint(java.util.zip.CRC32C crc, Class<?> anchor, String[] names)
            throws IOException, java.net.URISyntaxException {
        java.security.CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || !"file".equals(source.getLocation().getProtocol())) { // an unusual class loader
            for (String name : names) {
                try (java.io.InputStream in = anchor.getClassLoader().getResourceAsStream(name + ".class")) {
                    if (in == null) {
                        throw new IOException("no class file for " + name);
                    }
                    crc.update(in.readAllBytes());
                }
            }
            return;
        }
        Path where = Path.of(source.getLocation().toURI());
        if (Files.isDirectory(where)) { // classes of a build, as in tests
            for (String name : names) {
                crc.update(Files.readAllBytes(where.resolve(name + ".class")));
            }
            return;
        }
        try (ZipFile jar = new ZipFile(where.toFile())) {
            for (String name : names) {
                ZipEntry entry = jar.getEntry(name + ".class");
                if (entry == null) {
                    throw new IOException("no " + name + ".class in " + where);
                }
                long entryCrc = entry.getCrc();
                for (int shift = 0; shift < 32; shift += 8) {
                    crc.update((int) (entryCrc >>> shift));
                }
            }
        }
    }

    /** The JDK's feature version: class files and the verifier's rules follow it. */
    static int jdkFeature() {
        return Runtime.version().feature();
    }

    /** {@link #config(int, MeteringConfig, boolean)} of code without metering, the only kind AOT sections hold. */
    static String config(int maxCallDepth) {
        return config(maxCallDepth, MeteringConfig.DEFAULT, true);
    }

    /**
     * The compiler options that change generated code, as one string; stored code is used only under equal
     * options. Options added later that change generated code must be added here, or must bypass stored code.
     */
    static String config(int maxCallDepth, MeteringConfig metering, boolean exactGas) {
        return "splitAbove=" + Integer.getInteger("ssvm.compiler.splitAbove", 7600)
                + ",minRegion=" + Integer.getInteger("ssvm.compiler.minRegion", RegionPlanner.MIN_REGION_BYTES)
                + ",interpretAbove=" + ModuleCompiler.INTERPRET_ABOVE
                + ",maxCallDepth=" + maxCallDepth + ",metering=" + metering(metering, exactGas);
    }

    private static String metering(MeteringConfig metering, boolean exactGas) {
        if (metering.isOff()) {
            return "off";
        }
        if (!metering.metered()) {
            return "polls";
        }
        return (exactGas ? "exact" : "checkpoints") + (metering.opcodeCounts() ? ",counts" : "")
                + ",costs{" + metering.costTable().toString().replace('\n', ';') + "}";
    }

    /**
     * The module's encoding by {@link ModuleEncoder} without any custom section: exactly the parts that give the
     * module its meaning and that the compiler reads. The engine gets the decoded model, not the file, so the
     * model is encoded again; custom sections are left out because they do not change the code (the compiler
     * reads none) and hosts change names (the CLI names a module after its file).
     */
    static byte[] moduleBytes(Module module) {
        return WasmSections.withoutCustomSections(ModuleEncoder.encode(module));
    }

    /**
     * SHA-256 of {@link #moduleBytes}: what a module's own {@code ssvm.aot} section is keyed on. (The code cache
     * keeps the bytes themselves: on a cold JVM, hashing a 100 KB module costs some 10 ms, comparing it one.)
     */
    static byte[] moduleHash(Module module) {
        return sha256().digest(moduleBytes(module));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
