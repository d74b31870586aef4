package org.ssvm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The command line of {@code ./ssvm-bench}, parsed. Lists are null when not given (meaning: all). */
record BenchOptions(
        int runs,
        String size,
        List<String> engines,
        List<String> kernels,
        int timeoutSeconds,
        Path out,
        Path root,
        String java,
        Path shared,
        Path config,
        boolean list,
        boolean help) {

    static final String USAGE = """
            usage: ./ssvm-bench [options]
                   ./ssvm-bench --jmh [JMH options]   (JMH microbenchmarks of SSVM; -h lists JMH's options)
              --runs N            whole-process runs per cell; the cell shows their median (default 3)
              --size S            default or large: the sizes of shared/bench/README.md; small: a smoke test
                                  that checks every engine's output in seconds (default: default)
              --engines a,b,...   engines to run (default: all in bench/engines.conf); native always runs
              --kernels x,y,...   kernels to run (default: all)
              --timeout S         seconds a run may take before its cell shows "timeout" (default 300)
              --out FILE          also write the report as Markdown to FILE
              --shared DIR        the shared material holding bench/ (default: ../shared next to the repository, or ../../shared)
              --config FILE       engine command templates (default: bench/engines.conf)
              --list              list the engines and kernels, then stop
              --help              show this help
            """;

    static BenchOptions parse(String... args) {
        int runs = 3;
        String size = "default";
        List<String> engines = null;
        List<String> kernels = null;
        int timeout = 300;
        Path out = null;
        Path root = Path.of(".");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path shared = null;
        Path config = null;
        boolean list = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--runs" -> runs = positive(a, value(args, ++i, a));
                case "--size" -> {
                    size = value(args, ++i, a);
                    if (!Kernel.SIZES.contains(size)) {
                        throw new IllegalArgumentException("--size takes small, default or large, not " + size);
                    }
                }
                case "--engines" -> engines = names(value(args, ++i, a));
                case "--kernels" -> kernels = names(value(args, ++i, a));
                case "--timeout" -> timeout = positive(a, value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--root" -> root = Path.of(value(args, ++i, a));
                case "--java" -> java = value(args, ++i, a);
                case "--shared" -> shared = Path.of(value(args, ++i, a));
                case "--config" -> config = Path.of(value(args, ++i, a));
                case "--list" -> list = true;
                case "--help", "-h" -> help = true;
                // ./ssvm-bench hands --jmh to JMH only as its first argument.
                case "--jmh" -> throw new IllegalArgumentException("--jmh must be the first argument of ./ssvm-bench");
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        root = root.toAbsolutePath().normalize();
        if (shared == null) {
            String env = System.getenv("SSVM_SHARED");
            shared = env != null && !env.isBlank() ? Path.of(env) : defaultShared(root);
        }
        if (config == null) {
            config = root.resolve("bench/engines.conf");
        }
        return new BenchOptions(runs, size, engines, kernels, timeout, out, root, java,
                shared.toAbsolutePath().normalize(), config, list, help);
    }

    /** ../shared next to the repository, or next to its parent folder for a git worktree kept in a subfolder. */
    static Path defaultShared(Path root) {
        Path beside = root.resolve("../shared");
        Path above = root.resolve("../../shared");
        return !Files.isDirectory(beside.resolve("bench")) && Files.isDirectory(above.resolve("bench")) ? above : beside;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a positive whole number, not " + text);
    }

    private static List<String> names(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
