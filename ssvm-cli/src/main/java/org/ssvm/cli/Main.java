package org.ssvm.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ssvm.compiler.CompilerEngineProvider;
import org.ssvm.runtime.EngineProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ssvm} command line. */
@Command(
        name = "ssvm",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        customSynopsis = "ssvm [COMMAND] [OPTIONS]",
        description = {"SSVM WebAssembly runtime: WebAssembly 2.0 and WASI preview 1 on the JVM."},
        commandListHeading = "%nCommands:%n",
        optionListHeading = "%nOptions:%n",
        subcommands = {RunCommand.class, CompileCommand.class, WastCommand.class, Wat2WasmCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%n",
        footer = {
            "Without a command, 'ssvm FILE [ARGS...]' is short for 'ssvm run FILE [ARGS...]'.",
            "",
            "Examples:",
            "  ssvm run app.wasm arg1 arg2          run a WASI program with arguments",
            "  ssvm run --dir .::/work app.wasm     ... the current directory as /work",
            "  ssvm run --env LANG=C app.wasm       ... with an environment variable",
            "  ssvm run --invoke add math.wat 1 2   call an export, print its results",
            "  ssvm compile app.wasm -o fast.wasm   store compiled code for --engine compiler",
            "  ssvm wast test/*.wast                run spec test scripts",
            "",
            "'ssvm help COMMAND' or 'ssvm COMMAND --help' describes a command."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final ProcessStreams streams;

    Main(ProcessStreams streams) {
        this.streams = streams;
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals(StartupTraining.OPTION)) {
            System.exit(StartupTraining.run()); // the launcher's, not a user's: see StartupTraining
        }
        System.exit(execute(args));
    }

    /** Runs the command line on the process's own streams and returns the process exit code. */
    public static int execute(String... args) {
        return execute(ProcessStreams.system(), args);
    }

    /** Runs the command line on {@code streams} and returns the exit code; every output is flushed on return. */
    static int execute(ProcessStreams streams, String... args) {
        // the compiler is linked in: no need for a service look-up of it, which costs a cold start some ms
        EngineProvider.register(new CompilerEngineProvider());
        PrintWriter out = writer(streams.out());
        PrintWriter err = writer(streams.err());
        try {
            RunCommand quickRun = QuickRunParser.parse(args);
            if (quickRun != null) {
                return runWithoutPicocli(quickRun, streams, out, err); // it shows compiler warnings itself
            }
            try (CompilerWarnings warnings = new CompilerWarnings(err)) {
                return executeWithPicocli(streams, out, err, args);
            }
        } finally {
            out.flush();
            err.flush();
            flush(streams.out());
            flush(streams.err());
        }
    }

    /** A run command line read by {@link QuickRunParser}; errors are reported as picocli's path reports them. */
    private static int runWithoutPicocli(RunCommand run, ProcessStreams streams, PrintWriter out, PrintWriter err) {
        try {
            return run.run(streams, out, err);
        } catch (Exception e) {
            return ErrorReporter.report(e, err, run.verbose);
        }
    }

    private static int executeWithPicocli(ProcessStreams streams, PrintWriter out, PrintWriter err, String[] args) {
        CommandLine cli = new CommandLine(new Main(streams));
        args = runByDefault(cli, args);
        // Everything after the module belongs to the program, as in other runtimes: `ssvm run a.wasm --help`.
        cli.getSubcommands().get("run").setStopAtPositional(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setHelpSectionKeys(commandsBeforeOptions(cli.getHelpSectionKeys()));
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(new ErrorReporter.UsageErrors());
        return cli.execute(args);
    }

    /** The commands are what a reader of {@code ssvm --help} looks for first. */
    private static List<String> commandsBeforeOptions(List<String> keys) {
        List<String> commands = List.of(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING,
                CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST);
        List<String> reordered = new ArrayList<>(keys);
        reordered.removeAll(commands);
        reordered.addAll(reordered.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING),
                commands);
        return reordered;
    }

    /** {@code ssvm app.wasm ...} means {@code ssvm run app.wasm ...}, as in other runtimes. */
    private static String[] runByDefault(CommandLine cli, String[] args) {
        if (args.length == 0 || args[0].startsWith("-") || cli.getSubcommands().containsKey(args[0])
                || !looksLikeModule(args[0])) {
            return args;
        }
        String[] withRun = new String[args.length + 1];
        withRun[0] = "run";
        System.arraycopy(args, 0, withRun, 1, args.length);
        return withRun;
    }

    static boolean looksLikeModule(String arg) {
        return arg.endsWith(".wasm") || arg.endsWith(".wat") || java.nio.file.Files.isRegularFile(Path.of(arg));
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
