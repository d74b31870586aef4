package org.ssvm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * Runs one WASI command module on GraalWasm, as a whole process: {@code GraalWasmRun FILE.wasm [ARGS...]}.
 * Whether Truffle compiles the hot code depends on how the JVM is started: the Graal compiler must be on
 * {@code --upgrade-module-path} with JVMCI enabled (see engines.conf), otherwise GraalWasm only interprets.
 */
public final class GraalWasmRun {
    private GraalWasmRun() {}

    public static void main(String[] argv) throws IOException {
        if (argv.length < 1) {
            System.err.println("usage: GraalWasmRun FILE.wasm [ARGS...]");
            System.exit(2);
        }
        Path file = Path.of(argv[0]);
        List<String> args = RunnerSupport.programArgs(argv, 0);
        Source source = Source.newBuilder("wasm", ByteSequence.create(Files.readAllBytes(file)),
                file.getFileName().toString()).build();
        int exitCode = 0;
        try (Context context = Context.newBuilder("wasm")
                .option("wasm.Builtins", "wasi_snapshot_preview1")
                .arguments("wasm", args.toArray(String[]::new))
                .out(System.out)
                .err(System.err)
                .in(System.in)
                .build()) {
            try {
                context.eval(source).newInstance().getMember("exports").getMember("_start").execute();
            } catch (PolyglotException e) {
                if (!e.isExit()) {
                    throw e;
                }
                exitCode = e.getExitStatus();
            }
        } catch (PolyglotException e) {
            // Closing a context that the program exited from reports the exit again.
            if (!e.isExit()) {
                throw e;
            }
            exitCode = e.getExitStatus();
        }
        System.out.flush();
        System.exit(exitCode);
    }
}
