package org.ssvm.runtime;

import org.ssvm.TrapException;

/**
 * Scalar numeric semantics of WebAssembly that Java operators do not give directly: trapping division and
 * truncation, NaN-propagating min/max, rounding, unsigned conversions. Every method is a tiny static so that the
 * JIT inlines it into engines. Floats travel as their raw bits ({@code int} for f32, {@code long} for f64) where
 * NaN payloads or the sign of zero matter.
 */
public final class NumericOps {
    private NumericOps() {}

    private static final int F32_SIGN = 0x8000_0000;
    private static final long F64_SIGN = 0x8000_0000_0000_0000L;

    // ---- traps ----

    public static TrapException divideByZero() { return new TrapException("integer divide by zero"); }

    public static TrapException integerOverflow() { return new TrapException("integer overflow"); }

    public static TrapException invalidConversion() { return new TrapException("invalid conversion to integer"); }

    // ---- integer division ----

    public static int i32DivS(int a, int b) {
        if (b == 0) {
            throw divideByZero();
        }
        if (a == Integer.MIN_VALUE && b == -1) {
            throw integerOverflow();
        }
        return a / b;
    }

    public static int i32DivU(int a, int b) {
        if (b == 0) {
            throw divideByZero();
        }
        return Integer.divideUnsigned(a, b);
    }

    /** Remainder; MIN_VALUE % -1 is 0 in Java as in WebAssembly. */
    public static int i32RemS(int a, int b) {
        if (b == 0) {
            throw divideByZero();
        }
        return a % b;
    }

    public static int i32RemU(int a, int b) {
        if (b == 0) {
            throw divideByZero();
        }
        return Integer.remainderUnsigned(a, b);
    }

    public static long i64DivS(long a, long b) {
        if (b == 0) {
            throw divideByZero();
        }
        if (a == Long.MIN_VALUE && b == -1) {
            throw integerOverflow();
        }
        return a / b;
    }

    public static long i64DivU(long a, long b) {
        if (b == 0) {
            throw divideByZero();
        }
        return Long.divideUnsigned(a, b);
    }

    public static long i64RemS(long a, long b) {
        if (b == 0) {
            throw divideByZero();
        }
        return a % b;
    }

    public static long i64RemU(long a, long b) {
        if (b == 0) {
            throw divideByZero();
        }
        return Long.remainderUnsigned(a, b);
    }

    // ---- sign bit operations on raw bits (keep NaN payloads intact) ----

    public static int f32Abs(int bits) { return bits & ~F32_SIGN; }

    public static int f32Neg(int bits) { return bits ^ F32_SIGN; }

    public static int f32Copysign(int a, int b) { return (a & ~F32_SIGN) | (b & F32_SIGN); }

    public static long f64Abs(long bits) { return bits & ~F64_SIGN; }

    public static long f64Neg(long bits) { return bits ^ F64_SIGN; }

    public static long f64Copysign(long a, long b) { return (a & ~F64_SIGN) | (b & F64_SIGN); }

    // ---- min/max: NaN if either is NaN, and -0 < +0 ----

    public static float f32Min(float a, float b) {
        if (a != a || b != b) {
            return a + b; // a quiet NaN
        }
        if (a == 0 && b == 0) {
            return Float.intBitsToFloat(Float.floatToRawIntBits(a) | Float.floatToRawIntBits(b));
        }
        return a < b ? a : b;
    }

    public static float f32Max(float a, float b) {
        if (a != a || b != b) {
            return a + b;
        }
        if (a == 0 && b == 0) {
            return Float.intBitsToFloat(Float.floatToRawIntBits(a) & Float.floatToRawIntBits(b));
        }
        return a > b ? a : b;
    }

    public static double f64Min(double a, double b) {
        if (a != a || b != b) {
            return a + b;
        }
        if (a == 0 && b == 0) {
            return Double.longBitsToDouble(Double.doubleToRawLongBits(a) | Double.doubleToRawLongBits(b));
        }
        return a < b ? a : b;
    }

