package org.ssvm.compiler;

import java.lang.invoke.MethodHandle;

/**
 * The compiled form of one module, shared by all its instances: per defined function, the method handle of its
 * raw-convention bridge {@code (long[] slots, Object[] refs, int base, Ctx ctx) void}, and which functions were
 * left to the interpreter. It keeps no reference to the module itself.
 */
final class ModuleCode {
    private final MethodHandle[] bridges;
    private final MethodHandle[] direct;
    private final boolean[] fallback;
    private final int resultSlots;

    ModuleCode(MethodHandle[] bridges, MethodHandle[] direct, boolean[] fallback, int resultSlots) {
        this.bridges = bridges;
        this.direct = direct;
        this.fallback = fallback;
        this.resultSlots = resultSlots;
    }

    MethodHandle bridge(int funcIndex) { return bridges[funcIndex]; }

    /** The typed static method of a defined function: {@code (params..., Ctx, int depth) result}. */
    MethodHandle direct(int funcIndex) { return direct[funcIndex]; }

    boolean isFallback(int funcIndex) { return fallback[funcIndex]; }

    int resultSlots() { return resultSlots; }

    /** Number of defined functions left to the interpreter. */
    int fallbackCount() {
        int n = 0;
        for (boolean b : fallback) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
