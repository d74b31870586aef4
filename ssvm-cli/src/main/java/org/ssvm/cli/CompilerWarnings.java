package org.ssvm.cli;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Shows the compiler engine's warnings (an ssvm.aot section it ignores) as one line {@code ssvm: warning: ...}
 * on the command's stderr, instead of java.util.logging's two-line default, for as long as it is open.
 */
final class CompilerWarnings implements AutoCloseable {
    /** The System.Logger the compiler's AOT loader writes to (java.util.logging is its backend). */
    static final String LOGGER = "org.ssvm.compiler.aot";

    private final Logger logger = Logger.getLogger(LOGGER);
    private final boolean parentHandlers;
    private final Handler handler;

    CompilerWarnings(PrintWriter err) {
        this.handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    err.println("ssvm: warning: " + record.getMessage());
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
            }
        };
        this.parentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parentHandlers);
    }
}
