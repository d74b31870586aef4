package org.ssvm.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssvm.binary.TestBinaries.bytes;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.ssvm.DecodeException;

class BinaryReaderTest {
    private static BinaryReader reader(int... b) {
        byte[] bytes = bytes(b);
        return new BinaryReader(bytes, 0, bytes.length, 0);
    }

    private static void fails(String category, Executable e) {
        DecodeException ex = assertThrows(DecodeException.class, e);
        assertTrue(ex.getMessage().startsWith(category), ex.getMessage());
    }

    @Test
    void unsigned32() {
        assertEquals(0, reader(0x00).u32());
        assertEquals(624485, reader(0xE5, 0x8E, 0x26).u32());
        assertEquals(-1, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).u32());
        assertEquals(5, reader(0x85, 0x80, 0x80, 0x80, 0x00).u32());
        fails("integer too large", () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x1F).u32());
        fails("integer too large", () -> reader(0x80, 0x80, 0x80, 0x80, 0x70).u32());
        fails("integer representation too long", () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32());
        fails("unexpected end", () -> reader(0x80, 0x80).u32());
    }

    @Test
    void signed32And33And64() {
        assertEquals(-1, reader(0x7F).s32());
        assertEquals(63, reader(0x3F).s32());
        assertEquals(-64, reader(0x40).s32());
        assertEquals(Integer.MIN_VALUE, reader(0x80, 0x80, 0x80, 0x80, 0x78).s32());
        assertEquals(Integer.MAX_VALUE, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x07).s32());
        assertEquals(-1, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s32());
        fails("integer too large", () -> reader(0x80, 0x80, 0x80, 0x80, 0x08).s32());
        fails("integer too large", () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x77).s32());
        fails("integer representation too long", () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s32());
        assertEquals(0xFFFF_FFFFL, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).s33());
        assertEquals(-(1L << 32), reader(0x80, 0x80, 0x80, 0x80, 0x70).s33());
        fails("integer too large", () -> reader(0x80, 0x80, 0x80, 0x80, 0x10).s33());
        assertEquals(Long.MIN_VALUE, reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F).s64());
        assertEquals(Long.MAX_VALUE, reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00).s64());
        fails("integer too large", () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).s64());
        fails("integer representation too long",
                () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s64());
    }

    @Test
    void randomValuesRoundTripThroughTheWriter() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            int v = random.nextInt() >> random.nextInt(32);
            long l = random.nextLong() >> random.nextInt(64);
            byte[] b = new ByteWriter().u32(v).s32(v).s64(l).toByteArray();
            BinaryReader r = new BinaryReader(b, 0, b.length, 0);
            assertEquals(v, r.u32());
            assertEquals(v, r.s32());
            assertEquals(l, r.s64());
            assertFalse(r.hasMore());
        }
    }

    @Test
    void singleBitFlags() {
        assertEquals(1, reader(0x01).u1());
        fails("integer too large", () -> reader(0x02).u1());
        fails("integer representation too long", () -> reader(0x80, 0x00).u1());
    }

    @Test
    void lengthsAreBoundedByTheRemainingInput() {
        assertEquals(2, reader(0x02, 0x00, 0x00).len32());
        fails("length out of bounds", () -> reader(0x04, 0x00, 0x00).len32());
    }

    @Test
    void names() {
        byte[] utf8 = new ByteWriter().name("héllo ☃ 🎉").toByteArray();
        assertEquals("héllo ☃ 🎉", new BinaryReader(utf8, 0, utf8.length, 0).name());
        fails("malformed UTF-8 encoding", () -> reader(0x01, 0x80).name());
        fails("malformed UTF-8 encoding", () -> reader(0x02, 0xC1, 0xBF).name()); // overlong
        fails("malformed UTF-8 encoding", () -> reader(0x03, 0xED, 0xBF, 0xBF).name()); // surrogate
        fails("malformed UTF-8 encoding", () -> reader(0x04, 0xF4, 0x90, 0x80, 0x80).name()); // > U+10FFFF
        fails("malformed UTF-8 encoding", () -> reader(0x02, 0xE2, 0x98).name()); // truncated
        fails("malformed UTF-8 encoding", () -> reader(0x01, 0xFF).name());
    }

    @Test
    void utf8AgreesWithTheJdkOnAllTwoAndThreeByteSequences() {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        for (int a = 0x80; a < 0x100; a++) {
            for (int b = 0; b < 0x100; b++) {
                for (int c : new int[] {0x80, 0xBF, 0x41}) {
                    byte[] seq = bytes(a, b, c);
                    boolean jdk;
                    try {
                        decoder.reset().decode(java.nio.ByteBuffer.wrap(seq));
                        jdk = true;
                    } catch (java.nio.charset.CharacterCodingException e) {
                        jdk = false;
                    }
                    assertEquals(jdk, Utf8.isValid(seq, 0, 3), String.format("%02x %02x %02x", a, b, c));
                }
            }
        }
    }
}
