package org.ssvm.compiler;

import java.lang.classfile.ClassFile;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.ssvm.model.CustomSection;
import org.ssvm.model.Module;

/**
 * Uses the classes stored in a module's {@code ssvm.aot} section instead of generating them, when the section
 * was written for this SSVM build, JDK, compiler options and module (see {@link AotFormat}).
 *
 * <p>Trust: the stored classes are code that runs in this JVM. Besides the header and hash checks, each class is
 * checked before it is defined: its name must be one the plan expects, and its constant pool may name only the
 * classes generated code uses (our runtime helpers, a few java.lang types and the module's own classes), so that
 * it cannot reach files, processes or reflection. The JVM verifies every class of our (non-boot) loader when it
 * links it, which {@link ModuleCompiler#load} does for all of them before any guest code runs; a class it refuses
 * rejects the section. With {@code ssvm.compiler.verify=true} (or strict mode) the class file API's verifier
 * also runs first (it costs more than compiling the module again in a fresh JVM). A section failing any check is
 * ignored, with a warning, and the module compiled as usual.
 */
final class AotLoader {
    /** The System.Logger warnings go to; looked up only when one is written (creating it starts logging). */
    private static final String LOGGER = "org.ssvm.compiler.aot";
    private static final Pattern PREFIX = Pattern.compile("org\\.ssvm\\.compiler\\.gen\\.[A-Za-z0-9_]+");

    /** Classes (internal names) stored code may refer to besides its own. */
    private static final Set<String> ALLOWED = Set.of(
            "java/lang/Object", "java/lang/String", "java/lang/Math", "java/lang/Float", "java/lang/Double",
            "java/lang/Integer", "java/lang/Long", "java/lang/invoke/MethodHandle", "java/lang/Throwable",
            "java/lang/StackOverflowError",
            "org/ssvm/compiler/Rt", "org/ssvm/compiler/Ctx", "org/ssvm/compiler/CompiledFunction",
            "org/ssvm/compiler/InstanceState", "org/ssvm/compiler/CodeEntry", "org/ssvm/runtime/NumericOps",
            "org/ssvm/runtime/simd/SimdOps",
            "org/ssvm/runtime/Memory", "org/ssvm/runtime/Table", "org/ssvm/runtime/Global",
            "org/ssvm/runtime/FunctionInstance", "org/ssvm/runtime/Instantiator", "org/ssvm/TrapException",
            "org/ssvm/model/Opcode");

    private AotLoader() {
    }

    /** The outcome for one module: its code (null when it must be compiled) and what happened, for tests. */
    record Result(ModuleCode code, Status status, String reason) {
    }

    /** NONE: no section; SKIPPED: not looked at (metering); LOADED; REJECTED: ignored, see the reason. */
    enum Status { NONE, SKIPPED, LOADED, REJECTED }

    /** Stored code is not even looked at (the engine's options differ from what it is made for). */
    static Result skipped(String reason) {
        return new Result(null, Status.SKIPPED, reason);
    }

    /**
     * Loads the module's stored code for an engine without metering and with call depth limit {@code
     * maxCallDepth}, or says why not (a rejection is also logged as a warning).
     */
    static Result load(Module module, int maxCallDepth) {
        byte[] data = null;
        for (CustomSection c : module.customSections()) {
            if (c.name().equals(AotFormat.SECTION_NAME)) {
                if (data != null) {
                    return rejected("more than one " + AotFormat.SECTION_NAME + " section");
                }
                data = c.data();
            }
        }
        if (data == null) {
            return new Result(null, Status.NONE, null);
        }
        Result r = loadImage(module, data, maxCallDepth, org.ssvm.metering.MeteringConfig.DEFAULT, true,
                () -> AotKey.moduleHash(module), true);
        if (r.status() == Status.REJECTED) {
            warnIgnored(r.reason());
        }
        return r;
    }

