package org.ssvm;

/**
 * Instantiation failed before any code ran because an import is missing or does not match ("unknown import",
 * "incompatible import type").
 */
public class LinkException extends WasmException {
    public LinkException(String message) {
        super(message);
    }
}
