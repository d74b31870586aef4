package org.ssvm.runtime;

import org.ssvm.model.FuncType;

/**
 * A callable function: defined by a module and run by an engine, or provided by the host.
 *
 * <p>All engines call each other through one raw convention, {@link #invoke}: values live in a {@code long[]}
 * of raw bits with a parallel {@code Object[]} for references. An i32, i64, f32 or f64 takes one slot (f32 and
 * f64 as IEEE bits, i32 in the low 32 bits); a v128 takes two slots, low half first; a reference takes one slot
 * whose value is in the {@code refs} array at the same index ({@code null} is the null reference). A funcref is a
 * {@link FunctionInstance}; an externref is any host object.
 */
public abstract class FunctionInstance {
    private final FuncType type;

    protected FunctionInstance(FuncType type) {
        this.type = type;
    }

    public final FuncType type() { return type; }

    /**
     * Calls the function. Parameters are read from {@code slots}/{@code refs} starting at {@code base}; results
     * are written back starting at {@code base}. The caller guarantees both arrays are large enough for the
     * parameters and the results.
     *
     * @throws org.ssvm.TrapException when the function traps
     */
    public abstract void invoke(long[] slots, Object[] refs, int base);

    /** Number of slots the given types occupy in the raw convention. */
    public static int slotCount(org.ssvm.model.ValType[] types) {
        int n = 0;
        for (org.ssvm.model.ValType t : types) {
            n += t == org.ssvm.model.ValType.V128 ? 2 : 1;
        }
        return n;
    }
}
