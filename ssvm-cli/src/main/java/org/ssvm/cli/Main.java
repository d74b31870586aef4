package org.ssvm.cli;

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

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the process exit code (the tests call this directly). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new ErrorReporter());
        return cli.execute(args);
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
