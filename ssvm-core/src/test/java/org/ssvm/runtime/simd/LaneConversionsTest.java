package org.ssvm.runtime.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssvm.model.Opcode.*;

import org.junit.jupiter.api.Test;

/** Widening, narrowing and float/int conversions, with values from the spec's simd_*.wast scripts. */
class LaneConversionsTest {
    private static final long[] BYTES = V.i8(0x80, 0x7F, 0xFF, 1, 2, 3, 4, 5, 0x81, 6, 7, 8, 9, 10, 11, 0xFE);

    @Test
    void extendTakesTheNamedHalf() {
        // simd_int_to_int_extend.wast
        assertArrayEquals(V.i16(-128, 127, -1, 1, 2, 3, 4, 5), Run.v(I16X8_EXTEND_LOW_I8X16_S, BYTES));
        assertArrayEquals(V.i16(-127, 6, 7, 8, 9, 10, 11, -2), Run.v(I16X8_EXTEND_HIGH_I8X16_S, BYTES));
        assertArrayEquals(V.i16(128, 127, 255, 1, 2, 3, 4, 5), Run.v(I16X8_EXTEND_LOW_I8X16_U, BYTES));
        assertArrayEquals(V.i16(129, 6, 7, 8, 9, 10, 11, 254), Run.v(I16X8_EXTEND_HIGH_I8X16_U, BYTES));
        long[] shorts = V.i16(0x8000, 0x7FFF, 0xFFFF, 1, 0x8001, 2, 3, 0xFFFE);
        assertArrayEquals(V.i32(-32768, 32767, -1, 1), Run.v(I32X4_EXTEND_LOW_I16X8_S, shorts));
        assertArrayEquals(V.i32(-32767, 2, 3, -2), Run.v(I32X4_EXTEND_HIGH_I16X8_S, shorts));
        assertArrayEquals(V.i32(0x8000, 0x7FFF, 0xFFFF, 1), Run.v(I32X4_EXTEND_LOW_I16X8_U, shorts));
        assertArrayEquals(V.i32(0x8001, 2, 3, 0xFFFE), Run.v(I32X4_EXTEND_HIGH_I16X8_U, shorts));
        long[] ints = V.i32(0x80000000L, 5, 0xFFFFFFFFL, 0x7FFFFFFF);
        assertArrayEquals(V.i64(Integer.MIN_VALUE, 5), Run.v(I64X2_EXTEND_LOW_I32X4_S, ints));
        assertArrayEquals(V.i64(-1, Integer.MAX_VALUE), Run.v(I64X2_EXTEND_HIGH_I32X4_S, ints));
        assertArrayEquals(V.i64(0x80000000L, 5), Run.v(I64X2_EXTEND_LOW_I32X4_U, ints));
        assertArrayEquals(V.i64(0xFFFFFFFFL, Integer.MAX_VALUE), Run.v(I64X2_EXTEND_HIGH_I32X4_U, ints));
    }

