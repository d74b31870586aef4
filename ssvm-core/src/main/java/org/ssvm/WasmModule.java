package org.ssvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ssvm.binary.ModuleDecoder;
import org.ssvm.model.Export;
import org.ssvm.model.Import;
import org.ssvm.model.Module;
import org.ssvm.validation.Validator;

/**
 * A decoded and validated module, ready to be instantiated any number of times with a {@link Linker}.
 *
 * <pre>{@code
 * WasmModule module = WasmModule.fromPath(Path.of("app.wasm"));
 * for (Import imp : module.imports()) System.out.println(imp.module() + "." + imp.name());
 * }</pre>
 */
public final class WasmModule {
    private final Module module;

    private WasmModule(Module module) {
        this.module = module;
    }

    /**
     * Decodes and validates a binary module.
     *
     * @throws DecodeException     when the bytes are malformed
     * @throws ValidationException when the module is invalid
     */
    public static WasmModule fromBytes(byte[] bytes) {
        Module m = ModuleDecoder.decode(bytes);
        Validator.validate(m);
        return new WasmModule(m);
    }

    /** Reads a binary module file, then as {@link #fromBytes}. */
    public static WasmModule fromPath(Path path) {
        try {
            return fromBytes(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Reads a binary module file, then as {@link #fromBytes}. */
    public static WasmModule fromFile(java.io.File file) {
        return fromPath(file.toPath());
    }

    /** Validates a module built some other way (for example by the text parser). */
    public static WasmModule of(Module module) {
        Validator.validate(module);
        return new WasmModule(module);
    }

    /**
     * Wraps a module the caller has already validated. Executing an invalid module this way has undefined
     * results.
     */
    public static WasmModule ofValidated(Module module) {
        return new WasmModule(module);
    }

    /** The underlying model. */
    public Module model() { return module; }

    public List<Import> imports() { return List.copyOf(module.imports()); }

    public List<Export> exports() { return List.copyOf(module.exports()); }
}
