package org.ssvm.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ByteWriterTest {
    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void unsignedLeb128() {
        assertArrayEquals(bytes(0x00), new ByteWriter().u32(0).toByteArray());
        assertArrayEquals(bytes(0xE5, 0x8E, 0x26), new ByteWriter().u32(624485).toByteArray());
        assertArrayEquals(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x0F), new ByteWriter().u32(-1).toByteArray());
    }

    @Test
    void signedLeb128() {
        assertArrayEquals(bytes(0x7F), new ByteWriter().s32(-1).toByteArray());
        assertArrayEquals(bytes(0xC0, 0xBB, 0x78), new ByteWriter().s32(-123456).toByteArray());
        assertArrayEquals(bytes(0x80, 0x7F), new ByteWriter().s32(-128).toByteArray());
        assertArrayEquals(bytes(0x80, 0x01), new ByteWriter().s64(128).toByteArray());
        assertArrayEquals(bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F),
                new ByteWriter().s64(Long.MIN_VALUE).toByteArray());
    }

    @Test
    void littleEndianAndNames() {
        assertArrayEquals(bytes(0x78, 0x56, 0x34, 0x12), new ByteWriter().i32LE(0x12345678).toByteArray());
        assertArrayEquals(bytes(0x02, 0xC3, 0xA9), new ByteWriter().name("\u00e9").toByteArray());
    }
}
