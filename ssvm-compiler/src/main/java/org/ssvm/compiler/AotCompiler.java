package org.ssvm.compiler;

import org.ssvm.binary.ModuleDecoder;
import org.ssvm.model.Module;
import org.ssvm.validation.Validator;

/**
 * Ahead-of-time compilation: adds to a Wasm binary a custom section {@code ssvm.aot} holding the JVM classes the
 * compiler engine would generate for it, so that the engine defines them instead of compiling on first call.
 * The result is still a valid module for any runtime (custom sections do not change a module's meaning).
 *
 * <p>The stored code is made for an engine without metering and with the default call depth limit. It is used
 * only by the same SSVM build on the same JDK feature version with the same code-changing compiler options, and
 * only while the rest of the module is unchanged (see {@link AotFormat}); otherwise the engine ignores it with a
 * warning and compiles as usual. An engine that meters gas or polls for interruption never looks at it.
 */
public final class AotCompiler {
    /** The name of the custom section. */
    public static final String SECTION_NAME = AotFormat.SECTION_NAME;
    /** The class names of stored code: fixed, so that compiling a module twice gives the same bytes. */
    static final String CLASS_PREFIX = "org.ssvm.compiler.gen.Aot";

    private AotCompiler() {
    }

    /** Whether the decoded module carries an {@code ssvm.aot} section (the compiler engine would look at it first). */
    public static boolean hasSection(Module module) {
        for (var c : module.customSections()) {
            if (c.name().equals(SECTION_NAME)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The module {@code wasm} (a binary) with the compiled classes appended in an {@code ssvm.aot} section; an
     * older such section is removed first. Throws the decoder's or validator's exception for a bad module.
     */
    public static byte[] compile(byte[] wasm) {
        ModuleDecoder.decode(wasm); // a malformed module fails here, before the section walk
        byte[] plain = WasmSections.without(wasm, SECTION_NAME);
        Module module = ModuleDecoder.decode(plain);
        Validator.validate(module);
        int depth = org.ssvm.interpreter.InterpreterEngine.DEFAULT_MAX_CALL_DEPTH;
        ModuleCompiler.Compiled compiled = ModuleCompiler.compileLoaded(module, CLASS_PREFIX, depth);
        byte[] data = AotFormat.write(depth, AotKey.moduleHash(module),
                new AotFormat.Image(compiled.classPrefix(), compiled.fallback(), compiled.classes()));
        byte[] section = WasmSections.custom(SECTION_NAME, data);
        byte[] out = new byte[plain.length + section.length];
        System.arraycopy(plain, 0, out, 0, plain.length);
        System.arraycopy(section, 0, out, plain.length, section.length);
        return out;
    }
}
