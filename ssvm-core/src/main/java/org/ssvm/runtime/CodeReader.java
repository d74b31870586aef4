package org.ssvm.runtime;

/**
 * Reads instruction immediates (LEB128 integers, little-endian floats) from a function body or constant
 * expression that has already been validated, so it does not re-check for malformed input.
 */
public final class CodeReader {
    private final byte[] code;
    private int pos;

    public CodeReader(byte[] code, int pos) {
        this.code = code;
        this.pos = pos;
    }

    public int pos() { return pos; }

    public boolean atEnd() { return pos >= code.length; }

    public int u8() { return code[pos++] & 0xFF; }

    public int u32() { return (int) u64(); }

    public long u64() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = code[pos++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }

    public int s32() { return (int) s64(); }

    public long s64() {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = code[pos++];
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    /** Block types are signed 33-bit: negative for an empty or single value type, else a type index. */
    public long s33() { return s64(); }

    public int i32LE() {
        int v = (code[pos] & 0xFF) | (code[pos + 1] & 0xFF) << 8 | (code[pos + 2] & 0xFF) << 16
                | (code[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public long i64LE() {
        long lo = i32LE() & 0xFFFF_FFFFL;
        long hi = i32LE() & 0xFFFF_FFFFL;
        return lo | hi << 32;
    }
}
