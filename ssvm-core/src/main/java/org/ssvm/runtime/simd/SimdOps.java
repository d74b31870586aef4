package org.ssvm.runtime.simd;

import org.ssvm.model.Opcode;
import org.ssvm.runtime.Memory;

/**
 * Semantics of every WebAssembly 2.0 SIMD (v128) instruction over a raw {@code long[]} operand stack, shared by
 * the interpreter and the compiler.
 *
 * <h2>Stack layout</h2>
 * A v128 occupies two consecutive slots, the low 64 bits (lane 0 upwards) at the lower index. An i32 or f32
 * occupies the low 32 bits of one slot (f32 as its raw bits; upper bits are ignored on input and unspecified
 * on output), an i64 or f64 one full slot. {@code sp} is the index of the first free slot; operands are popped
 * from below {@code sp} and results pushed in their place, and each method returns the new {@code sp}.
 *
 * <h2>Per-operation functions</h2>
 * The operations themselves are pure static functions over 64-bit halves in {@link IntLanes},
 * {@link FloatLanes}, {@link LaneConversions} and {@link LaneAccess}; a compiler calls those directly and needs
 * no holder object, because every function returns exactly one 64-bit half (or an i32). With {@code a} and
 * {@code b} the operands and {@code r} the result:
 * <ul>
 *   <li>lane-wise operations (arithmetic, comparisons, shifts, float ops, extadd_pairwise, dot, trunc_sat and
 *       convert on i32x4/f32x4, bitwise): {@code r.lo = f(a.lo, b.lo)}, {@code r.hi = f(a.hi, b.hi)};</li>
 *   <li>extend_low / extmul_low / convert_low / promote_low: {@code r.lo = f((int) a.lo, (int) b.lo)},
 *       {@code r.hi = f((int) (a.lo >>> 32), (int) (b.lo >>> 32))}; the _high forms read {@code a.hi, b.hi};</li>
 *   <li>narrow: {@code r.lo = f(a.lo, a.hi)}, {@code r.hi = f(b.lo, b.hi)};</li>
 *   <li>demote_f64x2_zero and trunc_sat_f64x2_*_zero: {@code r.lo = f(a.lo, a.hi)}, {@code r.hi = 0};</li>
 *   <li>shuffle: {@code r.lo = shuffle(a.lo, a.hi, b.lo, b.hi, immLo)}, {@code r.hi} with {@code immHi};
 *       swizzle: {@code r.lo = swizzle(a.lo, a.hi, b.lo)}, {@code r.hi = swizzle(a.lo, a.hi, b.hi)};</li>
 *   <li>all_true, bitmask, any_true: {@code f(a.lo, a.hi)} gives the i32.</li>
 * </ul>
 * The package-private {@code SimdDispatch} is the reference for which function implements which opcode.
 */
public final class SimdOps {
    private SimdOps() {}

    private static final byte NOT_SIMD = 0, UNARY = 1, BINARY = 2, SHIFT = 3, TEST = 4, SPLAT = 5, LANE = 6,
            OTHER = 7, MEMORY = 8;

    /** Instruction shape by ordinal, derived once from the opcode table's signatures. */
    private static final byte[] KIND = new byte[Opcode.values().length];

    static {
        for (Opcode op : Opcode.values()) {
            KIND[op.ordinal()] = kindOf(op);
        }
    }

    private static byte kindOf(Opcode op) {
        if (op.prefix() != Opcode.PREFIX_FD) {
            return NOT_SIMD;
        }
        switch (op.immediate()) {
            case MEMARG, MEMARG_LANE -> { return MEMORY; }
            case LANE -> { return LANE; }
            case V128, SHUFFLE -> { return OTHER; }
            default -> { }
        }
        return switch (op.signature()) {
            case "v:v" -> UNARY;
            case "vv:v" -> BINARY;
            case "vi:v" -> SHIFT;
            case "v:i" -> TEST;
            case "i:v", "l:v", "f:v", "d:v" -> SPLAT;
            default -> OTHER;
        };
    }