    @Test
    void extmulMultipliesExtendedLanes() {
        // simd_i16x8_extmul_i8x16.wast, simd_i32x4_extmul_i16x8.wast, simd_i64x2_extmul_i32x4.wast
        long[] a = V.i8(0x80, 0xFF, 0x7F, 2, 0, 0, 0, 0, 0x80, 0xFF, 0, 0, 0, 0, 0, 0x7F);
        assertArrayEquals(V.i16(16384, 1, -127 & 0xFFFF, 4), Run.vv(I16X8_EXTMUL_LOW_I8X16_S, a, V.i8(0x80, 0xFF, 0xFF, 2)));
        assertArrayEquals(V.i16(16384, 65025, 127 * 255, 4), Run.vv(I16X8_EXTMUL_LOW_I8X16_U, a, V.i8(0x80, 0xFF, 0xFF, 2)));
        long[] b = V.i8(0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0xFF, 0, 0, 0, 0, 0, 0x7F);
        assertArrayEquals(V.i16(16384, 1, 0, 0, 0, 0, 0, 16129), Run.vv(I16X8_EXTMUL_HIGH_I8X16_S, a, b));
        assertArrayEquals(V.i16(16384, 65025, 0, 0, 0, 0, 0, 16129), Run.vv(I16X8_EXTMUL_HIGH_I8X16_U, a, b));
        long[] c = V.i16(0x8000, 0xFFFF, 0, 0, 0x7FFF, 0x8000, 0, 0);
        assertArrayEquals(V.i32(0x40000000, 1, 0, 0), Run.vv(I32X4_EXTMUL_LOW_I16X8_S, c, c));
        assertArrayEquals(V.i32(0x40000000, 0xFFFE0001L, 0, 0), Run.vv(I32X4_EXTMUL_LOW_I16X8_U, c, c));
        assertArrayEquals(V.i32(0x3FFF0001, 0x40000000, 0, 0), Run.vv(I32X4_EXTMUL_HIGH_I16X8_S, c, c));
        assertArrayEquals(V.i32(0x3FFF0001, 0x40000000, 0, 0), Run.vv(I32X4_EXTMUL_HIGH_I16X8_U, c, c));
        long[] d = V.i32(0x80000000L, 0xFFFFFFFFL, 0x7FFFFFFF, 0xFFFFFFFFL);
        assertArrayEquals(V.i64(0x4000000000000000L, 1), Run.vv(I64X2_EXTMUL_LOW_I32X4_S, d, d));
        assertArrayEquals(V.i64(0x4000000000000000L, 0xFFFFFFFE00000001L), Run.vv(I64X2_EXTMUL_LOW_I32X4_U, d, d));
        assertArrayEquals(V.i64(0x3FFFFFFF00000001L, 1), Run.vv(I64X2_EXTMUL_HIGH_I32X4_S, d, d));
        assertArrayEquals(V.i64(0x3FFFFFFF00000001L, 0xFFFFFFFE00000001L), Run.vv(I64X2_EXTMUL_HIGH_I32X4_U, d, d));
    }

    @Test
    void pairwiseSumsAndDot() {
        // simd_i16x8_extadd_pairwise_i8x16.wast / simd_i32x4_extadd_pairwise_i16x8.wast / simd_i32x4_dot_i16x8.wast
        long[] bytes = V.i8(0x80, 0x80, 0x7F, 0x7F, 0xFF, 0xFF, 0x80, 0x7F, 1, 2, 3, 4, 5, 6, 7, 8);
        assertArrayEquals(V.i16(-256, 254, -2, -1, 3, 7, 11, 15), Run.v(I16X8_EXTADD_PAIRWISE_I8X16_S, bytes));
        assertArrayEquals(V.i16(256, 254, 510, 255, 3, 7, 11, 15), Run.v(I16X8_EXTADD_PAIRWISE_I8X16_U, bytes));
        long[] shorts = V.i16(0x8000, 0x8000, 0x7FFF, 0x7FFF, 0xFFFF, 0xFFFF, 1, 2);
        assertArrayEquals(V.i32(-65536, 65534, -2, 3), Run.v(I32X4_EXTADD_PAIRWISE_I16X8_S, shorts));
        assertArrayEquals(V.i32(65536, 65534, 131070, 3), Run.v(I32X4_EXTADD_PAIRWISE_I16X8_U, shorts));
        assertArrayEquals(V.i32(0x80000000L, 0x7FFE0002, 2, 5),
                Run.vv(I32X4_DOT_I16X8_S, shorts, V.i16(0x8000, 0x8000, 0x7FFF, 0x7FFF, 0xFFFF, 0xFFFF, 1, 2)));
    }

    @Test
    void narrowSaturates() {
        // simd_conversions.wast
        long[] a = V.i16(0x7FFF, 0x8000, 128, -129, 127, -128, 255, 256);
        long[] b = V.i16(1, 2, 3, 4, 5, 6, 7, 8);
        assertArrayEquals(V.i8(127, -128, 127, -128, 127, -128, 127, 127, 1, 2, 3, 4, 5, 6, 7, 8), Run.vv(I8X16_NARROW_I16X8_S, a, b));
        assertArrayEquals(V.i8(255, 0, 128, 0, 127, 0, 255, 255, 1, 2, 3, 4, 5, 6, 7, 8), Run.vv(I8X16_NARROW_I16X8_U, a, b));
        long[] c = V.i32(0x7FFFFFFF, 0x80000000L, 32768, -32769);
        long[] d = V.i32(65535, 65536, -1, 7);
        assertArrayEquals(V.i16(32767, -32768, 32767, -32768, 32767, 32767, -1, 7), Run.vv(I16X8_NARROW_I32X4_S, c, d));
        assertArrayEquals(V.i16(65535, 0, 32768, 0, 65535, 65535, 0, 7), Run.vv(I16X8_NARROW_I32X4_U, c, d));
    }

