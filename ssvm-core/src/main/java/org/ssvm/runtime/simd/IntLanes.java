package org.ssvm.runtime.simd;

/**
 * Lane-wise integer operations of the SIMD proposal on one 64-bit half of a v128 (8 i8, 4 i16, 2 i32 or 1 i64
 * lanes, lane 0 in the least significant bits). Every lane stays inside its half, so a v128 result is the
 * operation applied to the low halves and, separately, to the high halves.
 *
 * <p>Most operations are SWAR: the whole half is processed with 64-bit arithmetic, with the lane's top bits
 * handled apart so that carries and borrows never cross a lane boundary. Comparisons produce lanes of all ones
 * (true) or zeros (false). Shift counts are taken modulo the lane width, as the spec requires.
 */
public final class IntLanes {
    private IntLanes() {}

    /** Top bit of every lane. */
    static final long H8 = 0x8080808080808080L;
    static final long H16 = 0x8000800080008000L;
    static final long H32 = 0x8000000080000000L;
    /** Lowest bit of every lane (multiplying a lane value by it replicates the value into every lane). */
    static final long L8 = 0x0101010101010101L;
    static final long L16 = 0x0001000100010001L;
    static final long L32 = 0x0000000100000001L;

    // ---------------------------------------------------------------- width-generic SWAR kernels

    private static long add(long a, long b, long h) {
        return ((a & ~h) + (b & ~h)) ^ ((a ^ b) & h);
    }

    private static long sub(long a, long b, long h) {
        return ((a | h) - (b & ~h)) ^ ((a ^ ~b) & h);
    }

    /** Turns the top bit of each lane of {@code m} into a lane of all ones. */
    private static long spread(long m, long h, int width) {
        long ones = width == 32 ? 0xFFFFFFFFL : (1L << width) - 1;
        return ((m & h) >>> (width - 1)) * ones;
    }

    /** Top bit of each lane set iff that lane of {@code x} is non-zero. */
    private static long nonZero(long x, long h) {
        return (((x & ~h) + ~h) | x) & h;
    }

    /** Top bit of each lane set iff a &lt; b unsigned in that lane (the borrow out of a - b). */
    private static long borrow(long a, long b, long h) {
        long d = sub(a, b, h);
        return ((~a & b) | (~(a ^ b) & d)) & h;
    }

    private static long ltU(long a, long b, long h, int w) {
        return spread(borrow(a, b, h), h, w);
    }

    private static long ltS(long a, long b, long h, int w) {
        return spread(borrow(a ^ h, b ^ h, h), h, w);
    }

    private static long eq(long a, long b, long h, int w) {
        return ~spread(nonZero(a ^ b, h), h, w);
    }

    private static long select(long mask, long ifSet, long ifClear) {
        return (ifSet & mask) | (ifClear & ~mask);
    }

    private static long abs(long a, long h, int w) {
        long sign = spread(a, h, w);
        return sub(a ^ sign, sign, h);
    }

    private static long addSatU(long a, long b, long h, int w) {
        long sum = add(a, b, h);
        long carry = ((a & b) | ((a | b) & ~sum)) & h;
        return sum | spread(carry, h, w);
    }

    private static long subSatU(long a, long b, long h, int w) {
        long d = sub(a, b, h);
        return d & ~spread(((~a & b) | (~(a ^ b) & d)) & h, h, w);
    }

    private static long addSatS(long a, long b, long h, int w) {
        long sum = add(a, b, h);
        long overflow = spread(~(a ^ b) & (a ^ sum), h, w);
        long saturated = ~h ^ spread(a, h, w);
        return select(overflow, saturated, sum);
    }

    private static long subSatS(long a, long b, long h, int w) {
        long d = sub(a, b, h);
        long overflow = spread((a ^ b) & (a ^ d), h, w);
        long saturated = ~h ^ spread(a, h, w);
        return select(overflow, saturated, d);
    }

    /** Rounding unsigned average (a + b + 1) >> 1 without widening: (a | b) - ((a ^ b) >> 1) never borrows. */
    private static long avgrU(long a, long b, long h) {
        return (a | b) - (((a ^ b) >>> 1) & ~h);
    }

    private static long shl(long a, int count, int w, long l) {
        long ones = (1L << w) - 1;
        int c = count & (w - 1);
        return (a << c) & (((ones << c) & ones) * l);
    }

    private static long shrU(long a, int count, int w, long l) {
        long ones = w == 32 ? 0xFFFFFFFFL : (1L << w) - 1;
        int c = count & (w - 1);
        return (a >>> c) & ((ones >>> c) * l);
    }

    private static long shrS(long a, int count, int w, long l, long h) {
        long ones = w == 32 ? 0xFFFFFFFFL : (1L << w) - 1;
        int c = count & (w - 1);
        long fill = (~(ones >>> c) & ones) * l;
        return ((a >>> c) & ((ones >>> c) * l)) | (spread(a, h, w) & fill);
    }