    /**
     * Executes a non-memory SIMD instruction. Operands are taken from the top of the stack in instruction
     * order (the last operand at {@code sp-1}) and the result is pushed in their place.
     *
     * @param lane  the lane index immediate of extract_lane / replace_lane (ignored otherwise)
     * @param immLo low 64 bits of the v128.const immediate, or the first eight i8x16.shuffle lane indices
     *              (index of result lane i in byte i, little-endian)
     * @param immHi high 64 bits of the v128.const immediate, or shuffle indices 8..15
     * @return the new stack pointer
     * @throws IllegalArgumentException if {@code op} is not such an instruction
     */
    public static int execute(Opcode op, long[] s, int sp, int lane, long immLo, long immHi) {
        return switch (KIND[op.ordinal()]) {
            case UNARY -> SimdDispatch.unary(op, s, sp);
            case BINARY -> SimdDispatch.binary(op, s, sp);
            case SHIFT -> SimdDispatch.shift(op, s, sp);
            case TEST -> SimdDispatch.test(op, s, sp);
            case SPLAT -> SimdDispatch.splat(op, s, sp);
            case LANE -> SimdDispatch.lane(op, s, sp, lane);
            case OTHER -> other(op, s, sp, immLo, immHi);
            default -> throw new IllegalArgumentException("not a non-memory SIMD instruction: " + op);
        };
    }

    private static int other(Opcode op, long[] s, int sp, long immLo, long immHi) {
        switch (op) {
            case V128_CONST -> {
                s[sp] = immLo;
                s[sp + 1] = immHi;
                return sp + 2;
            }
            case I8X16_SHUFFLE -> {
                long aLo = s[sp - 4], aHi = s[sp - 3], bLo = s[sp - 2], bHi = s[sp - 1];
                s[sp - 4] = LaneAccess.shuffle(aLo, aHi, bLo, bHi, immLo);
                s[sp - 3] = LaneAccess.shuffle(aLo, aHi, bLo, bHi, immHi);
                return sp - 2;
            }
            case V128_BITSELECT -> {
                s[sp - 6] = LaneAccess.bitselect(s[sp - 6], s[sp - 4], s[sp - 2]);
                s[sp - 5] = LaneAccess.bitselect(s[sp - 5], s[sp - 3], s[sp - 1]);
                return sp - 4;
            }
            default -> throw new IllegalArgumentException("not a non-memory SIMD instruction: " + op);
        }
    }

    /**
     * Executes a SIMD load. On entry the address has already been popped and is given as
     * {@code effectiveAddress} (unsigned address + offset). For {@code v128.loadN_lane} the v128 operand is on
     * top of the stack ({@code s[sp-2]}, {@code s[sp-1]}) and is replaced by the updated vector (sp unchanged);
     * for every other load the loaded v128 is pushed (sp + 2).
     *
     * @param lane the lane index immediate of the loadN_lane forms (ignored otherwise)
     * @return the new stack pointer
     * @throws org.ssvm.TrapException "out of bounds memory access", from {@link Memory}'s checked accessors
     */
    public static int load(Opcode op, Memory mem, long effectiveAddress, long[] s, int sp, int lane) {
        return SimdMemory.load(op, mem, effectiveAddress, s, sp, lane);
    }

    /**
     * Executes a SIMD store ({@code v128.store} or {@code v128.storeN_lane}). On entry the address has already
     * been popped and is given as {@code effectiveAddress}; the v128 operand is on top of the stack
     * ({@code s[sp-2]}, {@code s[sp-1]}) and is popped. Nothing is written when the access traps.
     *
     * @return the new stack pointer ({@code sp - 2})
     */
    public static int store(Opcode op, Memory mem, long effectiveAddress, long[] s, int sp, int lane) {
        return SimdMemory.store(op, mem, effectiveAddress, s, sp, lane);
    }
}
