package org.ssvm.binary;

import java.nio.charset.StandardCharsets;
import org.ssvm.DecodeException;
import org.ssvm.model.ValType;

/**
 * A cursor over a byte array with the binary format's primitive encodings: bytes, LEB128 integers with the
 * spec's size limits, little-endian floats, lengths and UTF-8 names.
 *
 * <p>Errors are {@link DecodeException}s whose category is the spec reference interpreter's wording (the
 * test suite's {@code assert_malformed} compares it). Offsets in errors are {@code base + position}, so a
 * reader over a slice can still report offsets in the original file.
 *
 * <p>The reader never allocates except for names and explicit copies; it is meant to be reused.
 */
public class BinaryReader {
    /** Category for reading past the end of the input. */
    public static final String UNEXPECTED_END = "unexpected end of section or function";

    protected byte[] buf;
    protected int pos;
    protected int limit;
    protected int base;

    /**
     * @param buf   the bytes
     * @param start first position to read
     * @param limit position after the last readable byte
     * @param base  added to positions when reporting error offsets
     */
    public BinaryReader(byte[] buf, int start, int limit, int base) {
        reset(buf, start, limit, base);
    }

    /** Points this reader at new input, so one instance can serve many function bodies. */
    public final void reset(byte[] buf, int start, int limit, int base) {
        if (start < 0 || limit > buf.length || start > limit) {
            throw new IllegalArgumentException("bad range " + start + ".." + limit + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = start;
        this.limit = limit;
        this.base = base;
    }

    public final byte[] buffer() { return buf; }

    public final int position() { return pos; }

    public final void setPosition(int position) { this.pos = position; }

    public final int limit() { return limit; }

    public final boolean hasMore() { return pos < limit; }

    /** Offset of a position as reported in errors. */
    public final long offsetOf(int position) { return (long) base + position; }

    public final DecodeException error(String category, int at) {
        return new DecodeException(category, offsetOf(at));
    }

    private DecodeException eof() { return error(UNEXPECTED_END, limit); }

    /** The next byte without consuming it, or -1 at the end. */
    public final int peek() { return pos < limit ? buf[pos] & 0xFF : -1; }

    public final int u8() {
        if (pos >= limit) {
            throw eof();
        }
        return buf[pos++] & 0xFF;
    }

    /** Skips {@code n} bytes; a negative count or one past the end is an unexpected end. */
    public final void skip(int n) {
        if (n < 0 || n > limit - pos) {
            throw eof();
        }
        pos += n;
    }

    /** Reads a byte that must be zero (reserved memory index). */
    public final void zeroByte() {
        int at = pos;
        if (u8() != 0) {
            throw error("zero byte expected", at);
        }
    }

    /** Unsigned LEB128 with at most 32 significant bits, returned as an int holding the unsigned value. */
    public final int u32() {
        int b = u8();
        if (b < 0x80) {
            return b;
        }
        int result = b & 0x7F;
        b = u8();
        result |= (b & 0x7F) << 7;
        if (b < 0x80) {
            return result;
        }
        b = u8();
        result |= (b & 0x7F) << 14;
        if (b < 0x80) {
            return result;
        }
        b = u8();
        result |= (b & 0x7F) << 21;
        if (b < 0x80) {
            return result;
        }
        int at = pos;
        b = u8();
        // Only 4 bits remain in the fifth byte.
        if ((b & 0x70) != 0) {
            throw error("integer too large", at);
        }
        if ((b & 0x80) != 0) {
            throw error("integer representation too long", pos);
        }
        return result | b << 28;
    }

    /** An unsigned LEB128 of a single bit (limits flags): the value 0 or 1. */
    public final int u1() {
        int at = pos;
        int b = u8();
        if ((b & 0x7F) > 1) {
            throw error("integer too large", at);
        }
        if ((b & 0x80) != 0) {
            throw error("integer representation too long", pos);
        }
        return b;
    }

    /** Signed LEB128 with at most 32 significant bits. */
    public final int s32() {
        int b = peek();
        if (b >= 0 && b < 0x80) {
            pos++;
            return b < 0x40 ? b : b - 0x80;
        }
        return (int) signed(32);
    }

    /** Signed LEB128 with at most 33 significant bits (block types). */
    public final long s33() { return signed(33); }

    /** Signed LEB128 with at most 64 significant bits. */
    public final long s64() {
        int b = peek();
        if (b >= 0 && b < 0x80) {
            pos++;
            return b < 0x40 ? b : b - 0x80;
        }
        return signed(64);
    }

    private long signed(int bits) {
        long result = 0;
        int shift = 0;
        int remaining = bits;
        while (true) {
            if (remaining <= 0) {
                throw error("integer representation too long", pos);
            }
            int at = pos;
            int b = u8();
            if (remaining < 7) {
                // The unused high bits of the last byte must all equal the sign bit.
                int mask = (-1 << (remaining - 1)) & 0x7F;
                int high = b & mask;
                if (high != 0 && high != mask) {
                    throw error("integer too large", at);
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            remaining -= 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) {
                    result |= -1L << shift;
                }
                return result;
            }
        }
    }

    public final int i32LE() {
        if (limit - pos < 4) {
            throw eof();
        }
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16
                | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public final long i64LE() {
        long lo = i32LE() & 0xFFFF_FFFFL;
        long hi = i32LE() & 0xFFFF_FFFFL;
        return lo | hi << 32;
    }

    /**
     * A u32 length or count that must not exceed the bytes left after its own start: a cheap sanity check
     * the reference interpreter makes before reading vectors, strings and sections.
     */
    public final int len32() {
        int at = pos;
        int n = u32();
        if (Integer.toUnsignedLong(n) > limit - at) {
            throw error("length out of bounds", at);
        }
        return n;
    }

    /** A name: u32 length and UTF-8 bytes, which must be well-formed. */
    public final String name() {
        int at = pos;
        int n = len32();
        int start = pos;
        skip(n);
        if (!Utf8.isValid(buf, start, n)) {
            throw error("malformed UTF-8 encoding", at);
        }
        return new String(buf, start, n, StandardCharsets.UTF_8);
    }

    /** A value type byte. */
    public final ValType valType() {
        int at = pos;
        ValType t = valTypeOrNull(u8());
        if (t == null) {
            throw error(buf[at] < 0 ? "integer representation too long" : "malformed value type", at);
        }
        return t;
    }

    /** A reference type byte ({@code funcref} or {@code externref}). */
    public final ValType refType() {
        int at = pos;
        int b = u8();
        if (b == 0x70) {
            return ValType.FUNCREF;
        }
        if (b == 0x6F) {
            return ValType.EXTERNREF;
        }
        throw error(b >= 0x80 ? "integer representation too long" : "malformed reference type", at);
    }

    /** The value type with this binary code, or null. */
    public static ValType valTypeOrNull(int code) {
        return switch (code) {
            case 0x7F -> ValType.I32;
            case 0x7E -> ValType.I64;
            case 0x7D -> ValType.F32;
            case 0x7C -> ValType.F64;
            case 0x7B -> ValType.V128;
            case 0x70 -> ValType.FUNCREF;
            case 0x6F -> ValType.EXTERNREF;
            default -> null;
        };
    }
}
