package org.ssvm.runtime.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ssvm.model.Opcode.*;

import java.util.Map;
import java.util.Random;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.ssvm.model.Opcode;

/** Integer lane arithmetic: spec-script values, then every SWAR kernel against a plain per-lane model. */
class IntLanesTest {

    // ------------------------------------------------------------------ values from simd_*_arith / _sat_arith

    @Test
    void i8x16ArithmeticMatchesSpecExamples() {
        // simd_i8x16_arith.wast / simd_i8x16_sat_arith.wast
        assertArrayEquals(V.i8(-128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128),
                Run.vv(I8X16_ADD, V.i8(127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127),
                        V.i8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        long[] max = V.i8(127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127);
        long[] one = V.i8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertArrayEquals(max, Run.vv(I8X16_ADD_SAT_S, max, one));
        long[] ff = V.i8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
        assertArrayEquals(ff, Run.vv(I8X16_ADD_SAT_U, ff, one));
        long[] zero = new long[2];
        assertArrayEquals(zero, Run.vv(I8X16_SUB_SAT_U, one, ff));
        long[] min = V.i8(-128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128);
        assertArrayEquals(min, Run.vv(I8X16_SUB_SAT_S, min, one));
        assertArrayEquals(min, Run.v(I8X16_NEG, min));
        assertArrayEquals(min, Run.v(I8X16_ABS, min));
        assertArrayEquals(one, Run.v(I8X16_ABS, ff));
        assertArrayEquals(V.i8(0, 2, 1, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                Run.vv(I8X16_SUB, V.i8(0, 1, 2, -128), V.i8(0, -1, 1, 1)));
        // simd_i8x16_arith2.wast: avgr_u rounds up, popcnt counts bits
        assertArrayEquals(V.i8(128, 1, 255, 128), Run.vv(I8X16_AVGR_U, V.i8(255, 1, 255, 0), V.i8(0, 0, 255, 255)));
        assertArrayEquals(V.i8(8, 1, 4, 0, 7), Run.v(I8X16_POPCNT, V.i8(0xFF, 0x80, 0x55, 0, 0x7F)));
        assertArrayEquals(V.i8(-128, 0, 1, 255), Run.vv(I8X16_MIN_S, V.i8(-128, 0, 1, 255), V.i8(127, 0, 2, 0)));
        assertArrayEquals(V.i8(0, 0, 1, 0), Run.vv(I8X16_MIN_U, V.i8(-128, 0, 1, 255), V.i8(0, 0, 2, 0)));
        assertArrayEquals(V.i8(127, 0, 2, 0), Run.vv(I8X16_MAX_S, V.i8(-128, 0, 1, 255), V.i8(127, 0, 2, 0)));
        assertArrayEquals(V.i8(-128, 0, 2, 255), Run.vv(I8X16_MAX_U, V.i8(-128, 0, 1, 255), V.i8(127, 0, 2, 0)));
    }

    @Test
    void i16x8AndI32x4ArithmeticMatchesSpecExamples() {
        // simd_i16x8_arith.wast: mul wraps; simd_i16x8_q15mulr_sat_s.wast: -32768 * -32768 saturates
        assertArrayEquals(V.i16(0, 1, 0x8000), Run.vv(I16X8_MUL, V.i16(-32768, -1, 16384), V.i16(-32768, -1, -2)));
        assertArrayEquals(V.i16(32767, 0, 1, -1), Run.vv(I16X8_Q15MULR_SAT_S, V.i16(-32768, 0, 0x4000, -0x4000), V.i16(-32768, 5, 2, 2)));
        assertArrayEquals(V.i16(32767, -32768, 65535), Run.vv(I16X8_ADD_SAT_S, V.i16(32767, -32768, 0), V.i16(1, -1, -1)));
        assertArrayEquals(V.i16(65535, 0), Run.vv(I16X8_ADD_SAT_U, V.i16(65535, 0), V.i16(1, 0)));
        assertArrayEquals(V.i16(-32768, 0), Run.vv(I16X8_SUB_SAT_S, V.i16(-32768, 0), V.i16(1, 0)));
        assertArrayEquals(V.i16(0, 1), Run.vv(I16X8_SUB_SAT_U, V.i16(0, 2), V.i16(1, 1)));
        assertArrayEquals(V.i16(32768, 1), Run.vv(I16X8_AVGR_U, V.i16(65535, 1), V.i16(0, 0)));
        assertArrayEquals(V.i16(0, 0, -32768, -1, 1, -1, 0, 0),
                Run.vv(I16X8_ADD, V.i16(1, -1, 32767, 0, 0, 0, 0, 0), V.i16(-1, 1, 1, -1, 1, -1, 0, 0)));
        assertArrayEquals(V.i16(2, -32768), Run.vv(I16X8_SUB, V.i16(1, 0), V.i16(-1, -32768)));
        assertArrayEquals(V.i16(1, -32768, 0), Run.v(I16X8_NEG, V.i16(-1, -32768, 0)));
        assertArrayEquals(V.i16(1, -32768, 5), Run.v(I16X8_ABS, V.i16(-1, -32768, 5)));
        assertArrayEquals(V.i16(-32768, 65535), Run.vv(I16X8_MIN_S, V.i16(-32768, 65535), V.i16(32767, 0)));
        assertArrayEquals(V.i16(32767, 0), Run.vv(I16X8_MIN_U, V.i16(-32768, 65535), V.i16(32767, 0)));
        assertArrayEquals(V.i16(32767, 0), Run.vv(I16X8_MAX_S, V.i16(-32768, 65535), V.i16(32767, 0)));
        assertArrayEquals(V.i16(-32768, 65535), Run.vv(I16X8_MAX_U, V.i16(-32768, 65535), V.i16(32767, 0)));
        // simd_i32x4_arith.wast
        assertArrayEquals(V.i32(0x80000000L, 0, 1, 0xFFFFFFFFL), Run.vv(I32X4_ADD, V.i32(0x7FFFFFFF, 1, 0, -1), V.i32(1, -1, 1, 0)));
        assertArrayEquals(V.i32(0x7FFFFFFF, 2), Run.vv(I32X4_SUB, V.i32(0x80000000L, 1), V.i32(1, -1)));
        assertArrayEquals(V.i32(1, 0x80000000L, 0x40000000, 0), Run.vv(I32X4_MUL, V.i32(-1, 0x40000000, 0x20000000, 0), V.i32(-1, 2, 2, 9)));
        assertArrayEquals(V.i32(0x80000000L, 1), Run.v(I32X4_NEG, V.i32(0x80000000L, -1)));
        assertArrayEquals(V.i32(0x80000000L, 1), Run.v(I32X4_ABS, V.i32(0x80000000L, -1)));
        assertArrayEquals(V.i32(0x80000000L, 0xFFFFFFFFL), Run.vv(I32X4_MIN_S, V.i32(0x80000000L, 0), V.i32(0, 0xFFFFFFFFL)));
        assertArrayEquals(V.i32(0, 0), Run.vv(I32X4_MIN_U, V.i32(0x80000000L, 0), V.i32(0, 0xFFFFFFFFL)));
        assertArrayEquals(V.i32(0, 0), Run.vv(I32X4_MAX_S, V.i32(0x80000000L, 0), V.i32(0, 0xFFFFFFFFL)));
        assertArrayEquals(V.i32(0x80000000L, 0xFFFFFFFFL), Run.vv(I32X4_MAX_U, V.i32(0x80000000L, 0), V.i32(0, 0xFFFFFFFFL)));
    }

    @Test
    void i64x2ArithmeticMatchesSpecExamples() {
        // simd_i64x2_arith.wast / simd_i64x2_arith2.wast
        assertArrayEquals(V.i64(Long.MIN_VALUE, 0), Run.vv(I64X2_ADD, V.i64(Long.MAX_VALUE, 1), V.i64(1, -1)));
        assertArrayEquals(V.i64(Long.MAX_VALUE, 2), Run.vv(I64X2_SUB, V.i64(Long.MIN_VALUE, 1), V.i64(1, -1)));
        assertArrayEquals(V.i64(0, 1), Run.vv(I64X2_MUL, V.i64(0x100000000L, -1), V.i64(0x100000000L, -1)));
        assertArrayEquals(V.i64(Long.MIN_VALUE, 1), Run.v(I64X2_NEG, V.i64(Long.MIN_VALUE, -1)));
        assertArrayEquals(V.i64(Long.MIN_VALUE, 1), Run.v(I64X2_ABS, V.i64(Long.MIN_VALUE, -1)));
    }

    @Test
    void comparisonsGiveAllOnesLanes() {
        // simd_i8x16_cmp.wast style: signed and unsigned disagree on 0x80 vs 0x7f
        long[] a = V.i8(0x80, 0x7F, 5, 5);
        long[] b = V.i8(0x7F, 0x80, 5, 6);
        assertArrayEquals(V.i8(0, 0, 0xFF, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), Run.vv(I8X16_EQ, a, b));
        assertArrayEquals(V.i8(0xFF, 0xFF, 0, 0xFF), Run.vv(I8X16_NE, a, b));
        assertArrayEquals(V.i8(0xFF, 0, 0, 0xFF), Run.vv(I8X16_LT_S, a, b));
        assertArrayEquals(V.i8(0, 0xFF, 0, 0xFF), Run.vv(I8X16_LT_U, a, b));
        assertArrayEquals(V.i8(0, 0xFF, 0, 0), Run.vv(I8X16_GT_S, a, b));
        assertArrayEquals(V.i8(0xFF, 0, 0, 0), Run.vv(I8X16_GT_U, a, b));
        assertEquals(0xFF, V.lane(Run.vv(I8X16_LE_S, a, b), 8, 0));
        assertEquals(0, V.lane(Run.vv(I8X16_LE_U, a, b), 8, 0));
        assertEquals(0, V.lane(Run.vv(I8X16_GE_S, a, b), 8, 0));
        assertEquals(0xFF, V.lane(Run.vv(I8X16_GE_U, a, b), 8, 0));
        long[] c = V.i16(0x8000, 0x7FFF);
        long[] d = V.i16(0x7FFF, 0x8000);
        assertArrayEquals(V.i16(0xFFFF, 0, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF), Run.vv(I16X8_LE_S, c, d));
        assertArrayEquals(V.i16(0xFFFF, 0), Run.vv(I16X8_LT_S, c, d));
        assertEquals(0xFFFF, V.lane(Run.vv(I16X8_LT_U, d, c), 16, 0));
        long[] e = V.i32(0x80000000L, 0x7FFFFFFF, 1, 1);
        long[] f = V.i32(0x7FFFFFFF, 0x80000000L, 1, 2);
        assertArrayEquals(V.i32(0, 0, 0xFFFFFFFFL, 0), Run.vv(I32X4_EQ, e, f));
        assertArrayEquals(V.i32(0xFFFFFFFFL, 0, 0, 0xFFFFFFFFL), Run.vv(I32X4_LT_S, e, f));
        assertArrayEquals(V.i32(0, 0xFFFFFFFFL, 0, 0xFFFFFFFFL), Run.vv(I32X4_LT_U, e, f));
        assertArrayEquals(V.i64(-1, 0), Run.vv(I64X2_LT_S, V.i64(Long.MIN_VALUE, 1), V.i64(Long.MAX_VALUE, 1)));
        assertArrayEquals(V.i64(0, -1), Run.vv(I64X2_EQ, V.i64(Long.MIN_VALUE, 1), V.i64(Long.MAX_VALUE, 1)));
        assertArrayEquals(V.i64(-1, 0), Run.vv(I64X2_NE, V.i64(Long.MIN_VALUE, 1), V.i64(Long.MAX_VALUE, 1)));
        assertArrayEquals(V.i64(0, 0), Run.vv(I64X2_GT_S, V.i64(Long.MIN_VALUE, 1), V.i64(Long.MAX_VALUE, 1)));
        assertArrayEquals(V.i64(-1, -1), Run.vv(I64X2_LE_S, V.i64(Long.MIN_VALUE, 1), V.i64(Long.MAX_VALUE, 1)));
        assertArrayEquals(V.i64(0, -1), Run.vv(I64X2_GE_S, V.i64(Long.MIN_VALUE, 1), V.i64(Long.MAX_VALUE, 1)));
    }

    @Test
    void shiftCountIsTakenModuloLaneWidth() {
        // simd_bit_shift.wast: i8x16.shl by 8 is a shift by 0, shr_s by 9 is by 1
        long[] x = V.i8(0x80, 0x01, 0xFF, 0x40);
        assertArrayEquals(x, Run.vx(I8X16_SHL, x, 8, 0));
        assertArrayEquals(V.i8(0xC0, 0x00, 0xFF, 0x20), Run.vx(I8X16_SHR_S, x, 9, 0));
        assertArrayEquals(V.i8(0x40, 0x00, 0x7F, 0x20), Run.vx(I8X16_SHR_U, x, -7, 0));
        assertArrayEquals(V.i8(0x00, 0x02, 0xFE, 0x80), Run.vx(I8X16_SHL, x, 1, 0));
        assertArrayEquals(V.i16(0x8000, 2), Run.vx(I16X8_SHL, V.i16(0x4000, 1), 17, 0));
        assertArrayEquals(V.i16(0xC000, 0), Run.vx(I16X8_SHR_S, V.i16(0x8000, 1), 1, 0));
        assertArrayEquals(V.i16(0x4000, 0), Run.vx(I16X8_SHR_U, V.i16(0x8000, 1), 1, 0));
        assertArrayEquals(V.i32(0x80000000L, 2), Run.vx(I32X4_SHL, V.i32(0x40000000, 1), 33, 0));
        assertArrayEquals(V.i32(0xFFFFFFFFL, 0), Run.vx(I32X4_SHR_S, V.i32(0x80000000L, 1), 31, 0));
        assertArrayEquals(V.i32(1, 0), Run.vx(I32X4_SHR_U, V.i32(0x80000000L, 1), 31, 0));
        assertArrayEquals(V.i64(2, 0), Run.vx(I64X2_SHL, V.i64(1, Long.MIN_VALUE), 65, 0));
        assertArrayEquals(V.i64(0, -1), Run.vx(I64X2_SHR_S, V.i64(1, Long.MIN_VALUE), 63, 0));
        assertArrayEquals(V.i64(0, 1), Run.vx(I64X2_SHR_U, V.i64(1, Long.MIN_VALUE), -1, 0));
    }

    // ------------------------------------------------------------------ SWAR kernels vs a per-lane model

    private record Bin(int bits, LongBinaryOperator lane) {}

    private static long s(long x, int bits) { return (x << (64 - bits)) >> (64 - bits); }

    private static long u(long x, int bits) { return bits == 64 ? x : x & ((1L << bits) - 1); }

    private static long sat(long x, long lo, long hi) { return Math.max(lo, Math.min(hi, x)); }

    private static long mask(boolean b) { return b ? -1L : 0L; }

    private static Map<Opcode, Bin> binaryModels() {
        Map<Opcode, Bin> m = new java.util.EnumMap<>(Opcode.class);
        Opcode[][] byWidth = {
            {I8X16_ADD, I8X16_SUB, null, I8X16_MIN_S, I8X16_MIN_U, I8X16_MAX_S, I8X16_MAX_U, I8X16_ADD_SAT_S,
             I8X16_ADD_SAT_U, I8X16_SUB_SAT_S, I8X16_SUB_SAT_U, I8X16_AVGR_U, I8X16_EQ, I8X16_NE, I8X16_LT_S,
             I8X16_LT_U, I8X16_GT_S, I8X16_GT_U, I8X16_LE_S, I8X16_LE_U, I8X16_GE_S, I8X16_GE_U},
            {I16X8_ADD, I16X8_SUB, I16X8_MUL, I16X8_MIN_S, I16X8_MIN_U, I16X8_MAX_S, I16X8_MAX_U, I16X8_ADD_SAT_S,
             I16X8_ADD_SAT_U, I16X8_SUB_SAT_S, I16X8_SUB_SAT_U, I16X8_AVGR_U, I16X8_EQ, I16X8_NE, I16X8_LT_S,
             I16X8_LT_U, I16X8_GT_S, I16X8_GT_U, I16X8_LE_S, I16X8_LE_U, I16X8_GE_S, I16X8_GE_U},
            {I32X4_ADD, I32X4_SUB, I32X4_MUL, I32X4_MIN_S, I32X4_MIN_U, I32X4_MAX_S, I32X4_MAX_U, null, null, null,
             null, null, I32X4_EQ, I32X4_NE, I32X4_LT_S, I32X4_LT_U, I32X4_GT_S, I32X4_GT_U, I32X4_LE_S,
             I32X4_LE_U, I32X4_GE_S, I32X4_GE_U},
            {I64X2_ADD, I64X2_SUB, I64X2_MUL, null, null, null, null, null, null, null, null, null, I64X2_EQ,
             I64X2_NE, I64X2_LT_S, null, I64X2_GT_S, null, I64X2_LE_S, null, I64X2_GE_S, null},
        };
        int[] widths = {8, 16, 32, 64};
        for (int w = 0; w < 4; w++) {
            int b = widths[w];
            long smin = -(1L << (b - 1)), smax = (1L << (b - 1)) - 1, umax = b == 64 ? -1L : (1L << b) - 1;
            LongBinaryOperator[] models = {
                (x, y) -> x + y,
                (x, y) -> x - y,
                (x, y) -> x * y,
                (x, y) -> Math.min(s(x, b), s(y, b)),
                (x, y) -> Long.compareUnsigned(u(x, b), u(y, b)) < 0 ? x : y,
                (x, y) -> Math.max(s(x, b), s(y, b)),
                (x, y) -> Long.compareUnsigned(u(x, b), u(y, b)) > 0 ? x : y,
                (x, y) -> sat(s(x, b) + s(y, b), smin, smax),
                (x, y) -> sat(u(x, b) + u(y, b), 0, umax),
                (x, y) -> sat(s(x, b) - s(y, b), smin, smax),
                (x, y) -> sat(u(x, b) - u(y, b), 0, umax),
                (x, y) -> (u(x, b) + u(y, b) + 1) >>> 1,
                (x, y) -> mask(u(x, b) == u(y, b)),
                (x, y) -> mask(u(x, b) != u(y, b)),
                (x, y) -> mask(s(x, b) < s(y, b)),
                (x, y) -> mask(Long.compareUnsigned(u(x, b), u(y, b)) < 0),
                (x, y) -> mask(s(x, b) > s(y, b)),
                (x, y) -> mask(Long.compareUnsigned(u(x, b), u(y, b)) > 0),
                (x, y) -> mask(s(x, b) <= s(y, b)),
                (x, y) -> mask(Long.compareUnsigned(u(x, b), u(y, b)) <= 0),
                (x, y) -> mask(s(x, b) >= s(y, b)),
                (x, y) -> mask(Long.compareUnsigned(u(x, b), u(y, b)) >= 0),
            };
            for (int k = 0; k < models.length; k++) {
                if (byWidth[w][k] != null) {
                    m.put(byWidth[w][k], new Bin(b, models[k]));
                }
            }
        }
        m.put(I16X8_Q15MULR_SAT_S, new Bin(16, (x, y) -> sat((s(x, 16) * s(y, 16) + 0x4000) >> 15, -32768, 32767)));
        return m;
    }

    /** Lane values that stress carries, borrows and saturation, mixed with random ones. */
    private static long[] randomVector(Random rnd, int bits) {
        long[] edges = {0, 1, -1, 1L << (bits - 1), (1L << (bits - 1)) - 1, (1L << (bits - 1)) + 1, 2, -2, 0x55, 0xAA};
        long[] lanes = new long[128 / bits];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = rnd.nextInt(3) == 0 ? rnd.nextLong() : edges[rnd.nextInt(edges.length)];
        }
        return V.lanes(bits, lanes);
    }

    @Test
    void binaryKernelsAgreeWithPerLaneModel() {
        Random rnd = new Random(42);
        for (Map.Entry<Opcode, Bin> e : binaryModels().entrySet()) {
            int bits = e.getValue().bits();
            for (int round = 0; round < 3000; round++) {
                long[] a = randomVector(rnd, bits), b = randomVector(rnd, bits);
                long[] got = Run.vv(e.getKey(), a, b);
                for (int i = 0; i < 128 / bits; i++) {
                    long want = u(e.getValue().lane().applyAsLong(V.lane(a, bits, i), V.lane(b, bits, i)), bits);
                    if (V.lane(got, bits, i) != want) {
                        throw new AssertionError(e.getKey() + " lane " + i + " of " + V.hex(a) + ", " + V.hex(b)
                                + ": got " + Long.toHexString(V.lane(got, bits, i)) + " want " + Long.toHexString(want));
                    }
                }
            }
        }
    }

    @Test
    void unaryAndShiftKernelsAgreeWithPerLaneModel() {
        Random rnd = new Random(7);
        record Un(Opcode op, int bits, LongUnaryOperator lane) {}
        Un[] unary = {
            new Un(I8X16_ABS, 8, x -> Math.abs(s(x, 8))), new Un(I8X16_NEG, 8, x -> -x),
            new Un(I8X16_POPCNT, 8, x -> Long.bitCount(u(x, 8))),
            new Un(I16X8_ABS, 16, x -> Math.abs(s(x, 16))), new Un(I16X8_NEG, 16, x -> -x),
            new Un(I32X4_ABS, 32, x -> Math.abs(s(x, 32))), new Un(I32X4_NEG, 32, x -> -x),
            new Un(I64X2_ABS, 64, Math::abs), new Un(I64X2_NEG, 64, x -> -x), new Un(V128_NOT, 8, x -> ~x),
        };
        for (Un un : unary) {
            for (int round = 0; round < 2000; round++) {
                long[] a = randomVector(rnd, un.bits());
                long[] got = Run.v(un.op(), a);
                for (int i = 0; i < 128 / un.bits(); i++) {
                    assertEquals(u(un.lane().applyAsLong(V.lane(a, un.bits(), i)), un.bits()), V.lane(got, un.bits(), i),
                            un.op() + " of " + V.hex(a));
                }
            }
        }
        Opcode[][] shifts = {{I8X16_SHL, I8X16_SHR_S, I8X16_SHR_U}, {I16X8_SHL, I16X8_SHR_S, I16X8_SHR_U},
            {I32X4_SHL, I32X4_SHR_S, I32X4_SHR_U}, {I64X2_SHL, I64X2_SHR_S, I64X2_SHR_U}};
        for (int w = 0; w < 4; w++) {
            int bits = 8 << w;
            for (int round = 0; round < 2000; round++) {
                long[] a = randomVector(rnd, bits);
                int count = rnd.nextInt(200) - 100;
                int c = count & (bits - 1);
                long[] shl = Run.vx(shifts[w][0], a, count, 0);
                long[] shrS = Run.vx(shifts[w][1], a, count, 0);
                long[] shrU = Run.vx(shifts[w][2], a, count, 0);
                for (int i = 0; i < 128 / bits; i++) {
                    long x = V.lane(a, bits, i);
                    assertEquals(u(x << c, bits), V.lane(shl, bits, i));
                    assertEquals(u(s(x, bits) >> c, bits), V.lane(shrS, bits, i));
                    assertEquals(u(x, bits) >>> c, V.lane(shrU, bits, i));
                }
            }
        }
    }

    @Test
    void reductionsLookAtEveryLane() {
        // simd_boolean.wast
        for (int i = 0; i < 16; i++) {
            long[] v = V.i8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
            assertEquals(1, Run.vs(I8X16_ALL_TRUE, v, 0));
            v[i >>> 3] &= ~(0xFFL << (8 * (i & 7)));
            assertEquals(0, Run.vs(I8X16_ALL_TRUE, v, 0), "zero lane " + i);
            assertEquals(1, Run.vs(V128_ANY_TRUE, v, 0));
        }
        assertEquals(0, Run.vs(V128_ANY_TRUE, new long[2], 0));
        assertEquals(1, Run.vs(I16X8_ALL_TRUE, V.i16(1, 0x100, 1, 1, 1, 1, 1, 0x8000), 0));
        assertEquals(0, Run.vs(I16X8_ALL_TRUE, V.i16(1, 0x100, 1, 1, 1, 1, 1, 0), 0));
        assertEquals(1, Run.vs(I32X4_ALL_TRUE, V.i32(1, 0x10000, 0x1000000, 0x80000000L), 0));
        assertEquals(0, Run.vs(I32X4_ALL_TRUE, V.i32(1, 0x10000, 0, 1), 0));
        assertEquals(1, Run.vs(I64X2_ALL_TRUE, V.i64(1L << 40, 1), 0));
        assertEquals(0, Run.vs(I64X2_ALL_TRUE, V.i64(1L << 40, 0), 0));
        // simd_i8x16_arith2-like bitmasks
        assertEquals(0x8001, Run.vs(I8X16_BITMASK, V.i8(0x80, 0x7F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF), 0));
        assertEquals(0x81, Run.vs(I16X8_BITMASK, V.i16(0x8000, 0x7FFF, 0, 0, 0, 0, 0, 0xFFFF), 0));
        assertEquals(0xA, Run.vs(I32X4_BITMASK, V.i32(1, -1, 0, 0x80000000L), 0));
        assertEquals(2, Run.vs(I64X2_BITMASK, V.i64(Long.MAX_VALUE, -1), 0));
    }
}
