package org.ssvm.cli;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.ssvm.compiler.AotCompiler;
import org.ssvm.model.Module;

/**
 * Shows the compiler engine's warnings (an ssvm.aot section it ignores) as one line {@code ssvm: warning: ...}
 * on the command's stderr, instead of java.util.logging's two-line default, for as long as it is open.
 *
 * <p>Opening one starts java.util.logging, some 10 ms of a cold start, so {@code ssvm run} opens one only for a
 * module that carries an ssvm.aot section (the only source of these warnings; see {@link #forModule}). While one
 * is open, opening another does nothing, so that a warning is not printed twice.
 */
final class CompilerWarnings implements AutoCloseable {
    /** The System.Logger the compiler's AOT loader writes to (java.util.logging is its backend). */
    static final String LOGGER = "org.ssvm.compiler.aot";

    private static boolean open;

    private final Logger logger;
    private final boolean parentHandlers;
    private final Handler handler;

    CompilerWarnings(PrintWriter err) {
        if (open) {
            logger = null;
            parentHandlers = false;
            handler = null;
            return;
        }
        open = true;
        this.logger = Logger.getLogger(LOGGER);
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

    /** Warnings shown as lines on {@code err} while {@code module} runs, if it has an ssvm.aot section; else null. */
    static CompilerWarnings forModule(Module module, PrintWriter err) {
        return AotCompiler.hasSection(module) ? new CompilerWarnings(err) : null;
    }

    @Override
    public void close() {
        if (logger != null) {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(parentHandlers);
            open = false;
        }
    }
}
