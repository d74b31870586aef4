package org.ssvm.runtime.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ssvm.model.Opcode.*;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ssvm.TrapException;
import org.ssvm.model.Limits;
import org.ssvm.model.MemoryType;
import org.ssvm.model.Opcode;
import org.ssvm.runtime.Memory;

/** SIMD loads and stores, following simd_load*.wast and simd_store*.wast. */
class SimdMemoryTest {
    private Memory mem;

    @BeforeEach
    void setUp() {
        mem = new Memory(new MemoryType(Limits.of(1)));
        byte[] data = new byte[16];
        for (int i = 0; i < 16; i++) {
            data[i] = (byte) (i == 15 ? 0x80 : i);
        }
        mem.write(0, data, 0, 16);
    }

    private long[] load(Opcode op, long ea) {
        Run.EXERCISED.add(op);
        long[] s = new long[4];
        assertEquals(2, SimdOps.load(op, mem, ea, s, 0, 0));
        return new long[] {s[0], s[1]};
    }

    private long[] loadLane(Opcode op, long ea, long[] v, int lane) {
        Run.EXERCISED.add(op);
        long[] s = {v[0], v[1], 0};
        assertEquals(2, SimdOps.load(op, mem, ea, s, 2, lane));
        return new long[] {s[0], s[1]};
    }

    private void store(Opcode op, long ea, long[] v, int lane) {
        Run.EXERCISED.add(op);
        long[] s = {v[0], v[1]};
        assertEquals(0, SimdOps.store(op, mem, ea, s, 2, lane));
    }

    @Test
    void plainAndExtendingLoads() {
        assertArrayEquals(V.i8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0x80), load(V128_LOAD, 0));
        assertArrayEquals(V.i16(8, 9, 10, 11, 12, 13, 14, -128), load(V128_LOAD8X8_S, 8));
        assertArrayEquals(V.i16(8, 9, 10, 11, 12, 13, 14, 128), load(V128_LOAD8X8_U, 8));
        assertArrayEquals(V.i32(0x0908, 0x0B0A, 0x0D0C, 0xFFFF800E), load(V128_LOAD16X4_S, 8));
        assertArrayEquals(V.i32(0x0908, 0x0B0A, 0x0D0C, 0x800E), load(V128_LOAD16X4_U, 8));
        assertArrayEquals(V.i64(0x0B0A0908L, 0xFFFFFFFF800E0D0CL), load(V128_LOAD32X2_S, 8));
        assertArrayEquals(V.i64(0x0B0A0908L, 0x800E0D0CL), load(V128_LOAD32X2_U, 8));
    }

    @Test
    void splatAndZeroLoads() {
        assertArrayEquals(V.i8(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80), load(V128_LOAD8_SPLAT, 15));
        assertArrayEquals(V.i16(0x0201, 0x0201, 0x0201, 0x0201, 0x0201, 0x0201, 0x0201, 0x0201), load(V128_LOAD16_SPLAT, 1));
        assertArrayEquals(V.i32(0x800E0D0CL, 0x800E0D0CL, 0x800E0D0CL, 0x800E0D0CL), load(V128_LOAD32_SPLAT, 12));
        assertArrayEquals(V.i64(0x0706050403020100L, 0x0706050403020100L), load(V128_LOAD64_SPLAT, 0));
        assertArrayEquals(V.i64(0x800E0D0CL, 0), load(V128_LOAD32_ZERO, 12));
        assertArrayEquals(V.i64(0x800E0D0C0B0A0908L, 0), load(V128_LOAD64_ZERO, 8));
    }

    @Test
    void laneLoadsReplaceOneLaneOfTheStackOperand() {
        long[] ones = {-1, -1};
        assertArrayEquals(V.i64(-1, 0xFFFF80FFFFFFFFFFL), loadLane(V128_LOAD8_LANE, 15, ones, 13));
        assertArrayEquals(V.i64(0xFFFFFFFF0201FFFFL, -1), loadLane(V128_LOAD16_LANE, 1, ones, 1));
        assertArrayEquals(V.i64(-1, 0x800E0D0CFFFFFFFFL), loadLane(V128_LOAD32_LANE, 12, ones, 3));
        assertArrayEquals(V.i64(0x0706050403020100L, -1), loadLane(V128_LOAD64_LANE, 0, ones, 0));
        assertArrayEquals(V.i64(-1, 0x0807060504030201L), loadLane(V128_LOAD64_LANE, 1, ones, 1));
    }

    @Test
    void storesWriteTheRightBytes() {
        long[] v = V.i8(0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF);
        store(V128_STORE, 100, v, 0);
        assertEquals(0xA7A6A5A4A3A2A1A0L, mem.loadLong(100));
        assertEquals(0xAFAEADACABAAA9A8L, mem.loadLong(108));
        store(V128_STORE8_LANE, 200, v, 9);
        assertEquals(0xA9L, mem.loadLong(200));
        store(V128_STORE16_LANE, 300, v, 7);
        assertEquals(0xAFAEL, mem.loadLong(300));
        store(V128_STORE32_LANE, 400, v, 1);
        assertEquals(0xA7A6A5A4L, mem.loadLong(400));
        store(V128_STORE64_LANE, 500, v, 1);
        assertEquals(0xAFAEADACABAAA9A8L, mem.loadLong(500));
    }

    @Test
    void outOfBoundsAccessesTrapWithoutPartialWrites() {
        int size = Memory.PAGE_SIZE;
        TrapException t = assertThrows(TrapException.class, () -> load(V128_LOAD, size - 15));
        assertEquals("out of bounds memory access", t.getMessage());
        assertThrows(TrapException.class, () -> load(V128_LOAD8_SPLAT, size));
        assertThrows(TrapException.class, () -> load(V128_LOAD64_ZERO, size - 7));
        assertThrows(TrapException.class, () -> load(V128_LOAD8X8_S, 0xFFFFFFFFL + 8));
        assertThrows(TrapException.class, () -> loadLane(V128_LOAD32_LANE, size - 3, new long[2], 0));
        assertThrows(TrapException.class, () -> store(V128_STORE16_LANE, size - 1, new long[2], 0));
        assertArrayEquals(new long[2], load(V128_LOAD, size - 16), "the last 16 bytes are in bounds");

        mem.storeLong(size - 16, 0x1111111111111111L);
        assertThrows(TrapException.class, () -> store(V128_STORE, size - 8, new long[] {-1, -1}, 0));
        assertEquals(0x1111111111111111L, mem.loadLong(size - 16));
        assertEquals(0, mem.loadLong(size - 8), "a trapping v128.store writes nothing");
    }
}
