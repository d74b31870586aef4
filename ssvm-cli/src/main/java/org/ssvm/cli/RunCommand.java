package org.ssvm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ssvm.EngineKind;
import org.ssvm.TrapException;
import org.ssvm.WasmFunction;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.metering.CostTable;
import org.ssvm.metering.Meter;
import org.ssvm.metering.Statistics;
import org.ssvm.model.Module;
import org.ssvm.model.ValType;
import org.ssvm.wasi.WasiConfig;
import org.ssvm.wasi.WasiPreview1;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ssvm run}: runs a WASI program, or calls one exported function of a module. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "ssvm run [OPTIONS] FILE [ARGS...]",
        description = {
            "Run a WebAssembly module (.wasm binary or .wat text).",
            "",
            "A WASI command runs from its _start export with ARGS as its arguments, and ssvm exits with the "
                    + "program's exit code. With --invoke, the named export is called instead: ARGS are its "
                    + "parameters and each result is printed on its own line.",
            "",
            "The program sees no files and no environment variables unless given with --dir and --env. "
                    + "Everything after FILE is passed to the program, options too."},
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "N:the program's exit code (proc_exit's argument; 0 when _start returns)",
            "1:the file cannot be read, or the module fails to decode, validate or link",
            "2:a usage error: unknown option, missing FILE",
            "134:the program trapped (the trap message and a Wasm backtrace go to stderr)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ssvm run hello.wasm",
            "  ssvm run --dir ./data::/data --env LANG=C app.wasm /data/input.txt",
            "  ssvm run --invoke add math.wat 1 2",
            "  ssvm run --gas-limit 1000000 --time-limit 500 --enable-all-statistics app.wasm"})
