package org.ssvm.wasi;

import org.ssvm.runtime.ExitRequest;

/**
 * Thrown by {@code proc_exit}: the program asked to terminate with an exit code. It is not a trap; the runner
 * catches it, stops execution and reports {@link #code()}. As an {@link ExitRequest} it crosses host functions
 * and engines untouched (never turned into a trap).
 */
public final class WasiExitException extends RuntimeException implements ExitRequest {
    private final int code;

    public WasiExitException(int code) {
        super("WASI program exited with code " + code, null, false, false);
        this.code = code;
    }

    /** The exit code the program passed to {@code proc_exit}. */
    public int code() { return code; }
}
