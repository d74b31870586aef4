package org.ssvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssvm.EngineKind;
import org.ssvm.WasmModule;
import org.ssvm.wasi.WasiConfig;

/**
 * Runs our file-system exercise (resources/wasi/fsops.c, built to fsops.wasm) in a fresh preopened directory
 * and compares what it prints with what the same C program printed when built natively for Linux
 * (fsops.expected; build.sh beside the sources regenerates both).
 */
class FsopsTest {
    @TempDir
    Path sandbox;

    @Test
    void fileSystemBehavesAsOnLinux() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.builder()
                .args("fsops", "/sandbox")
                .preopen(sandbox, "/sandbox")
                .stdout(out)
                .stderr(err)
                .build();
        int exit = WasiProgram.run(EngineKind.INTERPRETER, WasmModule.fromPath(CliRun.resource("wasi/fsops.wasm")),
                config, "fsops.wasm");
        assertEquals(0, exit, "exit code; stderr: " + err.toString(StandardCharsets.UTF_8));
        assertEquals(expected(), out.toString(StandardCharsets.UTF_8));
        try (Stream<Path> left = Files.list(sandbox)) {
            assertEquals(0, left.count(), "fsops removes everything it created");
        }
    }

    static String expected() throws IOException {
        return Files.readString(CliRun.resource("wasi/fsops.expected"), StandardCharsets.UTF_8);
    }
}
