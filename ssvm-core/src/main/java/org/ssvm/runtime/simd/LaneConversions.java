package org.ssvm.runtime.simd;

/**
 * SIMD operations that change lane width or lane type: extend, extmul, extadd_pairwise, dot, narrow, and the
 * float/int conversions. They work on 64-bit halves or on 32-bit quarters of a v128 and each returns one
 * 64-bit half of the result; the Javadoc of each method says which inputs make which half.
 */
public final class LaneConversions {
    private LaneConversions() {}

    // ---------------------------------------------------------------- widening (extend, extmul)

    /**
     * Sign-extends the four i8 lanes of {@code quad} to four i16 lanes. {@code extend_low} is
     * {@code (extendS8((int) lo), extendS8((int) (lo >>> 32)))}; {@code extend_high} the same on {@code hi}.
     */
    public static long extendS8(int quad) {
        return (((long) (byte) quad) & 0xFFFF)
                | (((long) (byte) (quad >> 8)) & 0xFFFF) << 16
                | (((long) (byte) (quad >> 16)) & 0xFFFF) << 32
                | ((long) (byte) (quad >> 24)) << 48;
    }

    /** Zero-extends the four i8 lanes of {@code quad} to four i16 lanes. */
    public static long extendU8(int quad) {
        long x = quad & 0xFFFFFFFFL;
        return (x & 0xFF) | (x & 0xFF00) << 8 | (x & 0xFF0000) << 16 | (x & 0xFF000000L) << 24;
    }

    /** Sign-extends the two i16 lanes of {@code pair} to two i32 lanes. */
    public static long extendS16(int pair) {
        return (((long) (short) pair) & 0xFFFFFFFFL) | ((long) (short) (pair >> 16)) << 32;
    }

    /** Zero-extends the two i16 lanes of {@code pair} to two i32 lanes. */
    public static long extendU16(int pair) {
        return (pair & 0xFFFFL) | ((pair >>> 16) & 0xFFFFL) << 32;
    }

    /** One i64 lane from one i32 lane, signed. */
    public static long extendS32(int lane) { return lane; }

    /** One i64 lane from one i32 lane, unsigned. */
    public static long extendU32(int lane) { return lane & 0xFFFFFFFFL; }

    /** Extended products of four i8 lanes (signed), giving four i16 lanes; the product always fits. */
    public static long extmulS8(int a, int b) { return IntLanes.mul16(extendS8(a), extendS8(b)); }

    public static long extmulU8(int a, int b) { return IntLanes.mul16(extendU8(a), extendU8(b)); }

    public static long extmulS16(int a, int b) { return IntLanes.mul32(extendS16(a), extendS16(b)); }

    public static long extmulU16(int a, int b) { return IntLanes.mul32(extendU16(a), extendU16(b)); }

    public static long extmulS32(int a, int b) { return (long) a * b; }

    public static long extmulU32(int a, int b) { return (a & 0xFFFFFFFFL) * (b & 0xFFFFFFFFL); }

    // ---------------------------------------------------------------- pairwise sums, dot product

    /** Sums adjacent unsigned i8 pairs of a half into four i16 lanes (at most 510, no overflow). */
    public static long extaddPairwiseU8(long x) {
        return (x & 0x00FF00FF00FF00FFL) + ((x >>> 8) & 0x00FF00FF00FF00FFL);
    }

    /** Signed variant: bias each byte by +128 to make it unsigned, sum, then remove the 2 * 128 bias. */
    public static long extaddPairwiseS8(long x) {
        return IntLanes.sub16(extaddPairwiseU8(x ^ IntLanes.H8), 0x0100010001000100L);
    }

    /** Sums adjacent unsigned i16 pairs of a half into two i32 lanes. */
    public static long extaddPairwiseU16(long x) {
        return (x & 0x0000FFFF0000FFFFL) + ((x >>> 16) & 0x0000FFFF0000FFFFL);
    }

    public static long extaddPairwiseS16(long x) {
        return IntLanes.sub32(extaddPairwiseU16(x ^ IntLanes.H16), 0x0001000000010000L);
    }

    /** i32x4.dot_i16x8_s on one half: two i32 lanes a0*b0 + a1*b1 (wrapping only for -32768^2 * 2). */
    public static long dotS16(long a, long b) {
        int lo = (short) a * (short) b + (short) (a >>> 16) * (short) (b >>> 16);
        int hi = (short) (a >>> 32) * (short) (b >>> 32) + (short) (a >>> 48) * (short) (b >>> 48);
        return (lo & 0xFFFFFFFFL) | (long) hi << 32;
    }

    // ---------------------------------------------------------------- narrowing