    // ---------------------------------------------------------------- i8x16

    public static long add8(long a, long b) { return add(a, b, H8); }
    public static long sub8(long a, long b) { return sub(a, b, H8); }
    public static long neg8(long a) { return sub(0, a, H8); }
    public static long abs8(long a) { return abs(a, H8, 8); }
    public static long eq8(long a, long b) { return eq(a, b, H8, 8); }
    public static long ne8(long a, long b) { return ~eq(a, b, H8, 8); }
    public static long ltS8(long a, long b) { return ltS(a, b, H8, 8); }
    public static long ltU8(long a, long b) { return ltU(a, b, H8, 8); }
    public static long gtS8(long a, long b) { return ltS(b, a, H8, 8); }
    public static long gtU8(long a, long b) { return ltU(b, a, H8, 8); }
    public static long leS8(long a, long b) { return ~ltS(b, a, H8, 8); }
    public static long leU8(long a, long b) { return ~ltU(b, a, H8, 8); }
    public static long geS8(long a, long b) { return ~ltS(a, b, H8, 8); }
    public static long geU8(long a, long b) { return ~ltU(a, b, H8, 8); }
    public static long minS8(long a, long b) { return select(ltS(a, b, H8, 8), a, b); }
    public static long minU8(long a, long b) { return select(ltU(a, b, H8, 8), a, b); }
    public static long maxS8(long a, long b) { return select(ltS(a, b, H8, 8), b, a); }
    public static long maxU8(long a, long b) { return select(ltU(a, b, H8, 8), b, a); }
    public static long addSatS8(long a, long b) { return addSatS(a, b, H8, 8); }
    public static long addSatU8(long a, long b) { return addSatU(a, b, H8, 8); }
    public static long subSatS8(long a, long b) { return subSatS(a, b, H8, 8); }
    public static long subSatU8(long a, long b) { return subSatU(a, b, H8, 8); }
    public static long avgrU8(long a, long b) { return avgrU(a, b, H8); }
    public static long shl8(long a, int count) { return shl(a, count, 8, L8); }
    public static long shrS8(long a, int count) { return shrS(a, count, 8, L8, H8); }
    public static long shrU8(long a, int count) { return shrU(a, count, 8, L8); }

    /** Number of set bits in each byte. */
    public static long popcnt8(long x) {
        x = x - ((x >>> 1) & 0x5555555555555555L);
        x = (x & 0x3333333333333333L) + ((x >>> 2) & 0x3333333333333333L);
        return (x + (x >>> 4)) & 0x0F0F0F0F0F0F0F0FL;
    }

    // ---------------------------------------------------------------- i16x8

    public static long add16(long a, long b) { return add(a, b, H16); }
    public static long sub16(long a, long b) { return sub(a, b, H16); }
    public static long neg16(long a) { return sub(0, a, H16); }
    public static long abs16(long a) { return abs(a, H16, 16); }
    public static long eq16(long a, long b) { return eq(a, b, H16, 16); }
    public static long ne16(long a, long b) { return ~eq(a, b, H16, 16); }
    public static long ltS16(long a, long b) { return ltS(a, b, H16, 16); }
    public static long ltU16(long a, long b) { return ltU(a, b, H16, 16); }
    public static long gtS16(long a, long b) { return ltS(b, a, H16, 16); }
    public static long gtU16(long a, long b) { return ltU(b, a, H16, 16); }
    public static long leS16(long a, long b) { return ~ltS(b, a, H16, 16); }
    public static long leU16(long a, long b) { return ~ltU(b, a, H16, 16); }
    public static long geS16(long a, long b) { return ~ltS(a, b, H16, 16); }
    public static long geU16(long a, long b) { return ~ltU(a, b, H16, 16); }
    public static long minS16(long a, long b) { return select(ltS(a, b, H16, 16), a, b); }
    public static long minU16(long a, long b) { return select(ltU(a, b, H16, 16), a, b); }
    public static long maxS16(long a, long b) { return select(ltS(a, b, H16, 16), b, a); }
    public static long maxU16(long a, long b) { return select(ltU(a, b, H16, 16), b, a); }
    public static long addSatS16(long a, long b) { return addSatS(a, b, H16, 16); }
    public static long addSatU16(long a, long b) { return addSatU(a, b, H16, 16); }
    public static long subSatS16(long a, long b) { return subSatS(a, b, H16, 16); }
    public static long subSatU16(long a, long b) { return subSatU(a, b, H16, 16); }
    public static long avgrU16(long a, long b) { return avgrU(a, b, H16); }
    public static long shl16(long a, int count) { return shl(a, count, 16, L16); }
    public static long shrS16(long a, int count) { return shrS(a, count, 16, L16, H16); }
    public static long shrU16(long a, int count) { return shrU(a, count, 16, L16); }

