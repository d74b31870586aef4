package org.ssvm.binary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the binary format's integer encodings (LEB128) and little-endian floats. */
public final class ByteWriter {
    private byte[] buf = new byte[64];
    private int size;

    public int size() { return size; }

    public ByteWriter u8(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public ByteWriter bytes(byte[] b) { return bytes(b, 0, b.length); }

    public ByteWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** Unsigned LEB128 of a 32-bit value (taken as unsigned). */
    public ByteWriter u32(int value) { return u64(value & 0xFFFF_FFFFL); }

    /** Unsigned LEB128 of a 64-bit value (taken as unsigned). */
    public ByteWriter u64(long value) {
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            u8(value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return this;
    }

    /** Signed LEB128 of a 32-bit value. */
    public ByteWriter s32(int value) { return s64(value); }

    /** Signed LEB128 of a 64-bit value. */
    public ByteWriter s64(long value) {
        while (true) {
            int b = (int) (value & 0x7F);
            value >>= 7;
            boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            u8(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    public ByteWriter i32LE(int v) {
        return u8(v).u8(v >>> 8).u8(v >>> 16).u8(v >>> 24);
    }

    public ByteWriter i64LE(long v) {
        return i32LE((int) v).i32LE((int) (v >>> 32));
    }

    public ByteWriter f32(float v) { return i32LE(Float.floatToRawIntBits(v)); }

    public ByteWriter f64(double v) { return i64LE(Double.doubleToRawLongBits(v)); }

    /** A name: its UTF-8 length as u32, then the bytes. */
    public ByteWriter name(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return u32(utf8.length).bytes(utf8);
    }

    public byte[] toByteArray() { return Arrays.copyOf(buf, size); }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }
}
