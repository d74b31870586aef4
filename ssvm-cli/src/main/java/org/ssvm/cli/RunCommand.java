package org.ssvm.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
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
            "134:the program trapped (the trap message and a Wasm backtrace go to stderr)"})
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

    @Option(names = "--verbose", description = "Show Java stack traces of internal errors.")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module to run (.wasm or .wat).")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the program or the function.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        Module model = ModuleLoader.loadToRun(file);
        if (model.names().moduleName() == null) {
            model.names().setModuleName(file.getFileName().toString()); // backtraces then say prog.wasm!func
        }
        WasmModule module = WasmModule.of(model);
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
        try {
            if (invoke != null) {
                return invokeExport(module, wasi.build());
            }
            return WasiProgram.run(engine, module, wasi.build(), file.toString());
        } catch (TrapException trap) {
            flush(stdout);
            PrintWriter err = spec.commandLine().getErr();
            err.println("ssvm: trap: " + trap.getMessage());
            String backtrace = trap.formatBacktrace();
            if (!backtrace.isEmpty()) {
                err.println(backtrace);
            }
            err.flush();
            return TRAP_EXIT_CODE;
        } finally {
            flush(stdout);
        }
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

    private static void flush(OutputStream out) {
        try {
            out.flush();
        } catch (java.io.IOException ignored) {
            // stdout closed by the reader (for example a pipe to head): nothing left to do
        }
    }
}
