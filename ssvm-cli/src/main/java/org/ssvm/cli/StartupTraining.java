package org.ssvm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training workload of the JDK AOT cache that the {@code ./ssvm} launcher makes once per build
 * ({@code java -XX:AOTCacheOutput=... -jar ssvm-cli.jar --aot-training}). The cache holds the classes this run
 * loaded and links, so it runs the paths that users' starts take, each on a small WASI program: a binary module
 * compiled and stored in a code cache, the same module loaded from that cache (what every later run of a
 * program does), the interpreter, and a text module. Nothing it prints is shown; it leaves no files.
 */
final class StartupTraining {
    static final String OPTION = "--aot-training";
    private static final String PROGRAM = "startup-training.wat";

    private StartupTraining() {
    }

    /** Runs the workload; 0 when every step succeeded. */
    static int run() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ssvm-training");
            Path wat = dir.resolve(PROGRAM);
            try (InputStream in = StartupTraining.class.getResourceAsStream(PROGRAM)) {
                if (in == null) {
                    throw new IOException("resource " + PROGRAM + " is missing from the jar");
                }
                Files.write(wat, in.readAllBytes());
            }
            String wasm = dir.resolve("training.wasm").toString();
            String cache = dir.resolve("cache").toString();
            String[][] steps = {
                {"wat2wasm", wat.toString(), "-o", wasm},
                {"run", "--cache-dir", cache, wasm},        // compiles, stores the classes
                {"run", "--cache-dir", cache, wasm},        // loads them from the code cache
                {"run", "--engine", "interpreter", wasm},
                {"run", "--no-cache", wat.toString()},
            };
            for (String[] step : steps) {
                int exit = Main.execute(quiet(), step);
                if (exit != 0) {
                    System.err.println("ssvm: training step '" + String.join(" ", step) + "' exited " + exit);
                    return exit;
                }
            }
            return 0;
        } catch (IOException e) {
            System.err.println("ssvm: training: " + e);
            return 1;
        } finally {
            if (dir != null) {
                delete(dir);
            }
        }
    }

    private static ProcessStreams quiet() {
        return new ProcessStreams(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream());
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
