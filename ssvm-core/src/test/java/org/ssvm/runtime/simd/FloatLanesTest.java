package org.ssvm.runtime.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssvm.model.Opcode.*;

import org.junit.jupiter.api.Test;

/** Float lane operations, with values from simd_f32x4*.wast and simd_f64x2*.wast. */
class FloatLanesTest {
    private static final float NAN_PAYLOAD_F32 = Float.intBitsToFloat(0x7FA00000); // signalling nan:0x200000
    private static final double NAN_PAYLOAD_F64 = Double.longBitsToDouble(0x7FF4000000000000L);

    private static boolean isCanonical32(long[] v, int lane) {
        return (V.lane(v, 32, lane) & 0x7FFFFFFF) == 0x7FC00000;
    }

    private static boolean isCanonical64(long[] v, int lane) {
        return (v[lane] & Long.MAX_VALUE) == 0x7FF8000000000000L;
    }

    @Test
    void f32x4Arithmetic() {
        assertArrayEquals(V.f32(3f, -1f, 0.5f, Float.MAX_VALUE),
                Run.vv(F32X4_ADD, V.f32(1f, -2f, 0.25f, Float.MAX_VALUE), V.f32(2f, 1f, 0.25f, 0f)));
        assertArrayEquals(V.f32(-1f, 0f, Float.POSITIVE_INFINITY, 1f),
                Run.vv(F32X4_SUB, V.f32(1f, 1f, Float.MAX_VALUE, 1.5f), V.f32(2f, 1f, -Float.MAX_VALUE, 0.5f)));
        assertArrayEquals(V.f32(6f, -0f, Float.POSITIVE_INFINITY, 1e-45f),
                Run.vv(F32X4_MUL, V.f32(2f, 0f, 1e30f, 1e-45f), V.f32(3f, -5f, 1e30f, 1f)));
        assertArrayEquals(V.f32(0.5f, Float.NEGATIVE_INFINITY, 0f, 1f),
                Run.vv(F32X4_DIV, V.f32(1f, -1f, 0f, 3f), V.f32(2f, 0f, 2f, 3f)));
        assertArrayEquals(V.f32(2f, 0.5f, -0f, Float.POSITIVE_INFINITY),
                Run.v(F32X4_SQRT, V.f32(4f, 0.25f, -0f, Float.POSITIVE_INFINITY)));
        long[] nan = Run.vv(F32X4_ADD, V.f32(Float.POSITIVE_INFINITY, NAN_PAYLOAD_F32, 1, 1),
                V.f32(Float.NEGATIVE_INFINITY, 1f, 1, 1));
        assertTrue(isCanonical32(nan, 0), "inf - inf is the canonical NaN");
        assertTrue(isCanonical32(nan, 1), "NaN operands give a quiet (here canonical) NaN");
        assertTrue(isCanonical32(Run.v(F32X4_SQRT, V.f32(-1f, 0, 0, 0)), 0));
    }

    @Test
    void minMaxPropagateNanAndOrderZeros() {
        long[] min = Run.vv(F32X4_MIN, V.f32(-0f, 0f, Float.NaN, 1f), V.f32(0f, -0f, 1f, NAN_PAYLOAD_F32));
        assertEquals(0x80000000L, V.lane(min, 32, 0));
        assertEquals(0x80000000L, V.lane(min, 32, 1));
        assertTrue(isCanonical32(min, 2));
        assertTrue(isCanonical32(min, 3));
        long[] max = Run.vv(F32X4_MAX, V.f32(-0f, 0f, Float.NaN, 1f), V.f32(0f, -0f, 1f, 2f));
        assertEquals(0, V.lane(max, 32, 0));
        assertEquals(0, V.lane(max, 32, 1));
        assertTrue(isCanonical32(max, 2));
        assertEquals(2f, V.f32Lane(max, 3));
        long[] dmin = Run.vv(F64X2_MIN, V.f64(-0d, NAN_PAYLOAD_F64), V.f64(0d, 1d));
        assertEquals(Long.MIN_VALUE, dmin[0]);
        assertTrue(isCanonical64(dmin, 1));
        long[] dmax = Run.vv(F64X2_MAX, V.f64(-0d, 3d), V.f64(0d, Double.NaN));
        assertEquals(0L, dmax[0]);
        assertTrue(isCanonical64(dmax, 1));
    }

    @Test
    void pminPmaxReturnAnOperandUnchanged() {
        // simd_f32x4_pmin_pmax.wast: pmin(a, b) = b < a ? b : a, so a NaN first operand is returned as is
        long[] a = V.f32(NAN_PAYLOAD_F32, -0f, 1f, 2f);
        long[] b = V.f32(1f, 0f, NAN_PAYLOAD_F32, 1f);
        long[] pmin = Run.vv(F32X4_PMIN, a, b);
        assertEquals(0x7FA00000L, V.lane(pmin, 32, 0));
        assertEquals(0x80000000L, V.lane(pmin, 32, 1));
        assertEquals(1f, V.f32Lane(pmin, 2));
        assertEquals(1f, V.f32Lane(pmin, 3));
        long[] pmax = Run.vv(F32X4_PMAX, a, b);
        assertEquals(0x7FA00000L, V.lane(pmax, 32, 0));
        assertEquals(0x80000000L, V.lane(pmax, 32, 1));
        assertEquals(1f, V.f32Lane(pmax, 2));
        assertEquals(2f, V.f32Lane(pmax, 3));
        assertArrayEquals(V.f64(NAN_PAYLOAD_F64, 1d), Run.vv(F64X2_PMIN, V.f64(NAN_PAYLOAD_F64, 2d), V.f64(0d, 1d)));
        assertArrayEquals(V.f64(NAN_PAYLOAD_F64, 2d), Run.vv(F64X2_PMAX, V.f64(NAN_PAYLOAD_F64, 2d), V.f64(0d, 1d)));
    }

