package org.ssvm.runtime.simd;

/**
 * Lane-wise floating-point operations on one 64-bit half of a v128: two f32 lanes (lane 0 in the low 32 bits)
 * or one f64 lane. Apply each to the low halves and to the high halves.
 *
 * <p>NaN handling: arithmetic that yields a NaN returns the canonical NaN, which the spec allows for every
 * such result (a canonical NaN is also an arithmetic NaN). {@code neg}, {@code abs}, {@code pmin} and
 * {@code pmax} are not arithmetic: they move bits and keep NaN payloads untouched. Comparisons yield lanes of
 * all ones or zeros with IEEE semantics (NaN compares unequal to everything, -0 equals +0).
 */
public final class FloatLanes {
    private FloatLanes() {}

    static final int CANONICAL_NAN_32 = 0x7FC00000;
    static final long CANONICAL_NAN_64 = 0x7FF8000000000000L;

    // ---------------------------------------------------------------- f32 lane plumbing

    static float lo32(long x) { return Float.intBitsToFloat((int) x); }

    static float hi32(long x) { return Float.intBitsToFloat((int) (x >>> 32)); }

    /** Bits of an arithmetic result, with any NaN made canonical. */
    static int bits(float f) {
        return f != f ? CANONICAL_NAN_32 : Float.floatToRawIntBits(f);
    }

    static long bits(double d) {
        return d != d ? CANONICAL_NAN_64 : Double.doubleToRawLongBits(d);
    }

    static long pack(float lo, float hi) {
        return (bits(lo) & 0xFFFFFFFFL) | (long) bits(hi) << 32;
    }

    private static long mask(boolean lo, boolean hi) {
        return (lo ? 0xFFFFFFFFL : 0L) | (hi ? 0xFFFFFFFF00000000L : 0L);
    }

    private static double f64(long x) { return Double.longBitsToDouble(x); }

    // ---------------------------------------------------------------- f32x4

    public static long abs32(long a) { return a & 0x7FFFFFFF7FFFFFFFL; }
    public static long neg32(long a) { return a ^ 0x8000000080000000L; }
    public static long add32(long a, long b) { return pack(lo32(a) + lo32(b), hi32(a) + hi32(b)); }
    public static long sub32(long a, long b) { return pack(lo32(a) - lo32(b), hi32(a) - hi32(b)); }
    public static long mul32(long a, long b) { return pack(lo32(a) * lo32(b), hi32(a) * hi32(b)); }
    public static long div32(long a, long b) { return pack(lo32(a) / lo32(b), hi32(a) / hi32(b)); }

    /** Square root computed in double: rounding the exact double root to float is correctly rounded. */
    public static long sqrt32(long a) {
        return pack((float) Math.sqrt(lo32(a)), (float) Math.sqrt(hi32(a)));
    }

    /** Math.min already propagates NaN and orders -0 below +0; the NaN is then made canonical. */
    public static long min32(long a, long b) {
        return pack(Math.min(lo32(a), lo32(b)), Math.min(hi32(a), hi32(b)));
    }

    public static long max32(long a, long b) {
        return pack(Math.max(lo32(a), lo32(b)), Math.max(hi32(a), hi32(b)));
    }

    /** Pseudo-minimum {@code b < a ? b : a}, choosing the operand's exact bits. */
    public static long pmin32(long a, long b) {
        long lo = lo32(b) < lo32(a) ? b : a;
        long hi = hi32(b) < hi32(a) ? b : a;
        return (lo & 0xFFFFFFFFL) | (hi & 0xFFFFFFFF00000000L);
    }

    /** Pseudo-maximum {@code a < b ? b : a}, choosing the operand's exact bits. */
    public static long pmax32(long a, long b) {
        long lo = lo32(a) < lo32(b) ? b : a;
        long hi = hi32(a) < hi32(b) ? b : a;
        return (lo & 0xFFFFFFFFL) | (hi & 0xFFFFFFFF00000000L);
    }

    // float -> double -> float is exact for these, and the double functions keep the sign of zero.
    public static long ceil32(long a) { return pack((float) Math.ceil(lo32(a)), (float) Math.ceil(hi32(a))); }
    public static long floor32(long a) { return pack((float) Math.floor(lo32(a)), (float) Math.floor(hi32(a))); }
    public static long trunc32(long a) { return pack((float) trunc(lo32(a)), (float) trunc(hi32(a))); }
    public static long nearest32(long a) { return pack((float) Math.rint(lo32(a)), (float) Math.rint(hi32(a))); }

    public static long eq32(long a, long b) { return mask(lo32(a) == lo32(b), hi32(a) == hi32(b)); }
    public static long ne32(long a, long b) { return mask(lo32(a) != lo32(b), hi32(a) != hi32(b)); }
    public static long lt32(long a, long b) { return mask(lo32(a) < lo32(b), hi32(a) < hi32(b)); }
    public static long gt32(long a, long b) { return mask(lo32(a) > lo32(b), hi32(a) > hi32(b)); }
    public static long le32(long a, long b) { return mask(lo32(a) <= lo32(b), hi32(a) <= hi32(b)); }
    public static long ge32(long a, long b) { return mask(lo32(a) >= lo32(b), hi32(a) >= hi32(b)); }

    // ---------------------------------------------------------------- f64x2

    public static long abs64(long a) { return a & 0x7FFFFFFFFFFFFFFFL; }
    public static long neg64(long a) { return a ^ 0x8000000000000000L; }
    public static long add64(long a, long b) { return bits(f64(a) + f64(b)); }
    public static long sub64(long a, long b) { return bits(f64(a) - f64(b)); }
    public static long mul64(long a, long b) { return bits(f64(a) * f64(b)); }
    public static long div64(long a, long b) { return bits(f64(a) / f64(b)); }
    public static long sqrt64(long a) { return bits(Math.sqrt(f64(a))); }
    public static long min64(long a, long b) { return bits(Math.min(f64(a), f64(b))); }
    public static long max64(long a, long b) { return bits(Math.max(f64(a), f64(b))); }
    public static long pmin64(long a, long b) { return f64(b) < f64(a) ? b : a; }
    public static long pmax64(long a, long b) { return f64(a) < f64(b) ? b : a; }
    public static long ceil64(long a) { return bits(Math.ceil(f64(a))); }
    public static long floor64(long a) { return bits(Math.floor(f64(a))); }
    public static long trunc64(long a) { return bits(trunc(f64(a))); }
    public static long nearest64(long a) { return bits(Math.rint(f64(a))); }
    public static long eq64(long a, long b) { return f64(a) == f64(b) ? -1L : 0L; }
    public static long ne64(long a, long b) { return f64(a) != f64(b) ? -1L : 0L; }
    public static long lt64(long a, long b) { return f64(a) < f64(b) ? -1L : 0L; }
    public static long gt64(long a, long b) { return f64(a) > f64(b) ? -1L : 0L; }
    public static long le64(long a, long b) { return f64(a) <= f64(b) ? -1L : 0L; }
    public static long ge64(long a, long b) { return f64(a) >= f64(b) ? -1L : 0L; }

    /** Rounds toward zero, keeping the sign of zero (ceil(-0.5) is -0.0). */
    private static double trunc(double d) {
        return d < 0 ? Math.ceil(d) : Math.floor(d);
    }
}
