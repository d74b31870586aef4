package org.ssvm;

/**
 * The module is well formed but invalid. The message starts with the spec's category (for example "type
 * mismatch" or "unknown local") and names the function and instruction where possible.
 */
public class ValidationException extends WasmException {
    public ValidationException(String message) {
        super(message);
    }
}
