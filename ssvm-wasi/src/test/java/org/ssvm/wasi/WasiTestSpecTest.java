package org.ssvm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssvm.testing.SharedMaterial;

/** Reading wasi-testsuite specifications, including every one in the shared copy of the suite. */
class WasiTestSpecTest {
    static Path suite() {
        return SharedMaterial.require("wasi-testsuite");
    }

    @Test
    void legacyFormat() {
        WasiTestSpec s = WasiTestSpec.parse("""
                {"args": ["a", "the \\"b\\""], "env": {"x": "new\\nline"}, "dirs": ["fs-tests.dir"],
                 "exit_code": 33, "stdout": "hello"}""");
        assertEquals(List.of("a", "the \"b\""), s.args());
        assertEquals(Map.of("x", "new\nline"), s.env());
        assertEquals(List.of("fs-tests.dir"), s.dirs());
        assertEquals(33, s.exitCode());
        assertEquals("hello", s.stdout());
        assertNull(s.stderr());
    }

    @Test
    void operationFormat() {
        WasiTestSpec s = WasiTestSpec.parse("""
                {"proposals": [], "operations": [
                  {"type": "run", "args": ["x"], "env": {"k": "v"}, "dirs": ["d"]},
                  {"type": "read", "id": "stdout", "payload": "out"},
                  {"type": "read", "id": "stderr", "payload": "err"},
                  {"type": "wait", "exit_code": 2}]}""");
        assertEquals(List.of("x"), s.args());
        assertEquals("out", s.stdout());
        assertEquals("err", s.stderr());
        assertEquals(2, s.exitCode());
    }

    @Test
    void configurePreopensUnderTheSameNameWithProgramNameFirst(@TempDir Path root) throws IOException {
        Files.createDirectory(root.resolve("fs-tests.dir"));
        WasiTestSpec s = WasiTestSpec.parse("{\"dirs\": [\"fs-tests.dir\"], \"args\": [\"fs-tests.dir\"]}");
        WasiConfig cfg = s.configure("t.wasm", root, new ByteArrayOutputStream(), new ByteArrayOutputStream())
                .build();
        assertEquals(List.of("t.wasm", "fs-tests.dir"), cfg.args());
        assertEquals("fs-tests.dir", cfg.preopens().get(0).guestPath());
        assertEquals(root.resolve("fs-tests.dir"), cfg.preopens().get(0).hostPath());
        assertTrue(cfg.env().isEmpty());
    }

    @Test
    void cleanupFilesAreRemoved(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("keep"), "");
        Files.writeString(root.resolve("x.cleanup"), "");
        Files.createDirectories(root.resolve("d.cleanup/inner"));
        WasiTestSpec.removeCleanupFiles(root);
        assertTrue(Files.exists(root.resolve("keep")));
        assertTrue(Files.notExists(root.resolve("x.cleanup")));
        assertTrue(Files.notExists(root.resolve("d.cleanup")));
    }

    @Test
    void everySpecInTheSharedSuiteParses() throws IOException {
        List<Path> wasms;
        try (Stream<Path> walk = Files.walk(suite())) {
            wasms = walk.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        assertTrue(wasms.size() > 50, "expected the suite's test modules, found " + wasms.size());
        for (Path w : wasms) {
            WasiTestSpec s = WasiTestSpec.load(w);
            for (String d : s.dirs()) {
                assertTrue(Files.isDirectory(w.resolveSibling(d)), w + " needs " + d);
            }
        }
        WasiTestSpec exit = WasiTestSpec.load(suite().resolve("assemblyscript/proc_exit-failure.wasm"));
        assertEquals(33, exit.exitCode());
        WasiTestSpec env = WasiTestSpec.load(suite().resolve("assemblyscript/environ_get-multiple-variables.wasm"));
        assertEquals("new\nline", env.env().get("c"));
    }
}
