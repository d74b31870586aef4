package org.ssvm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ssvm.WasmException;
import org.ssvm.binary.ModuleDecoder;
import org.ssvm.binary.ModuleEncoder;
import org.ssvm.model.Module;
import org.ssvm.text.Wat;

/** Reads a module from a file in either format: binary when it starts with the Wasm magic, else text. */
final class ModuleLoader {
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6D};

    private ModuleLoader() {
    }

    static Module load(Path file) {
        return load(file, false);
    }

    /**
     * Reads a module to run it. A text module is run as its binary encoding (what {@code ssvm wat2wasm} writes),
     * so that trap backtraces give offsets in that binary, as they do for a .wasm file.
     */
    static Module loadToRun(Path file) {
        return load(file, true);
    }

    private static Module load(Path file, boolean textAsBinary) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        try {
            if (isBinary(bytes)) {
                return ModuleDecoder.decode(bytes);
            }
            Module parsed = Wat.parseModule(new String(bytes, StandardCharsets.UTF_8));
            return textAsBinary ? asBinary(parsed) : parsed;
        } catch (WasmException e) {
            throw new WasmException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The module decoded from its own encoding, which gives its function bodies their binary offsets. A module
     * that cannot make the trip (it is invalid, and validation will say why) is kept as parsed.
     */
    private static Module asBinary(Module parsed) {
        try {
            return ModuleDecoder.decode(ModuleEncoder.encode(parsed));
        } catch (RuntimeException e) {
            return parsed;
        }
    }

    static boolean isBinary(byte[] bytes) {
        if (bytes.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
