package org.ssvm.bench;

import run.endive.compiler.MachineFactoryCompiler;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.wasi.WasiExitException;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;
import run.endive.wasm.Parser;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one WASI command module on Endive, as a whole process:
 * {@code EndiveRun interpreter|compiler FILE.wasm [ARGS...]}. The compiler mode translates the module to
 * JVM bytecode at load time (MachineFactoryCompiler). The process exits with the program's exit code.
 */
public final class EndiveRun {
    private EndiveRun() {}

    public static void main(String[] argv) {
        if (argv.length < 2 || !(argv[0].equals("interpreter") || argv[0].equals("compiler"))) {
            System.err.println("usage: EndiveRun interpreter|compiler FILE.wasm [ARGS...]");
            System.exit(2);
        }
        Path file = Path.of(argv[1]);
        List<String> args = RunnerSupport.programArgs(argv, 1);
        var module = Parser.parse(file);
        var options = WasiOptions.builder()
                .withStdout(System.out)
                .withStderr(System.err)
                .withStdin(System.in)
                .withArguments(args)
                .build();
        int exitCode = 0;
        try (var wasi = WasiPreview1.builder().withOptions(options).build()) {
            var builder = Instance.builder(module)
                    .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
                    .withStart(false);
            if (argv[0].equals("compiler")) {
                builder.withMachineFactory(MachineFactoryCompiler.compile(module));
            }
            Instance instance = builder.build();
            try {
                instance.export("_start").apply();
            } catch (WasiExitException e) {
                exitCode = e.exitCode();
            }
        }
        System.out.flush();
        System.exit(exitCode);
    }
}