    /** Wrapping 16-bit multiplication per lane. */
    public static long mul16(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            r |= (((a >>> i) * (b >>> i)) & 0xFFFFL) << i;
        }
        return r;
    }

    /** Q15 rounding multiplication: (a * b + 0x4000) >> 15, saturated (only -32768 * -32768 overflows). */
    public static long q15mulrSatS16(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            int p = ((short) (a >>> i) * (short) (b >>> i) + 0x4000) >> 15;
            r |= (long) (Math.min(p, Short.MAX_VALUE) & 0xFFFF) << i;
        }
        return r;
    }

    // ---------------------------------------------------------------- i32x4

    public static long add32(long a, long b) { return add(a, b, H32); }
    public static long sub32(long a, long b) { return sub(a, b, H32); }
    public static long neg32(long a) { return sub(0, a, H32); }
    public static long abs32(long a) { return abs(a, H32, 32); }
    public static long eq32(long a, long b) { return eq(a, b, H32, 32); }
    public static long ne32(long a, long b) { return ~eq(a, b, H32, 32); }
    public static long ltS32(long a, long b) { return ltS(a, b, H32, 32); }
    public static long ltU32(long a, long b) { return ltU(a, b, H32, 32); }
    public static long gtS32(long a, long b) { return ltS(b, a, H32, 32); }
    public static long gtU32(long a, long b) { return ltU(b, a, H32, 32); }
    public static long leS32(long a, long b) { return ~ltS(b, a, H32, 32); }
    public static long leU32(long a, long b) { return ~ltU(b, a, H32, 32); }
    public static long geS32(long a, long b) { return ~ltS(a, b, H32, 32); }
    public static long geU32(long a, long b) { return ~ltU(a, b, H32, 32); }
    public static long minS32(long a, long b) { return select(ltS(a, b, H32, 32), a, b); }
    public static long minU32(long a, long b) { return select(ltU(a, b, H32, 32), a, b); }
    public static long maxS32(long a, long b) { return select(ltS(a, b, H32, 32), b, a); }
    public static long maxU32(long a, long b) { return select(ltU(a, b, H32, 32), b, a); }
    public static long shl32(long a, int count) { return shl(a, count, 32, L32); }
    public static long shrS32(long a, int count) { return shrS(a, count, 32, L32, H32); }
    public static long shrU32(long a, int count) { return shrU(a, count, 32, L32); }

    /** Wrapping 32-bit multiplication per lane. */
    public static long mul32(long a, long b) {
        return ((a * b) & 0xFFFFFFFFL) | ((a >>> 32) * (b >>> 32)) << 32;
    }

    // ---------------------------------------------------------------- i64x2 (one lane per half)

    public static long eq64(long a, long b) { return a == b ? -1L : 0L; }
    public static long ne64(long a, long b) { return a != b ? -1L : 0L; }
    public static long ltS64(long a, long b) { return a < b ? -1L : 0L; }
    public static long gtS64(long a, long b) { return a > b ? -1L : 0L; }
    public static long leS64(long a, long b) { return a <= b ? -1L : 0L; }
    public static long geS64(long a, long b) { return a >= b ? -1L : 0L; }
    public static long abs64(long a) { return a < 0 ? -a : a; }
    public static long shl64(long a, int count) { return a << count; }
    public static long shrS64(long a, int count) { return a >> count; }
    public static long shrU64(long a, int count) { return a >>> count; }

    // ---------------------------------------------------------------- whole-vector reductions

    /** i8x16.all_true: 1 iff no lane of (lo, hi) is zero. */
    public static int allTrue8(long lo, long hi) {
        return (nonZero(lo, H8) & nonZero(hi, H8)) == H8 ? 1 : 0;
    }

    public static int allTrue16(long lo, long hi) {
        return (nonZero(lo, H16) & nonZero(hi, H16)) == H16 ? 1 : 0;
    }

    public static int allTrue32(long lo, long hi) {
        return (nonZero(lo, H32) & nonZero(hi, H32)) == H32 ? 1 : 0;
    }

    public static int allTrue64(long lo, long hi) {
        return lo != 0 && hi != 0 ? 1 : 0;
    }

    /** i8x16.bitmask: bit i of the result is the sign bit of lane i. */
    public static int bitmask8(long lo, long hi) {
        return (int) (Long.compress(lo, H8) | Long.compress(hi, H8) << 8);
    }

    public static int bitmask16(long lo, long hi) {
        return (int) (Long.compress(lo, H16) | Long.compress(hi, H16) << 4);
    }

    public static int bitmask32(long lo, long hi) {
        return (int) (Long.compress(lo, H32) | Long.compress(hi, H32) << 2);
    }

    public static int bitmask64(long lo, long hi) {
        return (int) ((lo >>> 63) | (hi >>> 63) << 1);
    }
}
