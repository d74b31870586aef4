package org.ssvm.runtime.simd;

import org.ssvm.model.Opcode;
import org.ssvm.runtime.Memory;

/**
 * SIMD loads and stores (see {@link SimdOps#load} and {@link SimdOps#store} for the stack contract). All
 * accesses go through {@link Memory}'s bounds-checked accessors so traps carry the spec's message; 16-byte
 * accesses touch the upper 8 bytes first so that a store that is partly out of bounds writes nothing.
 */
public final class SimdMemory {
    private SimdMemory() {}

    /** Stores a whole v128, checking the upper end first so that a trapping store changes nothing. */
    public static void store128(Memory mem, long ea, long lo, long hi) {
        mem.storeLong(ea + 8, hi);
        mem.storeLong(ea, lo);
    }

    static int load(Opcode op, Memory mem, long ea, long[] s, int sp, int lane) {
        long lo, hi;
        switch (op) {
            case V128_LOAD -> { hi = mem.loadLong(ea + 8); lo = mem.loadLong(ea); }
            case V128_LOAD8X8_S -> { long x = mem.loadLong(ea); lo = LaneConversions.extendS8((int) x); hi = LaneConversions.extendS8((int) (x >>> 32)); }
            case V128_LOAD8X8_U -> { long x = mem.loadLong(ea); lo = LaneConversions.extendU8((int) x); hi = LaneConversions.extendU8((int) (x >>> 32)); }
            case V128_LOAD16X4_S -> { long x = mem.loadLong(ea); lo = LaneConversions.extendS16((int) x); hi = LaneConversions.extendS16((int) (x >>> 32)); }
            case V128_LOAD16X4_U -> { long x = mem.loadLong(ea); lo = LaneConversions.extendU16((int) x); hi = LaneConversions.extendU16((int) (x >>> 32)); }
            case V128_LOAD32X2_S -> { long x = mem.loadLong(ea); lo = (int) x; hi = x >> 32; }
            case V128_LOAD32X2_U -> { long x = mem.loadLong(ea); lo = x & 0xFFFFFFFFL; hi = x >>> 32; }
            case V128_LOAD8_SPLAT -> { lo = hi = LaneAccess.splat8(mem.loadByte(ea)); }
            case V128_LOAD16_SPLAT -> { lo = hi = LaneAccess.splat16(mem.loadShort(ea)); }
            case V128_LOAD32_SPLAT -> { lo = hi = LaneAccess.splat32(mem.loadInt(ea)); }
            case V128_LOAD64_SPLAT -> { lo = hi = mem.loadLong(ea); }
            case V128_LOAD32_ZERO -> { lo = mem.loadInt(ea) & 0xFFFFFFFFL; hi = 0; }
            case V128_LOAD64_ZERO -> { lo = mem.loadLong(ea); hi = 0; }
            case V128_LOAD8_LANE -> { return loadLane(s, sp, lane, 1, mem.loadByte(ea)); }
            case V128_LOAD16_LANE -> { return loadLane(s, sp, lane, 2, mem.loadShort(ea)); }
            case V128_LOAD32_LANE -> { return loadLane(s, sp, lane, 4, mem.loadInt(ea)); }
            case V128_LOAD64_LANE -> {
                s[sp - 2 + lane] = mem.loadLong(ea);
                return sp;
            }
            default -> throw new IllegalArgumentException("not a SIMD load: " + op);
        }
        s[sp] = lo;
        s[sp + 1] = hi;
        return sp + 2;
    }

    /** Stack: the v128 at sp-2, sp-1; the lane of {@code laneBytes} bytes is overwritten in place. */
    private static int loadLane(long[] s, int sp, int lane, int laneBytes, long value) {
        int slot = sp - 2 + (lane * laneBytes >>> 3);
        s[slot] = LaneAccess.replace(s[slot], lane, laneBytes, value);
        return sp;
    }

    static int store(Opcode op, Memory mem, long ea, long[] s, int sp, int lane) {
        long lo = s[sp - 2], hi = s[sp - 1];
        switch (op) {
            case V128_STORE -> store128(mem, ea, lo, hi);
            case V128_STORE8_LANE -> mem.storeByte(ea, (byte) LaneAccess.extractU8(lo, hi, lane));
            case V128_STORE16_LANE -> mem.storeShort(ea, (short) LaneAccess.extractU16(lo, hi, lane));
            case V128_STORE32_LANE -> mem.storeInt(ea, LaneAccess.extract32(lo, hi, lane));
            case V128_STORE64_LANE -> mem.storeLong(ea, lane == 0 ? lo : hi);
            default -> throw new IllegalArgumentException("not a SIMD store: " + op);
        }
        return sp - 2;
    }
}
