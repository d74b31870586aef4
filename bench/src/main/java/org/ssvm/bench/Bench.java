package org.ssvm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssvm.bench.RunResult.Status;

/**
 * The benchmark harness behind {@code ./ssvm-bench}: runs every selected engine on every selected kernel as a
 * whole process, several times, checks each run's output against the native build's, and prints a Markdown
 * report (see {@link Report}). Runs are interleaved, one round over all engines per repetition, so slow
 * changes in the load of a shared machine spread over all engines instead of landing on one.
 */
public final class Bench {
    private final BenchOptions options;
    private final List<Engine> engines;
    private final List<Kernel> kernels;
    private final Path benchDir;
    private final ProcessRunner runner;

    private Bench(BenchOptions options, List<Engine> engines, List<Kernel> kernels) {
        this.options = options;
        this.engines = engines;
        this.kernels = kernels;
        this.benchDir = options.shared().resolve("bench");
        this.runner = new ProcessRunner(options.root(), Duration.ofSeconds(options.timeoutSeconds()));
    }

    public static void main(String[] args) throws Exception {
        try {
            System.exit(run(BenchOptions.parse(args)));
        } catch (IllegalArgumentException e) {
            System.err.println("ssvm-bench: error: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
        }
    }

    static int run(BenchOptions options) throws IOException, InterruptedException {
        if (options.help()) {
            System.out.print(BenchOptions.USAGE);
            return 0;
        }
        List<Engine> all = Engine.load(options.config());
        if (options.list()) {
            System.out.println("engines (" + options.config() + "):");
            all.forEach(e -> System.out.println("  " + e.name() + " = " + String.join(" ", e.template())));
            System.out.println("kernels (small / default / large argument):");
            Kernel.ALL.forEach(k -> System.out.println("  " + k.name() + " " + k.args("small") + " / "
                    + k.args("default") + " / " + k.args("large")));
            return 0;
        }
        Path benchDir = options.shared().resolve("bench");
        if (!Files.isDirectory(benchDir.resolve("wasm")) || !Files.isDirectory(benchDir.resolve("native"))) {
            System.err.println("ssvm-bench: error: the benchmark kernels are missing: no " + benchDir
                    + "/wasm and /native.\n  They are the shared material next to the repository (../shared/bench;"
                    + " sources in bench/src, rebuilt by bench/build.sh). Point --shared or SSVM_SHARED at it.");
            return 1;
        }
        return new Bench(options, selectEngines(all, options.engines()), selectKernels(options.kernels())).run();
    }

    /** The engines in the order of the configuration; native always comes first, as the reference. */
    static List<Engine> selectEngines(List<Engine> all, List<String> names) {
        Map<String, Engine> byName = new LinkedHashMap<>();
        all.forEach(e -> byName.put(e.name(), e));
        if (!byName.containsKey(Report.NATIVE)) {
            throw new IllegalArgumentException("the engine configuration has no '" + Report.NATIVE + "' engine");
        }
        List<Engine> chosen = new ArrayList<>();
        chosen.add(byName.get(Report.NATIVE));
        List<String> wanted = names == null ? List.copyOf(byName.keySet()) : names;
        for (String name : wanted) {
            Engine e = byName.get(name);
            if (e == null) {
                throw new IllegalArgumentException("unknown engine " + name + "; known: "
                        + String.join(", ", byName.keySet()));
            }
            if (!chosen.contains(e)) {
                chosen.add(e);
            }
        }
        return chosen;
    }

    static List<Kernel> selectKernels(List<String> names) {
        if (names == null) {
            return Kernel.ALL;
        }
        List<Kernel> chosen = new ArrayList<>();
        for (String name : names) {
            Kernel k = Kernel.byName(name).orElseThrow(() -> new IllegalArgumentException("unknown kernel " + name
                    + "; known: " + String.join(", ", Kernel.ALL.stream().map(Kernel::name).toList())));
            if (!chosen.contains(k)) {
                chosen.add(k);
            }
        }
        return chosen;
    }

    private int run() throws IOException, InterruptedException {
        String startedAt = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        String loadBefore = loadAverage();
        warmUp();
        Report report = new Report(kernels.stream().map(Kernel::name).toList(),
                engines.stream().map(Engine::name).toList());
        for (Kernel kernel : kernels) {
            runKernel(kernel, report);
        }
        String text = render(report, startedAt, loadBefore, loadAverage());
        System.out.print(text);
        if (options.out() != null) {
            Path out = options.out().toAbsolutePath();
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, text);
            System.err.println("ssvm-bench: report written to " + out);
        }
        return 0;
    }

