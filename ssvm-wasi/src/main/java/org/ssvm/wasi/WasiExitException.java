package org.ssvm.wasi;

/**
 * Thrown by {@code proc_exit}: the program asked to terminate with an exit code. It is not a trap; the runner
 * catches it, stops execution and reports {@link #code()}.
 */
public final class WasiExitException extends RuntimeException {
    private final int code;

    public WasiExitException(int code) {
        super("WASI program exited with code " + code, null, false, false);
        this.code = code;
    }

    /** The exit code the program passed to {@code proc_exit}. */
    public int code() { return code; }
}
