package org.ssvm.runtime.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.ssvm.model.Opcode;

/** Runs single SIMD instructions through {@link SimdOps#execute}, checking the stack discipline on the way. */
final class Run {
    private Run() {}

    /** Every opcode the hand-written tests executed (reported by {@link SimdOpsTest}). */
    static final Set<Opcode> EXERCISED = java.util.Collections.synchronizedSet(EnumSet.noneOf(Opcode.class));

    /** A guard slot below the operands catches writes outside the instruction's stack window. */
    private static final long GUARD = 0x5A5A5A5A5A5A5A5AL;

    private static long[] stack(long... slots) {
        long[] s = new long[slots.length + 4];
        s[0] = GUARD;
        System.arraycopy(slots, 0, s, 1, slots.length);
        return s;
    }

    private static int exec(Opcode op, long[] s, int sp, int lane, long immLo, long immHi, int expectedSp) {
        EXERCISED.add(op);
        int r = SimdOps.execute(op, s, sp, lane, immLo, immHi);
        assertEquals(expectedSp, r, "stack pointer after " + op);
        assertEquals(GUARD, s[0], "slot below the operands changed by " + op);
        return r;
    }

    static long[] v(Opcode op, long[] a) {
        long[] s = stack(a[0], a[1]);
        exec(op, s, 3, 0, 0, 0, 3);
        return new long[] {s[1], s[2]};
    }

    static long[] vv(Opcode op, long[] a, long[] b) {
        long[] s = stack(a[0], a[1], b[0], b[1]);
        exec(op, s, 5, 0, 0, 0, 3);
        return new long[] {s[1], s[2]};
    }

    static long[] vvv(Opcode op, long[] a, long[] b, long[] c) {
        long[] s = stack(a[0], a[1], b[0], b[1], c[0], c[1]);
        exec(op, s, 7, 0, 0, 0, 3);
        return new long[] {s[1], s[2]};
    }

    /** v128 and a scalar (shift count or replacement value) to v128. */
    static long[] vx(Opcode op, long[] a, long x, int lane) {
        long[] s = stack(a[0], a[1], x);
        exec(op, s, 4, lane, 0, 0, 3);
        return new long[] {s[1], s[2]};
    }

    /** v128 to a scalar slot (tests, bitmasks, extract_lane). */
    static long vs(Opcode op, long[] a, int lane) {
        long[] s = stack(a[0], a[1]);
        exec(op, s, 3, lane, 0, 0, 2);
        return s[1];
    }

    /** Scalar to v128 (splat). */
    static long[] sv(Opcode op, long x) {
        long[] s = stack(x);
        exec(op, s, 2, 0, 0, 0, 3);
        return new long[] {s[1], s[2]};
    }

    static long[] shuffle(long[] a, long[] b, long immLo, long immHi) {
        long[] s = stack(a[0], a[1], b[0], b[1]);
        exec(Opcode.I8X16_SHUFFLE, s, 5, 0, immLo, immHi, 3);
        return new long[] {s[1], s[2]};
    }

    static long[] constant(long lo, long hi) {
        long[] s = stack();
        exec(Opcode.V128_CONST, s, 1, 0, lo, hi, 3);
        return new long[] {s[1], s[2]};
    }
}
