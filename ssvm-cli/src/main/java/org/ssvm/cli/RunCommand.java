package org.ssvm.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ssvm.EngineKind;
import org.ssvm.TrapException;
import org.ssvm.WasmFunction;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
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
            "  ssvm run --invoke add math.wat 1 2"})
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

    @Option(names = "--engine", paramLabel = "KIND", defaultValue = "interpreter",
            description = "Execution engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            converter = EngineOption.class, completionCandidates = EngineOption.Names.class)
    EngineKind engine;

    @Option(names = "--verbose", description = "Print the Java stack trace of an error (for debugging SSVM).")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module to run: a .wasm binary or .wat text.")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS",
            description = "Arguments for the program, or the parameters of the --invoke function.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        Module model = ModuleLoader.loadToRun(file);
        if (model.names().moduleName() == null) {
            model.names().setModuleName(file.getFileName().toString()); // backtraces then say prog.wasm!func
        }
        WasmModule module = WasmModule.of(model);
        ProcessStreams streams = main.streams();
        WasiConfig config = wasiConfig(streams);
        try {
            if (invoke != null) {
                return invokeExport(module, config);
            }
            return WasiProgram.run(engine, module, config, file.toString());
        } catch (TrapException trap) {
            // what the program printed comes first, as it would when writing straight to a terminal
            spec.commandLine().getOut().flush();
            Main.flush(streams.out());
            PrintWriter err = spec.commandLine().getErr();
            err.println("ssvm: trap: " + trap.getMessage());
            String backtrace = trap.formatBacktrace();
            if (!backtrace.isEmpty()) {
                err.println(backtrace);
            }
            err.flush();
            return TRAP_EXIT_CODE;
        }
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

    private int invokeExport(WasmModule module, WasiConfig config) {
        try (WasmRuntime runtime = WasmRuntime.builder().engine(engine).build();
             WasiPreview1 wasi = new WasiPreview1(config)) {
            return invokeExport(WasiProgram.link(runtime, wasi).instantiate(module));
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
}