    public static double f64Max(double a, double b) {
        if (a != a || b != b) {
            return a + b;
        }
        if (a == 0 && b == 0) {
            return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & Double.doubleToRawLongBits(b));
        }
        return a > b ? a : b;
    }

    // ---- rounding; NaN inputs give a quiet NaN ----

    public static float f32Ceil(float a) { return a != a ? a + a : (float) Math.ceil(a); }

    public static float f32Floor(float a) { return a != a ? a + a : (float) Math.floor(a); }

    public static float f32Trunc(float a) {
        return a != a ? a + a : (float) (a < 0 ? Math.ceil(a) : Math.floor(a));
    }

    /** Round to nearest, ties to even (exact: every float is a double and the result is a float). */
    public static float f32Nearest(float a) { return a != a ? a + a : (float) Math.rint(a); }

    /** Correctly rounded: double has more than 2*24+2 bits, so rounding twice is harmless for sqrt. */
    public static float f32Sqrt(float a) { return (float) Math.sqrt(a); }

    public static double f64Ceil(double a) { return a != a ? a + a : Math.ceil(a); }

    public static double f64Floor(double a) { return a != a ? a + a : Math.floor(a); }

    public static double f64Trunc(double a) { return a != a ? a + a : a < 0 ? Math.ceil(a) : Math.floor(a); }

    public static double f64Nearest(double a) { return a != a ? a + a : Math.rint(a); }

    // ---- trapping float to integer truncation ----

    public static int i32TruncF32S(float a) {
        if (a != a) {
            throw invalidConversion();
        }
        if (a >= 0x1p31f || a < -0x1p31f) {
            throw integerOverflow();
        }
        return (int) a;
    }

    public static int i32TruncF32U(float a) {
        if (a != a) {
            throw invalidConversion();
        }
        if (a >= 0x1p32f || a <= -1f) {
            throw integerOverflow();
        }
        return (int) (long) a;
    }

    public static int i32TruncF64S(double a) {
        if (a != a) {
            throw invalidConversion();
        }
        if (a >= 0x1p31 || a <= -0x1p31 - 1) {
            throw integerOverflow();
        }
        return (int) a;
    }

    public static int i32TruncF64U(double a) {
        if (a != a) {
            throw invalidConversion();
        }
        if (a >= 0x1p32 || a <= -1d) {
            throw integerOverflow();
        }
        return (int) (long) a;
    }

    public static long i64TruncF32S(float a) {
        if (a != a) {
            throw invalidConversion();
        }
        if (a >= 0x1p63f || a < -0x1p63f) {
            throw integerOverflow();
        }
        return (long) a;
    }

    public static long i64TruncF32U(float a) {
        if (a != a) {
            throw invalidConversion();
        }
        if (a >= 0x1p64f || a <= -1f) {
            throw integerOverflow();
        }
        return f64ToU64(a);
    }

    public static long i64TruncF64S(double a) {
        if (a != a) {
            throw invalidConversion();
        }
        if (a >= 0x1p63 || a < -0x1p63) {
            throw integerOverflow();
        }
        return (long) a;
    }

    public static long i64TruncF64U(double a) {
        if (a != a) {
            throw invalidConversion();
        }
        if (a >= 0x1p64 || a <= -1d) {
            throw integerOverflow();
        }
        return f64ToU64(a);
    }

    /** Truncates a value in (-1, 2^64) to an unsigned 64-bit integer. */
    private static long f64ToU64(double a) {
        if (a < 0x1p63) {
            return (long) a;
        }
        return (long) (a - 0x1p63) ^ Long.MIN_VALUE;
    }

    // ---- saturating truncation (Java's casts already saturate and map NaN to 0 for the signed cases) ----

    public static int i32TruncSatF32S(float a) { return (int) a; }

    public static int i32TruncSatF32U(float a) {
        if (!(a > -1f)) {
            return 0; // negative or NaN
        }
        return a >= 0x1p32f ? -1 : (int) (long) a;
    }

    public static int i32TruncSatF64S(double a) { return (int) a; }

    public static int i32TruncSatF64U(double a) {
        if (!(a > -1d)) {
            return 0;
        }
        return a >= 0x1p32 ? -1 : (int) (long) a;
    }

    public static long i64TruncSatF32S(float a) { return (long) a; }

    public static long i64TruncSatF32U(float a) { return i64TruncSatF64U(a); }

    public static long i64TruncSatF64S(double a) { return (long) a; }

    public static long i64TruncSatF64U(double a) {
        if (!(a > -1d)) {
            return 0;
        }
        return a >= 0x1p64 ? -1L : f64ToU64(a);
    }

    // ---- integer to float conversions ----

    public static float f32ConvertI32U(int a) { return (float) (a & 0xFFFF_FFFFL); }

    /**
     * Unsigned 64-bit to f32, correctly rounded. For values with the top bit set, halve while keeping the lost
     * bit as a sticky bit so that the single rounding step of the signed conversion still rounds correctly.
     */
    public static float f32ConvertI64U(long a) {
        if (a >= 0) {
            return (float) a;
        }
        return (float) ((a >>> 1) | (a & 1)) * 2f;
    }

    public static double f64ConvertI32U(int a) { return (double) (a & 0xFFFF_FFFFL); }

    public static double f64ConvertI64U(long a) {
        if (a >= 0) {
            return (double) a;
        }
        return (double) ((a >>> 1) | (a & 1)) * 2d;
    }

    /** f32.demote_f64; NaNs come out quiet. */
    public static float f32Demote(double a) { return (float) a; }

    public static double f64Promote(float a) { return a; }
}
