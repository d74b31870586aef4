package org.ssvm.runtime.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ssvm.model.Opcode.*;

import org.junit.jupiter.api.Test;

/** Constants, splats, lane access, shuffles and bitwise operations (simd_lane, simd_splat, simd_bitwise). */
class LaneAccessTest {
    private static final long[] SEQ = V.i8(100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115);

    @Test
    void constPushesBothHalves() {
        assertArrayEquals(V.i64(0x0706050403020100L, 0x0F0E0D0C0B0A0908L), Run.constant(0x0706050403020100L, 0x0F0E0D0C0B0A0908L));
    }

    @Test
    void splatReplicatesTheLowBits() {
        // simd_splat.wast: only the lane's low bits of the i32 operand matter
        assertArrayEquals(V.i8(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), Run.sv(I8X16_SPLAT, 0x1FF));
        assertArrayEquals(V.i16(0x8000, 0x8000, 0x8000, 0x8000, 0x8000, 0x8000, 0x8000, 0x8000), Run.sv(I16X8_SPLAT, 0xFFFF8000L));
        assertArrayEquals(V.i32(-5, -5, -5, -5), Run.sv(I32X4_SPLAT, 0xABCD_0000_FFFF_FFFBL));
        assertArrayEquals(V.i64(Long.MIN_VALUE, Long.MIN_VALUE), Run.sv(I64X2_SPLAT, Long.MIN_VALUE));
        assertArrayEquals(V.lanes(32, 0x7FA00000L, 0x7FA00000L, 0x7FA00000L, 0x7FA00000L), Run.sv(F32X4_SPLAT, 0x7FA00000L));
        assertArrayEquals(V.i64(0xFFF4000000000000L, 0xFFF4000000000000L), Run.sv(F64X2_SPLAT, 0xFFF4000000000000L));
    }

    @Test
    void extractLane() {
        // simd_lane.wast
        long[] v = V.i8(127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80);
        assertEquals(127, (int) Run.vs(I8X16_EXTRACT_LANE_S, v, 0));
        assertEquals(-128, (int) Run.vs(I8X16_EXTRACT_LANE_S, v, 15));
        assertEquals(128, (int) Run.vs(I8X16_EXTRACT_LANE_U, v, 15));
        long[] w = V.i16(0xFFFF, 0, 0, 0, 0, 0, 0, 0x8000);
        assertEquals(-1, (int) Run.vs(I16X8_EXTRACT_LANE_S, w, 0));
        assertEquals(65535, (int) Run.vs(I16X8_EXTRACT_LANE_U, w, 0));
        assertEquals(-32768, (int) Run.vs(I16X8_EXTRACT_LANE_S, w, 7));
        assertEquals(32768, (int) Run.vs(I16X8_EXTRACT_LANE_U, w, 7));
        long[] x = V.i32(1, 2, 3, 0x80000000L);
        assertEquals(Integer.MIN_VALUE, (int) Run.vs(I32X4_EXTRACT_LANE, x, 3));
        assertEquals(3, (int) Run.vs(I32X4_EXTRACT_LANE, x, 2));
        assertEquals(Float.floatToRawIntBits(-1.5f), (int) Run.vs(F32X4_EXTRACT_LANE, V.f32(0, 0, 0, -1.5f), 3));
        assertEquals(-7L, Run.vs(I64X2_EXTRACT_LANE, V.i64(3, -7), 1));
        assertEquals(Double.doubleToRawLongBits(2.5), Run.vs(F64X2_EXTRACT_LANE, V.f64(2.5, 0), 0));
    }

