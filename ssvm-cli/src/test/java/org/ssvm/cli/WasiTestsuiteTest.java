package org.ssvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.ssvm.EngineKind;
import org.ssvm.WasmModule;
import org.ssvm.testing.SharedMaterial;
import org.ssvm.wasi.WasiTestSpec;

/**
 * Runs every test of the official WASI preview 1 test suite (c, rust, assemblyscript) by its .json
 * specification, through the same path as {@code ssvm run}. The fixture directories are copied to a fresh
 * temporary folder for each test, because tests write into them and the shared copy is read-only.
 */
class WasiTestsuiteTest {
    private static final List<String> SUITES = List.of("c", "rust", "assemblyscript");

    @TempDir
    Path scratch;

    @TestFactory
    Stream<DynamicTest> wasiTestsuite() throws IOException {
        Path root = SharedMaterial.require("wasi-testsuite");
        List<Path> tests;
        try (Stream<Path> s = SUITES.stream().flatMap(suite -> list(root.resolve(suite)))) {
            tests = s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        assertTrue(tests.size() >= 70, "expected the whole WASI test suite, found " + tests.size() + " tests");
        return Stream.of(EngineKind.values()).flatMap(engine -> tests.stream().map(wasm -> DynamicTest.dynamicTest(
                engine + " " + wasm.getParent().getFileName() + "/" + wasm.getFileName(), () -> runOne(engine, wasm))));
    }

    private void runOne(EngineKind engine, Path wasm) throws IOException {
        WasiTestSpec spec = WasiTestSpec.load(wasm);
        Path work = Files.createTempDirectory(scratch, "run");
        for (String dir : spec.dirs()) {
            copyTree(wasm.resolveSibling(dir), work.resolve(dir));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String program = wasm.getFileName().toString();
        int exit = WasiProgram.run(engine, WasmModule.fromPath(wasm),
                spec.configure(program, work, out, err).build(), program);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(spec.exitCode(), exit, "exit code; stderr: " + stderr);
        if (spec.stdout() != null) {
            assertEquals(spec.stdout(), out.toString(StandardCharsets.UTF_8), "stdout");
        }
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    /** Copies a fixture tree, keeping symbolic links as links (some tests depend on them). */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isSymbolicLink(source)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(source));
                } else if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
