package org.ssvm.runtime.simd;

/**
 * Building, reading and rearranging v128 lanes: splat, extract/replace lane, shuffle, swizzle, and the bitwise
 * operations that treat the vector as 128 bits. Lanes are numbered from the least significant byte of the low
 * half; lane {@code i} of width {@code w} bytes lives in the low half when {@code i * w < 8}.
 */
public final class LaneAccess {
    private LaneAccess() {}

    // ---------------------------------------------------------------- splat (the same value in both halves)

    public static long splat8(int v) { return (v & 0xFFL) * IntLanes.L8; }

    public static long splat16(int v) { return (v & 0xFFFFL) * IntLanes.L16; }

    public static long splat32(int v) { return (v & 0xFFFFFFFFL) * IntLanes.L32; }

    // ---------------------------------------------------------------- extract / replace

    /** The half holding {@code byteIndex} (0..15). */
    private static long half(long lo, long hi, int byteIndex) {
        return byteIndex < 8 ? lo : hi;
    }

    /** Bit offset of a lane inside its half. */
    private static int shift(int lane, int laneBytes) {
        return (lane * laneBytes & 7) * 8;
    }

    public static int extractS8(long lo, long hi, int lane) {
        return (byte) (half(lo, hi, lane) >>> shift(lane, 1));
    }

    public static int extractU8(long lo, long hi, int lane) {
        return (int) (half(lo, hi, lane) >>> shift(lane, 1)) & 0xFF;
    }

    public static int extractS16(long lo, long hi, int lane) {
        return (short) (half(lo, hi, lane * 2) >>> shift(lane, 2));
    }

    public static int extractU16(long lo, long hi, int lane) {
        return (int) (half(lo, hi, lane * 2) >>> shift(lane, 2)) & 0xFFFF;
    }

    public static int extract32(long lo, long hi, int lane) {
        return (int) (half(lo, hi, lane * 4) >>> shift(lane, 4));
    }

    public static long extract64(long lo, long hi, int lane) {
        return lane == 0 ? lo : hi;
    }

    /**
     * Replaces a lane inside one half: {@code half} is the half that holds the lane, {@code lane} its index in
     * the whole vector, {@code laneBytes} its width (1, 2, 4) and {@code value} the new bits (low bits used).
     * Returns the updated half.
     */
    public static long replace(long half, int lane, int laneBytes, long value) {
        int sh = shift(lane, laneBytes);
        long mask = ((1L << (laneBytes * 8)) - 1) << sh;
        return (half & ~mask) | ((value << sh) & mask);
    }

    // ---------------------------------------------------------------- shuffle / swizzle

    private static long byteOf(long lo, long hi, int index) {
        return (half(lo, hi, index) >>> ((index & 7) * 8)) & 0xFF;
    }

    /**
     * i8x16.shuffle, one result half: {@code selectors} holds eight lane indices (0..31, one per byte, lane 0
     * lowest) into the concatenation of a and b. Call with the immediate's low 8 bytes for the low half and its
     * high 8 bytes for the high half.
     */
    public static long shuffle(long aLo, long aHi, long bLo, long bHi, long selectors) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int sel = (int) (selectors >>> i) & 31;
            long b = sel < 16 ? byteOf(aLo, aHi, sel) : byteOf(bLo, bHi, sel - 16);
            r |= b << i;
        }
        return r;
    }

    /** i8x16.swizzle, one result half: byte i is a[indices[i]], or 0 when that index is 16 or more. */
    public static long swizzle(long aLo, long aHi, long indices) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int idx = (int) (indices >>> i) & 0xFF;
            if (idx < 16) {
                r |= byteOf(aLo, aHi, idx) << i;
            }
        }
        return r;
    }

    // ---------------------------------------------------------------- whole-vector bitwise

    /** v128.bitselect on one half: bits of v1 where c is 1, of v2 where c is 0. */
    public static long bitselect(long v1, long v2, long c) {
        return (v1 & c) | (v2 & ~c);
    }

    /** v128.andnot on one half: a AND NOT b. */
    public static long andnot(long a, long b) {
        return a & ~b;
    }

    public static int anyTrue(long lo, long hi) {
        return (lo | hi) != 0 ? 1 : 0;
    }
}
