package org.ssvm.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
import org.ssvm.model.ValType;
import org.ssvm.wasi.WasiConfig;
import org.ssvm.wasi.WasiPreview1;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ssvm run}: runs a WASI program, or calls one exported function of a module. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run a WebAssembly module (.wasm or .wat).",
            "A WASI program runs from its _start export and the process exits with its exit code.",
            "With --invoke, the named export is called with ARGS as its parameters and its results are printed."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "the program's exit code:the code passed to proc_exit (0 when _start returns)",
            "1:bad file, bad option, or a module that fails to decode, validate or link",
            "134:the program trapped"})
final class RunCommand implements Callable<Integer> {
    static final int TRAP_EXIT_CODE = 134;

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR",
            description = {"Give the program a directory: HOST::GUEST (host path HOST seen as GUEST),",
                "GUEST:HOST, or PATH (the same path on both sides). Repeatable."})
    List<String> dirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Set an environment variable. Repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "--invoke", paramLabel = "NAME",
            description = "Call this export instead of _start; ARGS are its parameters (numbers).")
    String invoke;

    @Option(names = "--engine", paramLabel = "KIND", defaultValue = "interpreter",
            description = "Execution engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            converter = EngineOption.class, completionCandidates = EngineOption.Names.class)
    EngineKind engine;

    @Option(names = "--gas-limit", paramLabel = "N",
            description = "Stop the program (trap \"gas limit exceeded\") once it has used N gas.")
    Long gasLimit;

    @Option(names = "--gas-cost-table", paramLabel = "FILE",
            description = {"Gas cost per instruction: lines 'NAME COST' (text-format names) and 'default COST'",
                "(default: 1 per instruction)."})
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

    @Option(names = "--enable-instruction-count", description = "Print the instructions executed to stderr.")
    boolean instructionCount;

    @Option(names = "--enable-gas-measuring", description = "Print the gas used to stderr.")
    boolean gasMeasuring;

    @Option(names = "--enable-time-measuring", description = "Print the execution time to stderr.")
    boolean timeMeasuring;

    @Option(names = "--enable-all-statistics", description = "Print all of the statistics above to stderr.")
    boolean allStatistics;

    @Option(names = "--verbose", description = "Show Java stack traces of internal errors.")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module to run (.wasm or .wat).")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the program or the function.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        WasmModule module = WasmModule.of(ModuleLoader.load(file));
        OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        WasiConfig.Builder wasi = WasiConfig.builder().stdout(stdout);
        List<String> programArgs = new ArrayList<>();
        programArgs.add(file.getFileName().toString());
        if (invoke == null) {
            programArgs.addAll(args);
        }
        wasi.args(programArgs);
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--env expects NAME=VALUE, got '" + e + "'");
            }
            wasi.env(e.substring(0, eq), e.substring(eq + 1));
        }
        for (String d : dirs) {
            DirMapping m = DirMapping.parse(d);
            if (!Files.isDirectory(m.host())) {
                throw new IllegalArgumentException("--dir " + d + ": no such directory: " + m.host());
            }
            wasi.preopen(m.host(), m.guest());
        }
        WasmRuntime.Builder runtime = runtimeConfig();
        Meter meter = new Meter();
        if (gasLimit != null) {
            meter.setGasLimit(gasLimit);
        }
        try {
            if (invoke != null) {
                return invokeExport(runtime, meter, module, wasi.build());
            }
            return WasiProgram.run(runtime, meter, module, wasi.build(), file.toString());
        } catch (TrapException trap) {
            flush(stdout);
            spec.commandLine().getErr().println("ssvm: trap: " + trap.getMessage());
            return TRAP_EXIT_CODE;
        } finally {
            flush(stdout);
            printStatistics(meter.statistics());
        }
    }

    /** The runtime the options ask for; any statistic but time, a gas limit or a cost table turns metering on. */
    private WasmRuntime.Builder runtimeConfig() {
        WasmRuntime.Builder b = WasmRuntime.builder().engine(engine);
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

    private void printStatistics(Statistics stats) {
        boolean time = timeMeasuring || allStatistics;
        boolean count = instructionCount || allStatistics;
        boolean gas = gasMeasuring || allStatistics;
        if (!time && !count && !gas) {
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
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
        err.flush();
    }

    private int invokeExport(WasmRuntime.Builder config, Meter meter, WasmModule module, WasiConfig wasiConfig) {
        try (WasmRuntime runtime = config.build();
             WasiPreview1 wasi = new WasiPreview1(wasiConfig)) {
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
        PrintWriter out = spec.commandLine().getOut();
        for (Object r : results) {
            out.println(r);
        }
        out.flush();
        return 0;
    }

    private static void flush(OutputStream out) {
        try {
            out.flush();
        } catch (java.io.IOException ignored) {
            // stdout closed by the reader (for example a pipe to head): nothing left to do
        }
    }
}
