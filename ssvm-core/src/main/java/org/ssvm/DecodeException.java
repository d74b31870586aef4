package org.ssvm;

/**
 * The module is malformed: its binary (or text) cannot be read. The message starts with the spec's category
 * (for example "unexpected end" or "integer too large") and names the byte offset.
 */
public class DecodeException extends WasmException {
    private final long offset;

    public DecodeException(String category, long offset) {
        super(offset >= 0 ? category + " (at offset 0x" + Long.toHexString(offset) + ")" : category);
        this.offset = offset;
    }

    /** Byte offset in the input where the problem was found, or -1 when unknown. */
    public long offset() { return offset; }
}