final class RunCommand implements Callable<Integer> {
    static final int TRAP_EXIT_CODE = 134;

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--dir", paramLabel = "HOST::GUEST",
            description = "Grant the program access to the host directory HOST, which it sees as GUEST. "
                    + "Also accepted: GUEST:HOST, and a plain DIR for the same path on both sides. Repeatable.")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME[=VALUE]",
            description = "Pass an environment variable to the program; with NAME alone, ssvm's own value "
                    + "(if set). Repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "--invoke", paramLabel = "NAME",
            description = "Call the exported function NAME instead of _start, with ARGS as its parameters "
                    + "(integers for i32/i64, decimals for f32/f64) and print its results.")
    String invoke;

    @Option(names = "--engine", paramLabel = "KIND", defaultValue = "compiler",
            description = "Execution engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            converter = EngineOption.class, completionCandidates = EngineOption.Names.class)
    EngineKind engine;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where the compiler keeps compiled code between runs (default: $SSVM_CACHE_DIR, else "
                    + "$XDG_CACHE_HOME/ssvm, else ~/.cache/ssvm).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Compile the module again instead of reusing code from earlier runs.")
    boolean noCache;

    @Option(names = "--gas-limit", paramLabel = "N",
            description = "Stop the program (trap \"gas limit exceeded\") once it has used N gas.")
    Long gasLimit;

    @Option(names = "--gas-cost-table", paramLabel = "FILE",
            description = "Gas cost per instruction: lines 'NAME COST' (text-format names) and 'default COST' "
                    + "(without it: 1 per instruction).")
    Path gasCostTable;

    @Option(names = "--memory-page-limit", paramLabel = "N",
            description = "Memories may have at most N pages of 64 KiB; memory.grow beyond returns -1.")
    Long memoryPageLimit;

    @Option(names = "--time-limit", paramLabel = "MS",
            description = "Stop the program (trap \"time limit exceeded\") after MS milliseconds.")
    Long timeLimitMillis;

    @Option(names = "--max-call-depth", paramLabel = "N",
            description = "Nested calls deeper than N trap with \"call stack exhausted\".")
    Integer maxCallDepth;

    @Option(names = "--enable-instruction-count", description = "After the run, print the instructions executed "
            + "to stderr.")
    boolean instructionCount;

    @Option(names = "--enable-gas-measuring", description = "After the run, print the gas used to stderr.")
    boolean gasMeasuring;

    @Option(names = "--enable-time-measuring", description = "After the run, print the execution time to stderr.")
    boolean timeMeasuring;

    @Option(names = "--enable-opcode-count", description = "After the run, print how often each instruction ran "
            + "to stderr (slower).")
    boolean opcodeCount;

    @Option(names = "--enable-all-statistics",
            description = "All of the above.")
    boolean allStatistics;

    /** Counts per instruction: asked for alone, or with all statistics. */
    private boolean opcodeCounts() {
        return opcodeCount || allStatistics;
    }

    @Option(names = "--verbose", description = "Print the Java stack trace of an error (for debugging SSVM).")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module to run: a .wasm binary or .wat text.")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS",
            description = "Arguments for the program, or the parameters of the --invoke function.")
    List<String> args = new ArrayList<>();

    /** The command line's writers over the process's standard output and error. */
    private PrintWriter out;
    private PrintWriter err;

    /** Called by picocli after it parsed the options into this object. */
    @Override
    public Integer call() {
        return run(main.streams(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Runs with the options already set, printing to {@code out} and {@code err} over {@code streams}. */
    int run(ProcessStreams streams, PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
        // The runtime first: its engine may start background work (the code cache's keys) that then overlaps
        // reading and checking the module.
        WasmRuntime.Builder runtimeConfig = runtimeConfig();
        Meter meter = new Meter();
        if (gasLimit != null) {
            meter.setGasLimit(gasLimit);
        }
        try (WasmRuntime runtime = runtimeConfig.build()) {
            Module model = ModuleLoader.loadToRun(file);
            if (model.names().moduleName() == null) {
                model.names().setModuleName(file.getFileName().toString()); // backtraces then say prog.wasm!func
            }
            WasmModule module = runtime.prepare(model);
            WasiConfig config = wasiConfig(streams);
            try (CompilerWarnings warnings = CompilerWarnings.forModule(model, err)) {
                if (invoke != null) {
                    return invokeExport(runtime, meter, module, config);
                }
                return WasiProgram.run(runtime, meter, module, config, file.toString());
            }
        } catch (TrapException trap) {
            // what the program printed comes first, as it would when writing straight to a terminal
            out.flush();
            Main.flush(streams.out());
            err.println("ssvm: trap: " + trap.getMessage());
            String backtrace = trap.formatBacktrace();
            if (!backtrace.isEmpty()) {
                err.println(backtrace);
            }
            err.flush();
            return TRAP_EXIT_CODE;
        } finally {
            printStatistics(meter);
        }
    }

    /** The runtime the options ask for; any statistic but time, a gas limit or a cost table turns metering on. */
    private WasmRuntime.Builder runtimeConfig() {
        WasmRuntime.Builder b = WasmRuntime.builder().engine(engine);
        if (!noCache) {
            b.codeCache(cacheDir != null ? cacheDir : CodeCacheDirectory.standard());
        }
        if (gasCostTable != null) {
            try {
                b.costTable(CostTable.load(gasCostTable));
            } catch (IOException e) {
                throw new IllegalArgumentException("--gas-cost-table: cannot read " + gasCostTable + ": " + e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--gas-cost-table " + e.getMessage());
            }
        }
        b.metering(gasLimit != null || instructionCount || gasMeasuring || allStatistics);
        b.opcodeCounts(opcodeCounts());
        if (gasLimit != null && gasLimit < 0) {
            throw new IllegalArgumentException("--gas-limit must not be negative");
        }
        if (memoryPageLimit != null) {
            if (memoryPageLimit < 0) {
                throw new IllegalArgumentException("--memory-page-limit must not be negative");
            }
            b.memoryPageLimit(memoryPageLimit);
        }
        if (timeLimitMillis != null) {
            if (timeLimitMillis <= 0) {
                throw new IllegalArgumentException("--time-limit must be positive");
            }
            b.timeLimit(Duration.ofMillis(timeLimitMillis));
        }
        if (maxCallDepth != null) {
            b.maxCallDepth(maxCallDepth);
        }
        return b;
    }

    /** Prints the statistics asked for to stderr, after what the program printed. */
    private void printStatistics(Meter meter) {
        Statistics stats = meter.statistics();
        boolean time = timeMeasuring || allStatistics;
        boolean count = instructionCount || allStatistics;
        boolean gas = gasMeasuring || allStatistics;
        boolean opcodes = opcodeCounts();
        if (!time && !count && !gas && !opcodes) {
            return;
        }
        out.flush();
        err.println("ssvm: statistics");
        if (time) {
            err.printf(Locale.ROOT, "  execution time: %.3f ms%n", stats.timeNanos() / 1e6);
        }
        if (count) {
            err.println("  instructions executed: " + stats.instructions());
        }
        if (time && count) {
            err.printf(Locale.ROOT, "  instructions per second: %.0f%n", stats.instructionsPerSecond());
        }
        if (gas) {
            err.println("  gas used: " + stats.gasUsed());
        }
        if (opcodes) {
            err.println("  instructions by kind:");
            meter.opcodeCounts().forEach((op, n) -> err.println("    " + op.textName() + " " + n));
        }
        err.flush();
    }

    /** What the program is given: the streams, its name and ARGS, and only the variables and directories asked for. */
    private WasiConfig wasiConfig(ProcessStreams streams) {
        WasiConfig.Builder wasi = WasiConfig.builder().stdin(streams.in()).stdout(streams.out()).stderr(streams.err());
        List<String> programArgs = new ArrayList<>();
        programArgs.add(file.getFileName().toString());
        if (invoke == null) {
            programArgs.addAll(args);
        }
        wasi.args(programArgs);
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq == 0 || e.isEmpty()) {
                throw new IllegalArgumentException("--env expects NAME=VALUE or NAME, got '" + e + "'");
            }
            if (eq > 0) {
                wasi.env(e.substring(0, eq), e.substring(eq + 1));
            } else if (System.getenv(e) != null) {
                wasi.env(e, System.getenv(e));
            }
        }
        for (String d : dirs) {
            DirMapping m = DirMapping.parse(d);
            if (!Files.isDirectory(m.host())) {
                throw new IllegalArgumentException("--dir " + d + ": no such directory: " + m.host());
            }
            wasi.preopen(m.host(), m.guest());
        }
        return wasi.build();
    }

    private int invokeExport(WasmRuntime runtime, Meter meter, WasmModule module, WasiConfig config) {
        try (WasiPreview1 wasi = new WasiPreview1(config)) {
            return invokeExport(WasiProgram.link(runtime, wasi).meter(meter).instantiate(module));
        }
    }

    private int invokeExport(WasmInstance instance) {
        WasmFunction function = instance.function(invoke);
        ValType[] params = function.type().params();
        if (params.length != args.size()) {
            throw new IllegalArgumentException(invoke + " takes " + params.length + " arguments " + function.type()
                    + ", got " + args.size());
        }
        Object[] values = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            values[i] = ArgumentParser.parse(params[i], args.get(i));
        }
        Object[] results = function.call(values);
        for (Object r : results) {
            out.println(r);
        }
        out.flush();
        return 0;
    }
}
