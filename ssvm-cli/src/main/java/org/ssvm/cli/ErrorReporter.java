package org.ssvm.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into a one-line message on stderr and exit code 1. The Java stack
 * trace is printed only with {@code --verbose} (or SSVM_VERBOSE=1), for the people debugging SSVM itself.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        cli.getErr().println("ssvm: error: " + message);
        if (verbose(parsed)) {
            e.printStackTrace(cli.getErr());
        }
        return 1;
    }

    private static boolean verbose(ParseResult parsed) {
        if ("1".equals(System.getenv("SSVM_VERBOSE"))) {
            return true;
        }
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
