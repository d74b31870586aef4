package org.ssvm.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command as a whole process and measures its wall time, from start to exit. Output goes to temporary
 * files rather than pipes, so a chatty program never blocks on a full pipe while we wait for it.
 */
final class ProcessRunner {
    private final Path workDir;
    private final Duration timeout;

    ProcessRunner(Path workDir, Duration timeout) {
        this.workDir = workDir;
        this.timeout = timeout;
    }

    RunResult run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ssvm-bench", ".out");
        Path err = Files.createTempFile("ssvm-bench", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            long start = System.nanoTime();
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                return new RunResult(RunResult.Status.NOT_AVAILABLE, 0, "",
                        "cannot start " + command.getFirst() + ": " + String.valueOf(e.getMessage()).strip());
            }
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!exited) {
                // ./ssvm and node may have children; end the whole tree we started.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
                return new RunResult(RunResult.Status.TIMEOUT, seconds, "",
                        "no exit within " + timeout.toSeconds() + " s");
            }
            String stdout = read(out);
            int exit = process.exitValue();
            if (exit != 0) {
                return new RunResult(RunResult.Status.FAILED, seconds, stdout,
                        "exit " + exit + reason(read(err).lines().toList()));
            }
            return new RunResult(RunResult.Status.OK, seconds, stdout, "");
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Reads a whole output file; bytes that are not UTF-8 become replacement characters, not an error. */
    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /** The first telling line of a failed run's standard error. */
    static String reason(List<String> stderr) {
        return stderr.stream()
                .map(String::strip)
                // JVM warnings and the ./ssvm launcher's "building" line say nothing about the failure.
                .filter(l -> !l.isEmpty() && !l.startsWith("WARNING") && !l.startsWith("ssvm: building"))
                .findFirst()
                .map(l -> ": " + (l.length() > 160 ? l.substring(0, 160) + "..." : l))
                .orElse("");
    }
}
