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
    static final int MAX_SLOTS = 1 << 25;

    long[] s;
    Object[] r;
    final int maxDepth;
    boolean busy;

    Context(int maxDepth) {
        this.maxDepth = maxDepth;
        this.s = new long[1 << 14];
        this.r = new Object[1 << 14];
    }

    /** Makes the stack hold at least {@code slots} slots. */
    void ensure(int slots) {
        if (slots <= s.length) {
            return;
        }
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
