package org.ssvm.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one WASI command module on Chicory, as a whole process, the way its authors recommend:
 * {@code ChicoryRun interpreter|compiler FILE.wasm [ARGS...]}. The compiler mode translates the module to
 * JVM bytecode at load time (MachineFactoryCompiler). The process exits with the program's exit code.
 */
public final class ChicoryRun {
    private ChicoryRun() {}

    public static void main(String[] argv) {
        if (argv.length < 2 || !(argv[0].equals("interpreter") || argv[0].equals("compiler"))) {
            System.err.println("usage: ChicoryRun interpreter|compiler FILE.wasm [ARGS...]");
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
