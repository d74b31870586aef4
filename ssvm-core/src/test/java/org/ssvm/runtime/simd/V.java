package org.ssvm.runtime.simd;

/** Builds and reads v128 values as {lo, hi} pairs for the SIMD tests. */
final class V {
    private V() {}

    static long[] lanes(int bits, long... values) {
        long[] v = new long[2];
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        for (int i = 0; i < values.length; i++) {
            int pos = i * bits;
            v[pos >>> 6] |= (values[i] & mask) << (pos & 63);
        }
        return v;
    }

    static long[] i8(long... l) { return lanes(8, l); }

    static long[] i16(long... l) { return lanes(16, l); }

    static long[] i32(long... l) { return lanes(32, l); }

    static long[] i64(long a, long b) { return new long[] {a, b}; }

    static long[] f32(float... f) {
        long[] bits = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            bits[i] = Float.floatToRawIntBits(f[i]);
        }
        return lanes(32, bits);
    }

    static long[] f64(double a, double b) {
        return new long[] {Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b)};
    }

    /** Lane {@code i} of width {@code bits}, zero-extended. */
    static long lane(long[] v, int bits, int i) {
        int pos = i * bits;
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        return (v[pos >>> 6] >>> (pos & 63)) & mask;
    }

    static float f32Lane(long[] v, int i) { return Float.intBitsToFloat((int) lane(v, 32, i)); }

    static double f64Lane(long[] v, int i) { return Double.longBitsToDouble(v[i]); }

    static String hex(long[] v) {
        return String.format("%016x_%016x", v[1], v[0]);
    }
}
