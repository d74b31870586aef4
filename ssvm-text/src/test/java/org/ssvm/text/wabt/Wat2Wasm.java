package org.ssvm.text.wabt;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs wabt's {@code wat2wasm} over many modules, several processes at a time. wabt 1.0.32 enables every 2.0
 * feature (multi-value, bulk memory, reference types, SIMD, sign extension, saturating conversions, mutable
 * globals) by default, so no feature flag is passed.
 */
final class Wat2Wasm {
    /** What wabt made of one module: the binary, or its error output. */
    record Result(byte[] wasm, String error) {
        boolean accepted() {
            return wasm != null;
        }
    }

    /** One module to convert; {@code noCheck} skips wabt's validation (for modules meant to be invalid). */
    record Job(String text, boolean noCheck) {
    }

    private final Path executable;

    private Wat2Wasm(Path executable) {
        this.executable = executable;
    }

    /**
     * The wat2wasm named by the system property {@code ssvm.wat2wasm}, else the one on the PATH (or in
     * /usr/bin); null when there is none.
     */
    static Wat2Wasm find() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        String given = System.getProperty("ssvm.wat2wasm");
        if (given != null) {
            candidates.add(Path.of(given));
        } else if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "wat2wasm"));
                }
            }
        }
        if (given == null) {
            candidates.add(Path.of("/usr/bin/wat2wasm"));
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return new Wat2Wasm(p);
            }
        }
        return null;
    }

    /** The version wat2wasm reports. */
    String version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }

    /**
     * Converts every job, writing the inputs and outputs under {@code workDir}; results are in job order.
     * Process start-up dominates, so the jobs run on a few more threads than there are cores.
     */
    List<Result> convertAll(List<Job> jobs, Path workDir) throws IOException, InterruptedException {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                int n = i;
                futures.add(pool.submit(() -> convert(jobs.get(n), workDir.resolve("m" + n))));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> f : futures) {
                try {
                    results.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("running wat2wasm failed", e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private Result convert(Job job, Path base) throws IOException, InterruptedException {
        Path in = base.resolveSibling(base.getFileName() + ".wat");
        Path out = base.resolveSibling(base.getFileName() + ".wasm");
        Files.writeString(in, job.text(), StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), in.toString(), "-o", out.toString()));
        if (job.noCheck()) {
            cmd.add("--no-check");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String messages = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(null, "wat2wasm timed out");
        }
        if (p.exitValue() != 0 || !Files.exists(out)) {
            return new Result(null, messages.strip());
        }
        return new Result(Files.readAllBytes(out), null);
    }
}
