package org.ssvm.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ssvm.DecodeException;
import org.ssvm.model.Module;
import org.ssvm.testing.SharedMaterial;

/**
 * Every binary module of the spec suite (2.0): well-formed ones must decode (and survive an encode/decode
 * round trip), those in {@code assert_malformed} must fail with the expected category.
 */
class SpecBinaryModulesTest {
    static Path suiteDir() {
        return SharedMaterial.require("testsuite/wasm-2.0");
    }

    @Test
    void everyBinaryModuleDecodesOrFailsAsExpected() throws IOException {
        Path dir = suiteDir();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        int wellFormed = 0;
        int malformed = 0;
        int roundTrips = 0;
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            for (WastBinaryExtractor.BinaryModule m : WastBinaryExtractor.extract(Files.readString(file))) {
                String where = name + ":" + m.line();
                if (m.command().equals("assert_malformed")) {
                    try {
                        ModuleDecoder.decode(m.bytes());
                        failures.add(where + ": decoded, expected \"" + m.expected() + "\"");
                    } catch (DecodeException e) {
                        if (!e.getMessage().startsWith(m.expected())) {
                            failures.add(where + ": got \"" + e.getMessage() + "\", expected \"" + m.expected() + "\"");
                        } else {
                            malformed++;
                        }
                    }
                } else {
                    Module module;
                    try {
                        module = ModuleDecoder.decode(m.bytes());
                        wellFormed++;
                    } catch (DecodeException e) {
                        failures.add(where + " (" + m.command() + "): " + e.getMessage());
                        continue;
                    }
                    try {
                        ModuleAssert.assertModulesEqual(module, ModuleDecoder.decode(ModuleEncoder.encode(module)));
                        roundTrips++;
                    } catch (AssertionError | DecodeException e) {
                        failures.add(where + " round trip: " + e.getMessage());
                    }
                }
            }
        }
        System.out.printf("spec binary modules: %d well-formed decoded (%d round-tripped), %d malformed rejected"
                + " with the expected message, %d failures%n", wellFormed, roundTrips, malformed, failures.size());
        failures.forEach(System.out::println);
        assertTrue(wellFormed > 50 && malformed > 700, "too few modules found: " + wellFormed + "/" + malformed);
        assertEquals(List.of(), failures);
    }
}
