package org.ssvm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * Runs one WASI command module on GraalWasm, as a whole process:
 * {@code GraalWasmRun [--allow-interpreter] FILE.wasm [ARGS...]}.
 * Truffle compiles hot code only when the JVM starts with JVMCI on and the Graal compiler on
 * {@code --upgrade-module-path} (see bench/engines.conf); otherwise it silently falls back to its interpreter,
 * tens of times slower. So that a benchmark never reports that by mistake, this runner refuses to run without
 * the JIT (exit 3) unless given {@code --allow-interpreter}.
 */
public final class GraalWasmRun {
    private GraalWasmRun() {}

    public static void main(String[] argv) throws IOException {
        boolean allowInterpreter = argv.length > 0 && argv[0].equals("--allow-interpreter");
        String[] rest = allowInterpreter ? Arrays.copyOfRange(argv, 1, argv.length) : argv;
        if (rest.length < 1) {
            System.err.println("usage: GraalWasmRun [--allow-interpreter] FILE.wasm [ARGS...]");
            System.exit(2);
        }
        Path file = Path.of(rest[0]);
        List<String> args = RunnerSupport.programArgs(rest, 0);
        Source source = Source.newBuilder("wasm", ByteSequence.create(Files.readAllBytes(file)),
                file.getFileName().toString()).build();
        int exitCode = 0;
        try (Engine engine = Engine.newBuilder("wasm").option("engine.WarnInterpreterOnly", "false").build()) {
            // The fallback runtime names itself "Interpreted"; the optimizing one names the Graal compiler.
            if (!allowInterpreter && engine.getImplementationName().equals("Interpreted")) {
                System.err.println("GraalWasm has no JIT here: Truffle fell back to its interpreter (needs"
                        + " -XX:+EnableJVMCI and the Graal compiler on --upgrade-module-path)");
                System.exit(3);
            }
            exitCode = run(engine, source, args);
        }
        System.out.flush();
        System.exit(exitCode);
    }

    private static int run(Engine engine, Source source, List<String> args) {
        try (Context context = Context.newBuilder("wasm")
                .engine(engine)
                .option("wasm.Builtins", "wasi_snapshot_preview1")
                .arguments("wasm", args.toArray(String[]::new))
                .out(System.out)
                .err(System.err)
                .in(System.in)
                .build()) {
            try {
                context.eval(source).newInstance().getMember("exports").getMember("_start").execute();
                return 0;
            } catch (PolyglotException e) {
                if (!e.isExit()) {
                    throw e;
                }
                return e.getExitStatus();
            }
        } catch (PolyglotException e) {
            // Closing a context that the program exited from reports the exit again.
            if (!e.isExit()) {
                throw e;
            }
            return e.getExitStatus();
        }
    }
}
