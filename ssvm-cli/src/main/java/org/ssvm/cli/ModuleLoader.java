package org.ssvm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ssvm.WasmException;
import org.ssvm.binary.ModuleDecoder;
import org.ssvm.model.Module;
import org.ssvm.text.Wat;

/** Reads a module from a file in either format: binary when it starts with the Wasm magic, else text. */
final class ModuleLoader {
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6D};

    private ModuleLoader() {
    }

    static Module load(Path file) {
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
            return Wat.parseModule(new String(bytes, StandardCharsets.UTF_8));
        } catch (WasmException e) {
            throw new WasmException(file + ": " + e.getMessage(), e);
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