    @Test
    void replaceLane() {
        // simd_lane.wast: the scalar is wrapped to the lane width
        long[] zero = new long[2];
        assertArrayEquals(V.i8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80), Run.vx(I8X16_REPLACE_LANE, zero, 0x180, 15));
        assertArrayEquals(V.i8(0x7F), Run.vx(I8X16_REPLACE_LANE, zero, 127, 0));
        assertArrayEquals(V.i16(0, 0, 0, 0, 0, 0, 0, 0x8000), Run.vx(I16X8_REPLACE_LANE, zero, 0x18000, 7));
        assertArrayEquals(V.i32(0, 0, 0, -1), Run.vx(I32X4_REPLACE_LANE, zero, 0xFFFFFFFFL, 3));
        assertArrayEquals(V.f32(0, 3.5f, 0, 0), Run.vx(F32X4_REPLACE_LANE, zero, Float.floatToRawIntBits(3.5f), 1));
        assertArrayEquals(V.i64(0, Long.MIN_VALUE), Run.vx(I64X2_REPLACE_LANE, zero, Long.MIN_VALUE, 1));
        assertArrayEquals(V.f64(-0d, 0), Run.vx(F64X2_REPLACE_LANE, zero, Long.MIN_VALUE, 0));
        long[] ones = {-1, -1};
        assertArrayEquals(V.i64(-1, 0xFFFFFF00FFFFFFFFL), Run.vx(I8X16_REPLACE_LANE, ones, 0, 12));
    }

    @Test
    void swizzleZeroesOutOfRangeIndices() {
        assertArrayEquals(V.i8(115, 114, 113, 112, 111, 110, 109, 108, 107, 106, 105, 104, 103, 102, 101, 100),
                Run.vv(I8X16_SWIZZLE, SEQ, V.i8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)));
        assertArrayEquals(V.i8(0, 101, 0, 102, 0, 103, 0, 104, 0, 105, 0, 106, 0, 107, 0, 108),
                Run.vv(I8X16_SWIZZLE, SEQ, V.i8(-1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -7, 7, -8, 8)));
        assertArrayEquals(V.i8(109, 0, 110, 0, 111, 0, 112, 0, 113, 0, 114, 0, 115, 0, 0, 0),
                Run.vv(I8X16_SWIZZLE, SEQ, V.i8(9, 16, 10, 17, 11, 18, 12, 19, 13, 20, 14, 21, 15, 22, 16, 23)));
    }

    @Test
    void shuffleSelectsFromBothOperands() {
        long[] b = V.i8(200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215);
        long[] reversed = V.i8(31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16);
        assertArrayEquals(V.i8(215, 214, 213, 212, 211, 210, 209, 208, 207, 206, 205, 204, 203, 202, 201, 200),
                Run.shuffle(SEQ, b, reversed[0], reversed[1]));
        long[] mixed = V.i8(0, 16, 1, 17, 15, 31, 8, 24, 7, 23, 3, 3, 3, 3, 30, 14);
        assertArrayEquals(V.i8(100, 200, 101, 201, 115, 215, 108, 208, 107, 207, 103, 103, 103, 103, 214, 114),
                Run.shuffle(SEQ, b, mixed[0], mixed[1]));
    }

    @Test
    void bitwiseOperations() {
        // simd_bitwise.wast
        long[] a = V.i32(0xFFFFFFFFL, 0, 0x55555555L, 0xF0F0F0F0L);
        long[] b = V.i32(0, 0, 0xAAAAAAAAL, 0xFF00FF00L);
        assertArrayEquals(V.i32(0, 0xFFFFFFFFL, 0xAAAAAAAAL, 0x0F0F0F0F), Run.v(V128_NOT, a));
        assertArrayEquals(V.i32(0, 0, 0, 0xF000F000L), Run.vv(V128_AND, a, b));
        assertArrayEquals(V.i32(0xFFFFFFFFL, 0, 0x55555555L, 0x00F000F0), Run.vv(V128_ANDNOT, a, b));
        assertArrayEquals(V.i32(0xFFFFFFFFL, 0, 0xFFFFFFFFL, 0xFFF0FFF0L), Run.vv(V128_OR, a, b));
        assertArrayEquals(V.i32(0xFFFFFFFFL, 0, 0xFFFFFFFFL, 0x0FF00FF0), Run.vv(V128_XOR, a, b));
        long[] c = V.i32(0xFFFF0000L, 0xFFFFFFFFL, 0, 0x0F0F0F0F);
        assertArrayEquals(V.i32(0xFFFF0000L, 0, 0xAAAAAAAAL, 0xF000F000L), Run.vvv(V128_BITSELECT, a, b, c));
    }
}
