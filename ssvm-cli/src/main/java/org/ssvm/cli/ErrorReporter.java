package org.ssvm.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into a one-line message on stderr and exit code 1. The Java stack
 * trace is printed only with {@code --verbose} (or SSVM_VERBOSE=1), for the people debugging SSVM itself.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        return report(e, cli.getErr(), verbose(parsed));
    }

    /** Prints {@code e} as one line (and its stack trace when asked for) and returns exit code 1. */
    static int report(Exception e, PrintWriter err, boolean verbose) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        err.println("ssvm: error: " + message);
        if (verbose || "1".equals(System.getenv("SSVM_VERBOSE"))) {
            e.printStackTrace(err);
        }
        return 1;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reports a command line that does not parse (unknown option, missing file) as one line naming the help to
     * read, and exit code 2, the usual code for a usage error.
     */
    static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine cli = e.getCommandLine();
            String message = e.getMessage();
            if (e instanceof CommandLine.UnmatchedArgumentException u && !cli.getSubcommands().isEmpty()
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().getFirst().startsWith("-")) {
                message = "unknown command '" + u.getUnmatched().getFirst() + "'";
            }
            cli.getErr().println("ssvm: error: " + message + " (see '"
                    + cli.getCommandSpec().qualifiedName() + " --help')");
            return cli.getCommandSpec().exitCodeOnInvalidInput();
        }
    }
}
