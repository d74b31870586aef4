package org.ssvm.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ssvm.ValidationException;
import org.ssvm.binary.ByteWriter;

class BodyReaderTest {
    private static BodyReader reader(ByteWriter w) {
        BodyReader r = new BodyReader();
        r.reset(w.toByteArray());
        return r;
    }

    @Test
    void readsLeb128Round() {
        int[] ints = {0, 1, 63, 64, 127, 128, -1, -64, -65, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (int v : ints) {
            assertEquals(v, reader(new ByteWriter().u32(v)).u32(), "u32 " + v);
            assertEquals(v, reader(new ByteWriter().s32(v)).s32(), "s32 " + v);
            assertEquals(v, reader(new ByteWriter().s64(v)).s64(), "s64 " + v);
        }
        long[] longs = {Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40, -(1L << 40)};
        for (long v : longs) {
            assertEquals(v, reader(new ByteWriter().s64(v)).s64(), "s64 " + v);
        }
        assertEquals(-64, reader(new ByteWriter().u8(0x40)).s33());
        assertEquals(0xFFFF_FFFFL, reader(new ByteWriter().s64(0xFFFF_FFFFL)).s33());
    }

    @Test
    void rejectsTruncatedAndOverlongInput() {
        BodyReader r = reader(new ByteWriter().u8(0x80));
        ValidationException e = assertThrows(ValidationException.class, r::u32);
        assertTrue(e.getMessage().startsWith("unexpected end"), e.getMessage());
        assertThrows(ValidationException.class, reader(new ByteWriter().bytes(new byte[] {
            (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00}))::u32);
        assertThrows(ValidationException.class, reader(new ByteWriter().bytes(new byte[] {
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}))::u32);
        assertThrows(ValidationException.class, () -> reader(new ByteWriter().u8(1)).skip(2));
    }
}
