package org.ssvm.validation;

import org.ssvm.ValidationException;

/**
 * A cursor over a function body or constant expression in binary encoding: bytes, LEB128 integers and
 * fixed-size immediates. It is reused across bodies and allocates nothing while reading.
 *
 * <p>The decoder has already checked that the code is well formed, so the reader only guards against running
 * off the end or reading an over-long integer, and reports either as a {@link ValidationException} instead of
 * crashing.
 */
public final class BodyReader {
    private byte[] code = new byte[0];
    private int pos;
    private int end;

    /** Starts reading {@code code} from its first byte. */
    public void reset(byte[] code) {
        this.code = code;
        this.pos = 0;
        this.end = code.length;
    }

    /** Offset of the next byte to read, relative to the start of the code. */
    public int pos() { return pos; }

    public boolean atEnd() { return pos >= end; }

    /** Number of bytes not yet read. */
    public int remaining() { return end - pos; }

    public int u8() {
        if (pos >= end) {
            throw malformed("unexpected end");
        }
        return code[pos++] & 0xFF;
    }

    public void skip(int n) {
        if (n > end - pos) {
            throw malformed("unexpected end");
        }
        pos += n;
    }

    /** Unsigned LEB128 of at most 32 bits, returned as the int with the same bits. */
    public int u32() {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (shift == 28 && (b & 0x70) != 0) {
                    throw malformed("integer too large");
                }
                return result;
            }
        }
        throw malformed("integer representation too long");
    }

    /** Signed LEB128 of at most 32 bits. */
    public int s32() {
        long v = signed(32);
        return (int) v;
    }

    /** Signed LEB128 of at most 33 bits (block types). */
    public long s33() {
        return signed(33);
    }

    /** Signed LEB128 of at most 64 bits. */
    public long s64() {
        return signed(64);
    }

    private long signed(int bits) {
        long result = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; i < maxBytes; i++) {
            int b = u8();
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) {
                    result |= -1L << shift;
                }
                if (shift > bits && bits < 64) {
                    // The unused high bits of the last byte must all equal the sign bit.
                    long min = -(1L << (bits - 1));
                    long max = (1L << (bits - 1)) - 1;
                    if (result < min || result > max) {
                        throw malformed("integer too large");
                    }
                }
                return result;
            }
        }
        throw malformed("integer representation too long");
    }

    private ValidationException malformed(String what) {
        return new ValidationException(what + " in code (at code offset 0x" + Integer.toHexString(pos) + ")");
    }
}
