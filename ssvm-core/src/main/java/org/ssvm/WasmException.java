package org.ssvm;

/**
 * Base of every error SSVM reports about a module or its execution. Messages are meant for users: they say
 * what is wrong and where, in the spec's words where the spec has words for it.
 */
public class WasmException extends RuntimeException {
    public WasmException(String message) {
        super(message);
    }

    public WasmException(String message, Throwable cause) {
        super(message, cause);
    }
}