    @Test
    void truncSatClampsAndMapsNanToZero() {
        // simd_i32x4_trunc_sat_f32x4.wast / simd_i32x4_trunc_sat_f64x2.wast
        long[] f = V.f32(Float.NaN, -3e9f, 3e9f, -1.9f);
        assertArrayEquals(V.i32(0, 0x80000000L, 0x7FFFFFFF, -1), Run.v(I32X4_TRUNC_SAT_F32X4_S, f));
        assertArrayEquals(V.i32(0, 0, 3000000000L, 0), Run.v(I32X4_TRUNC_SAT_F32X4_U, f));
        assertArrayEquals(V.i32(0xFFFFFFFFL, 4294967040L, 1, 0), Run.v(I32X4_TRUNC_SAT_F32X4_U, V.f32(5e9f, 4294967040f, 1.9f, -0.9f)));
        assertArrayEquals(V.i32(0x7FFFFFFF, -2, 0, 0), Run.v(I32X4_TRUNC_SAT_F64X2_S_ZERO, V.f64(1e10, -2.5)));
        assertArrayEquals(V.i32(0, 0x80000000L, 0, 0), Run.v(I32X4_TRUNC_SAT_F64X2_S_ZERO, V.f64(Double.NaN, -1e300)));
        assertArrayEquals(V.i32(0xFFFFFFFFL, 0, 0, 0), Run.v(I32X4_TRUNC_SAT_F64X2_U_ZERO, V.f64(4294967296.0, -0.99)));
        assertArrayEquals(V.i32(4294967295L, 0, 0, 0), Run.v(I32X4_TRUNC_SAT_F64X2_U_ZERO, V.f64(4294967295.9, Double.NaN)));
    }

    @Test
    void intToFloatConversionsRoundToNearestEven() {
        // simd_conversions.wast: 16777217 is not representable in f32 and rounds to 16777216
        assertArrayEquals(V.f32(16777216f, -2147483648f, 1f, -1f), Run.v(F32X4_CONVERT_I32X4_S, V.i32(16777217, 0x80000000L, 1, -1)));
        assertArrayEquals(V.f32(4294967296f, 2147483648f, 16777220f, 0f), Run.v(F32X4_CONVERT_I32X4_U, V.i32(-1, 0x80000000L, 16777219, 0)));
        assertArrayEquals(V.f64(-2147483648d, 7d), Run.v(F64X2_CONVERT_LOW_I32X4_S, V.i32(0x80000000L, 7, 99, 99)));
        assertArrayEquals(V.f64(4294967295d, 2147483648d), Run.v(F64X2_CONVERT_LOW_I32X4_U, V.i32(-1, 0x80000000L, 99, 99)));
    }

    @Test
    void demoteAndPromote() {
        // simd_conversions.wast
        long[] demoted = Run.v(F32X4_DEMOTE_F64X2_ZERO, V.f64(1e300, Double.longBitsToDouble(0x7FF4000000000000L)));
        assertEquals(Float.floatToRawIntBits(Float.POSITIVE_INFINITY), (int) V.lane(demoted, 32, 0));
        assertEquals(0x7FC00000, (int) V.lane(demoted, 32, 1) & 0x7FFFFFFF);
        assertEquals(0, demoted[1], "upper lanes are zero");
        assertArrayEquals(V.f32(0.1f, -0f, 0, 0), Run.v(F32X4_DEMOTE_F64X2_ZERO, V.f64(0.1, -0d)));
        long[] promoted = Run.v(F64X2_PROMOTE_LOW_F32X4, V.f32(0.1f, Float.intBitsToFloat(0x7FA00000), 5f, 6f));
        assertEquals((double) 0.1f, V.f64Lane(promoted, 0));
        assertTrue(Double.isNaN(V.f64Lane(promoted, 1)));
        assertEquals(0x7FF8000000000000L, promoted[1] & 0x7FF8000000000000L, "promoted NaN is quiet");
    }
}
