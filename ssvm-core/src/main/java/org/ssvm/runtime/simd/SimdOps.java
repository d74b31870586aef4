package org.ssvm.runtime.simd;

import org.ssvm.model.Opcode;
import org.ssvm.runtime.Memory;

/**
 * SIMD (0xFD) instruction semantics. PLACEHOLDER on this branch: the real implementation is written on another
 * branch and replaces this class at merge; only the signatures the interpreter calls are fixed here.
 */
public final class SimdOps {
    private SimdOps() {}

    /**
     * Executes a non-memory SIMD instruction on the stack top ({@code sp} is the first free slot); returns the
     * new stack pointer.
     */
    public static int execute(Opcode op, long[] s, int sp, int lane, long immLo, long immHi) {
        throw new UnsupportedOperationException("SIMD is not available on this branch: " + op.textName());
    }

    /** Executes a SIMD load at an already computed effective address; returns the new stack pointer. */
    public static int load(Opcode op, Memory mem, long effectiveAddress, long[] s, int sp, int lane) {
        throw new UnsupportedOperationException("SIMD is not available on this branch: " + op.textName());
    }

    /** Executes a SIMD store at an already computed effective address; returns the new stack pointer. */
    public static int store(Opcode op, Memory mem, long effectiveAddress, long[] s, int sp, int lane) {
        throw new UnsupportedOperationException("SIMD is not available on this branch: " + op.textName());
    }
}
