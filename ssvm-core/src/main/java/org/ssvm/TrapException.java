package org.ssvm;

/**
 * A WebAssembly trap: execution was aborted by the program itself (unreachable, out-of-bounds access,
 * division by zero, exhausted call stack, ...). The message is the spec's trap message. A trap never leaves
 * the store unusable.
 */
public class TrapException extends WasmException {
    public TrapException(String message) {
        super(message);
    }

    public TrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
