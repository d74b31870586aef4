package org.ssvm.interpreter;

import java.util.Arrays;
import org.ssvm.TrapException;

/**
 * The value stack of one thread's run of the interpreter: raw bits in {@link #s} and references in the
 * parallel {@link #r}. Frames are carved out of it; it grows when a frame does not fit, so callers re-read the
 * arrays after every call.
 */
final class Context {
    /** Upper bound on stack slots (8 bytes plus one reference each). */
    static final int MAX_SLOTS = 1 << 23;
    private static final int INITIAL_SLOTS = 1 << 14;
    /** Stacks that grew beyond this (deep recursion) are given back when the outermost call returns. */
    private static final int KEEP_SLOTS = 1 << 20;

    long[] s;
    Object[] r;
    final int maxDepth;
    boolean busy;

    Context(int maxDepth) {
        this.maxDepth = maxDepth;
        this.s = new long[INITIAL_SLOTS];
        this.r = new Object[INITIAL_SLOTS];
    }

    void shrink() {
        if (s.length > KEEP_SLOTS) {
            s = new long[INITIAL_SLOTS];
            r = new Object[INITIAL_SLOTS];
        }
    }

    /** Makes the stack hold at least {@code slots} slots. */
    void ensure(int slots) {
        if (slots > s.length) {
            grow(slots); // out of line: the dispatch loop inlines ensure, and C2 limits its total inlined size
        }
    }

    private void grow(int slots) {
        if (slots > MAX_SLOTS) {
            throw exhausted();
        }
        int n = (int) Math.min(MAX_SLOTS, Math.max((long) slots, 2L * s.length));
        long[] ns = Arrays.copyOf(s, n);
        Object[] nr = Arrays.copyOf(r, n);
        s = ns; // assigned together, after both copies succeeded
        r = nr;
    }

    static TrapException exhausted() {
        return new TrapException("call stack exhausted");
    }
}