    /**
     * Loads stored code from {@code data}, the contents of an ssvm.aot section or a {@link CodeCache} entry,
     * whose module must have the key {@code moduleKey} (asked for only when the versions match), or says why not.
     * {@code checkClasses}: check what the classes refer to (see above) before defining them, as code that came
     * with a module needs; the code cache, written by SSVM in the user's own directory, skips it.
     */
    static Result loadImage(Module module, byte[] data, int maxCallDepth,
                            org.ssvm.metering.MeteringConfig metering, boolean exactGas,
                            Supplier<byte[]> moduleKey, boolean checkClasses) {
        try {
            AotFormat.Image image = AotFormat.read(data, AotKey.config(maxCallDepth, metering, exactGas),
                    moduleKey);
            ModulePlan plan = new ModulePlan(module, image.classPrefix(), metering, maxCallDepth, exactGas);
            if (checkClasses) {
                check(plan, image);
            }
            System.arraycopy(image.fallback(), 0, plan.fallback, 0, plan.fallback.length);
            return new Result(ModuleCompiler.load(plan, image.classes()), Status.LOADED, null);
        } catch (AotFormat.Rejected e) {
            return new Result(null, Status.REJECTED, e.getMessage());
        } catch (LinkageError | RuntimeException e) {
            return new Result(null, Status.REJECTED, "stored classes cannot be loaded: " + e);
        }
    }

    private static Result rejected(String reason) {
        warnIgnored(reason);
        return new Result(null, Status.REJECTED, reason);
    }

    private static void warnIgnored(String reason) {
        System.getLogger(LOGGER).log(System.Logger.Level.WARNING, "ignoring the " + AotFormat.SECTION_NAME
                + " section (" + reason + "); compiling the module");
    }

    /** Checks names and class files of an image against the plan before anything is defined. */
    private static void check(ModulePlan plan, AotFormat.Image image) throws AotFormat.Rejected {
        if (!PREFIX.matcher(plan.classPrefix).matches()) {
            throw new AotFormat.Rejected("bad class prefix " + plan.classPrefix);
        }
        if (image.fallback().length != plan.funcTypes.length) {
            throw new AotFormat.Rejected("function count differs from the module's");
        }
        Set<String> expected = new HashSet<>();
        for (int c = 0; c < plan.classCount(); c++) {
            expected.add(plan.className(c));
        }
        Set<String> stored = image.classes().keySet();
        if (!stored.containsAll(expected)) {
            throw new AotFormat.Rejected("classes missing");
        }
        expected.add(plan.dispatcherClass());
        if (!expected.containsAll(stored)) {
            throw new AotFormat.Rejected("unexpected classes");
        }
        String own = plan.classPrefix.replace('.', '/') + "$";
        ClassFile cf = ModuleCompiler.VERIFY ? ModuleCompiler.classFile() : null;
        for (Map.Entry<String, byte[]> c : image.classes().entrySet()) {
            String outside;
            try {
                outside = disallowedReference(ClassRefs.of(c.getValue()), own);
            } catch (IllegalArgumentException e) {
                throw new AotFormat.Rejected("class " + c.getKey() + " is malformed: " + e.getMessage());
            }
            if (outside != null) {
                throw new AotFormat.Rejected("class " + c.getKey() + " refers to " + outside);
            }
            if (cf != null) {
                List<VerifyError> errors = cf.verify(c.getValue());
                if (!errors.isEmpty()) {
                    throw new AotFormat.Rejected("class " + c.getKey() + " fails verification: "
                            + errors.getFirst().getMessage());
                }
            }
        }
    }

    /** The first of these classes (internal names) that stored code may not use, or null. */
    static String disallowedReference(List<String> classNames, String ownPrefix) {
        for (String n : classNames) {
            if (!allowed(n, ownPrefix)) {
                return n;
            }
        }
        return null;
    }

    /** Whether stored code may name this class (array types by their element type). */
    static boolean allowed(String internalName, String ownPrefix) {
        String n = internalName;
        while (n.startsWith("[")) {
            n = n.substring(1);
        }
        if (n.length() == 1) {
            return true; // primitive array
        }
        if (n.startsWith("L") && n.endsWith(";")) {
            n = n.substring(1, n.length() - 1);
        }
        return ALLOWED.contains(n) || n.startsWith(ownPrefix) && n.indexOf('/', ownPrefix.length()) < 0;
    }
}
