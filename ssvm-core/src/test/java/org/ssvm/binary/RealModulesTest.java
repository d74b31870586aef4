package org.ssvm.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ssvm.DecodeException;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Module;
import org.ssvm.testing.SharedMaterial;

/**
 * Compiler-produced modules (benchmarks and WASI tests from the shared material): they decode, every body
 * can be walked with {@link CodeReader}, they round-trip through the encoder, and corrupted copies fail
 * only with {@link DecodeException}.
 */
class RealModulesTest {
    static List<Path> wasmFiles() throws IOException {
        // the walk covers the whole shared folder: the bench kernels and the WASI tests must both be there
        SharedMaterial.require("bench");
        SharedMaterial.require("wasi-testsuite");
        try (Stream<Path> s = Files.walk(SharedMaterial.require("."))) {
            return s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
    }

    @Test
    void compilerOutputDecodesWalksAndRoundTrips() throws IOException {
        List<Path> files = wasmFiles();
        assertTrue(files.size() > 10, "too few .wasm files: " + files.size());
        long instructions = 0;
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            Module m = ModuleDecoder.decode(bytes);
            assertEquals(m.functions().size(), m.bodies().size(), file.toString());
            for (FunctionBody body : m.bodies()) {
                CodeReader r = CodeReader.forBody(body);
                while (r.hasMore()) {
                    r.next();
                    instructions++;
                }
            }
            Module again = ModuleDecoder.decode(ModuleEncoder.encode(m));
            ModuleAssert.assertModulesEqual(m, again);
        }
        System.out.printf("decoded %d real modules, %d instructions%n", files.size(), instructions);
        assertTrue(instructions > 100_000);
    }

    @Test
    void corruptedModulesFailOnlyWithDecodeException() throws IOException {
        List<Path> files = wasmFiles();
        Random random = new Random(42);
        int rejected = 0;
        int runs = 0;
        List<String> crashes = new ArrayList<>();
        for (Path file : files.subList(0, Math.min(files.size(), 12))) {
            byte[] original = Files.readAllBytes(file);
            for (int i = 0; i < 150; i++) {
                byte[] bytes = original.clone();
                int flips = 1 + random.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                if (random.nextInt(4) == 0) {
                    bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
                }
                runs++;
                try {
                    ModuleDecoder.decode(bytes);
                } catch (DecodeException e) {
                    rejected++;
                } catch (RuntimeException | OutOfMemoryError e) {
                    crashes.add(file.getFileName() + " #" + i + ": " + e);
                }
            }
        }
        System.out.printf("corrupted modules: %d runs, %d rejected%n", runs, rejected);
        assertEquals(List.of(), crashes);
        assertTrue(rejected > runs / 4, "suspiciously few rejections: " + rejected + "/" + runs);
    }
}
