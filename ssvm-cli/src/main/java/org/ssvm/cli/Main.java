package org.ssvm.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ssvm} command line. */
@Command(
        name = "ssvm",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "SSVM: a WebAssembly runtime for the JVM.",
        subcommands = {RunCommand.class, WastCommand.class, Wat2WasmCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final ProcessStreams streams;

    Main(ProcessStreams streams) {
        this.streams = streams;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line on the process's own streams and returns the process exit code. */
    public static int execute(String... args) {
        return execute(ProcessStreams.system(), args);
    }

    /** Runs the command line on {@code streams} and returns the exit code; every output is flushed on return. */
    static int execute(ProcessStreams streams, String... args) {
        CommandLine cli = new CommandLine(new Main(streams));
        // Everything after the module belongs to the program, as in other runtimes: `ssvm run a.wasm --help`.
        cli.getSubcommands().get("run").setStopAtPositional(true);
        PrintWriter out = writer(streams.out());
        PrintWriter err = writer(streams.err());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(new ErrorReporter.UsageErrors());
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
            flush(streams.out());
            flush(streams.err());
        }
    }

    /** The streams of this run, for the commands that hand them to a program. */
    ProcessStreams streams() {
        return streams;
    }

    private static PrintWriter writer(OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    static void flush(OutputStream stream) {
        try {
            stream.flush();
        } catch (IOException ignored) {
            // the reader went away (for example a pipe to head): nothing left to do
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ssvm " + (v != null ? v : "development build")};
        }
    }
}