    /**
     * Narrows the eight i16 lanes of one operand (lo, hi) to eight i8 lanes with signed saturation. The result
     * low half is {@code narrowS16(a.lo, a.hi)}, the high half {@code narrowS16(b.lo, b.hi)}.
     */
    public static long narrowS16(long lo, long hi) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            r |= (long) (clamp((short) (lo >>> (16 * i)), -128, 127) & 0xFF) << (8 * i);
            r |= (long) (clamp((short) (hi >>> (16 * i)), -128, 127) & 0xFF) << (8 * i + 32);
        }
        return r;
    }

    /** As {@link #narrowS16} but saturating the signed input to the unsigned range 0..255. */
    public static long narrowU16(long lo, long hi) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            r |= (long) clamp((short) (lo >>> (16 * i)), 0, 255) << (8 * i);
            r |= (long) clamp((short) (hi >>> (16 * i)), 0, 255) << (8 * i + 32);
        }
        return r;
    }

    /** Narrows the four i32 lanes of one operand (lo, hi) to four i16 lanes with signed saturation. */
    public static long narrowS32(long lo, long hi) {
        return (clamp((int) lo, -32768, 32767) & 0xFFFFL)
                | (clamp((int) (lo >>> 32), -32768, 32767) & 0xFFFFL) << 16
                | (clamp((int) hi, -32768, 32767) & 0xFFFFL) << 32
                | (clamp((int) (hi >>> 32), -32768, 32767) & 0xFFFFL) << 48;
    }

    /** As {@link #narrowS32} but saturating the signed input to 0..65535. */
    public static long narrowU32(long lo, long hi) {
        return (long) clamp((int) lo, 0, 65535)
                | (long) clamp((int) (lo >>> 32), 0, 65535) << 16
                | (long) clamp((int) hi, 0, 65535) << 32
                | (long) clamp((int) (hi >>> 32), 0, 65535) << 48;
    }

    private static int clamp(int v, int min, int max) {
        return v < min ? min : Math.min(v, max);
    }

    // ---------------------------------------------------------------- float <-> int

    /** i32x4.trunc_sat_f32x4_s on a half: Java's float-to-int cast is exactly the saturating truncation. */
    public static long truncSatS32(long x) {
        return ((int) FloatLanes.lo32(x) & 0xFFFFFFFFL) | (long) (int) FloatLanes.hi32(x) << 32;
    }

    /** i32x4.trunc_sat_f32x4_u on a half. */
    public static long truncSatU32(long x) {
        return truncU(FloatLanes.lo32(x)) | truncU(FloatLanes.hi32(x)) << 32;
    }

    /** i32x4.trunc_sat_f64x2_s_zero: result low half from the two f64 lanes; the high half is zero. */
    public static long truncSatF64S(long lo, long hi) {
        return ((int) Double.longBitsToDouble(lo) & 0xFFFFFFFFL) | (long) (int) Double.longBitsToDouble(hi) << 32;
    }

    /** i32x4.trunc_sat_f64x2_u_zero: result low half; the high half is zero. */
    public static long truncSatF64U(long lo, long hi) {
        return truncU(Double.longBitsToDouble(lo)) | truncU(Double.longBitsToDouble(hi)) << 32;
    }

    /** Saturating truncation to u32 (NaN and negatives give 0), as a long holding the 32 bits. */
    private static long truncU(double d) {
        if (!(d > -1.0)) {
            return 0; // NaN, or a value that truncates below zero
        }
        return d >= 4294967296.0 ? 0xFFFFFFFFL : (long) d;
    }

    /** f32x4.convert_i32x4_s on a half (round to nearest, ties to even). */
    public static long convertS32(long x) {
        return FloatLanes.pack((float) (int) x, (float) (int) (x >>> 32));
    }

    /** f32x4.convert_i32x4_u on a half; long-to-float conversion is correctly rounded. */
    public static long convertU32(long x) {
        return FloatLanes.pack((float) (x & 0xFFFFFFFFL), (float) (x >>> 32));
    }

    /** f64x2.convert_low_i32x4_s: one f64 lane from one i32 lane (exact). Lanes 0 and 1 of the input's low half. */
    public static long convertLowS(int lane) {
        return Double.doubleToRawLongBits(lane);
    }

    public static long convertLowU(int lane) {
        return Double.doubleToRawLongBits(lane & 0xFFFFFFFFL);
    }

    /** f32x4.demote_f64x2_zero: result low half from the two f64 lanes (lo, hi); the high half is zero. */
    public static long demote(long lo, long hi) {
        return FloatLanes.pack((float) Double.longBitsToDouble(lo), (float) Double.longBitsToDouble(hi));
    }

    /** f64x2.promote_low_f32x4: one f64 lane from one f32 lane's bits (lanes 0 and 1 of the low half). */
    public static long promote(int f32Bits) {
        return FloatLanes.bits((double) Float.intBitsToFloat(f32Bits));
    }
}