    @Test
    void absNegKeepNanPayloads() {
        assertArrayEquals(V.lanes(32, 0x7FA00000L, 0, 0x7F800000L, 1), Run.v(F32X4_ABS, V.lanes(32, 0xFFA00000L, 0x80000000L, 0xFF800000L, 1)));
        assertArrayEquals(V.lanes(32, 0xFFA00000L, 0x80000000L, 0x7F800000L, 0x80000001L), Run.v(F32X4_NEG, V.lanes(32, 0x7FA00000L, 0, 0xFF800000L, 1)));
        assertArrayEquals(V.i64(0x7FF4000000000000L, 0), Run.v(F64X2_ABS, V.i64(0xFFF4000000000000L, Long.MIN_VALUE)));
        assertArrayEquals(V.i64(0xFFF4000000000000L, Long.MIN_VALUE), Run.v(F64X2_NEG, V.i64(0x7FF4000000000000L, 0)));
    }

    @Test
    void roundingKeepsSignOfZeroAndRoundsHalfToEven() {
        // simd_f32x4_rounding.wast
        assertArrayEquals(V.f32(-0f, 2f, -1f, 8388608f), Run.v(F32X4_CEIL, V.f32(-0.5f, 1.5f, -1.5f, 8388608f)));
        assertArrayEquals(V.f32(-1f, 1f, -2f, -0f), Run.v(F32X4_FLOOR, V.f32(-0.5f, 1.5f, -1.5f, -0f)));
        assertArrayEquals(V.f32(-0f, 1f, -1f, 0f), Run.v(F32X4_TRUNC, V.f32(-0.5f, 1.5f, -1.5f, 0.9f)));
        assertArrayEquals(V.f32(-0f, 2f, -2f, 2f), Run.v(F32X4_NEAREST, V.f32(-0.5f, 1.5f, -2.5f, 2.5f)));
        assertArrayEquals(V.f64(-0d, 2d), Run.v(F64X2_CEIL, V.f64(-0.5, 1.5)));
        assertArrayEquals(V.f64(-1d, 1d), Run.v(F64X2_FLOOR, V.f64(-0.5, 1.5)));
        assertArrayEquals(V.f64(-0d, 4503599627370497d), Run.v(F64X2_TRUNC, V.f64(-0.7, 4503599627370497d)));
        assertArrayEquals(V.f64(-0d, 4d), Run.v(F64X2_NEAREST, V.f64(-0.5, 4.5)));
        assertTrue(isCanonical32(Run.v(F32X4_NEAREST, V.f32(NAN_PAYLOAD_F32, 0, 0, 0)), 0));
        assertTrue(isCanonical64(Run.v(F64X2_FLOOR, V.f64(NAN_PAYLOAD_F64, 0)), 0));
    }

    @Test
    void f64x2Arithmetic() {
        assertArrayEquals(V.f64(0.30000000000000004, Double.POSITIVE_INFINITY),
                Run.vv(F64X2_ADD, V.f64(0.1, Double.MAX_VALUE), V.f64(0.2, Double.MAX_VALUE)));
        assertArrayEquals(V.f64(-1d, 0d), Run.vv(F64X2_SUB, V.f64(1d, 2d), V.f64(2d, 2d)));
        assertArrayEquals(V.f64(Double.MIN_VALUE, -6d), Run.vv(F64X2_MUL, V.f64(Double.MIN_VALUE, 2d), V.f64(1d, -3d)));
        assertArrayEquals(V.f64(Double.NEGATIVE_INFINITY, 0.5), Run.vv(F64X2_DIV, V.f64(-1d, 1d), V.f64(0d, 2d)));
        assertArrayEquals(V.f64(3d, Math.sqrt(2d)), Run.v(F64X2_SQRT, V.f64(9d, 2d)));
        assertTrue(isCanonical64(Run.vv(F64X2_DIV, V.f64(0d, 0d), V.f64(0d, 0d)), 0));
    }

    @Test
    void comparisonsFollowIeee() {
        long[] a = V.f32(Float.NaN, -0f, 1f, 2f);
        long[] b = V.f32(Float.NaN, 0f, 2f, 1f);
        assertArrayEquals(V.i32(0, -1, 0, 0), Run.vv(F32X4_EQ, a, b));
        assertArrayEquals(V.i32(-1, 0, -1, -1), Run.vv(F32X4_NE, a, b));
        assertArrayEquals(V.i32(0, 0, -1, 0), Run.vv(F32X4_LT, a, b));
        assertArrayEquals(V.i32(0, 0, 0, -1), Run.vv(F32X4_GT, a, b));
        assertArrayEquals(V.i32(0, -1, -1, 0), Run.vv(F32X4_LE, a, b));
        assertArrayEquals(V.i32(0, -1, 0, -1), Run.vv(F32X4_GE, a, b));
        long[] c = V.f64(Double.NaN, -0d);
        long[] d = V.f64(1d, 0d);
        assertArrayEquals(V.i64(0, -1), Run.vv(F64X2_EQ, c, d));
        assertArrayEquals(V.i64(-1, 0), Run.vv(F64X2_NE, c, d));
        assertArrayEquals(V.i64(0, 0), Run.vv(F64X2_LT, c, d));
        assertArrayEquals(V.i64(0, 0), Run.vv(F64X2_GT, c, d));
        assertArrayEquals(V.i64(0, -1), Run.vv(F64X2_LE, c, d));
        assertArrayEquals(V.i64(0, -1), Run.vv(F64X2_GE, c, d));
    }
}