    /**
     * One untimed run of hello per engine first: it fills the disk cache with the engine's files and lets
     * ./ssvm build itself if it must, so neither lands in a timed run.
     */
    private void warmUp() throws IOException, InterruptedException {
        Kernel hello = Kernel.byName(Kernel.STARTUP).orElseThrow();
        for (Engine engine : engines) {
            RunResult r = runner.run(command(engine, hello, List.of()));
            System.err.println("ssvm-bench: warm-up " + engine.name() + ": " + describe(r));
        }
    }

    private void runKernel(Kernel kernel, Report report) throws IOException, InterruptedException {
        List<String> args = kernel.args(options.size());
        String expected = null;
        Map<String, Boolean> stopped = new LinkedHashMap<>();
        for (int round = 1; round <= options.runs(); round++) {
            for (Engine engine : engines) {
                if (stopped.getOrDefault(engine.name(), false)) {
                    continue;
                }
                RunResult r = runner.run(command(engine, kernel, args)).withoutPrefix(benchDir + "/");
                if (engine.name().equals(Report.NATIVE)) {
                    if (expected == null && r.status() == Status.OK) {
                        expected = r.stdout();
                    }
                } else {
                    r = r.checkedAgainst(expected);
                }
                report.add(kernel.name(), engine.name(), r);
                System.err.printf("ssvm-bench: %s %s run %d/%d: %s%n", kernel.name(), engine.name(), round,
                        options.runs(), describe(r));
                // One bad run decides the cell; do not spend more timeouts on it.
                if (r.status() != Status.OK) {
                    stopped.put(engine.name(), true);
                }
            }
        }
    }

    private List<String> command(Engine engine, Kernel kernel, List<String> args) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("wasm", benchDir.resolve("wasm").resolve(kernel.name() + ".wasm").toString());
        vars.put("native", benchDir.resolve("native").resolve(kernel.name()).toString());
        vars.put("root", options.root().toString());
        vars.put("java", options.java());
        vars.put("bench", options.root().resolve("bench").toString());
        vars.put("target", options.root().resolve("bench/target").toString());
        return engine.command(vars, args);
    }

    private static String describe(RunResult r) {
        String time = Report.seconds(r.seconds()) + " s";
        return r.status() == Status.OK ? time : r.status().label() + " after " + time + " (" + r.detail() + ")";
    }

    private String render(Report report, String startedAt, String loadBefore, String loadAfter) {
        StringBuilder sb = new StringBuilder();
        sb.append("## SSVM benchmark, ").append(startedAt).append(" UTC\n\n");
        sb.append("Size ").append(options.size()).append(", ").append(options.runs())
                .append(options.runs() == 1 ? " run" : " runs").append(" per cell, timeout ")
                .append(options.timeoutSeconds()).append(" s. ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, load average ")
                .append(loadBefore).append(" before and ").append(loadAfter).append(" after; JDK ")
                .append(Runtime.version()).append(".\n");
        sb.append("Each cell: median wall time of whole-process runs in seconds (ratio to native). Every run's"
                + " output is checked against native's: WRONG marks a difference. Last row: geometric mean of the"
                + " ratios over ").append(report.meanKernels().equals(List.of(Kernel.STARTUP)) ? "hello"
                        : "the kernels other than hello (a startup test)").append(".\n");
        if (options.size().equals("small")) {
            sb.append("Size small is a smoke test of every engine's output: its times are mostly startup, so its"
                    + " ratios say little about speed.\n");
        }
        sb.append('\n');
        sb.append(report.table());
        List<String> costs = report.meteringCosts();
        if (!costs.isEmpty()) {
            sb.append("\nCost of gas metering (whole-process medians, metered over plain):\n");
            costs.forEach(c -> sb.append("- ").append(c).append('\n'));
        }
        List<String> notes = report.notes();
        if (!notes.isEmpty()) {
            sb.append("\nNotes:\n");
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        Path config = options.config().toAbsolutePath();
        sb.append("\nEngine commands: ").append(config.startsWith(options.root())
                ? options.root().relativize(config) : config).append(".\n");
        return sb.toString();
    }

    /** The one-minute load average, a hint of how noisy the figures are; "?" where /proc is missing. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
