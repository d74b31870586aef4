package org.ssvm.bench.jmh;

import org.ssvm.runtime.FunctionInstance;

/**
 * An exported function of signature {@code (i32) -> T}, called in the raw convention on the caller's thread.
 * Calling {@link FunctionInstance#invoke} directly (not {@code WasmFunction.call}) keeps boxing and the hand-off
 * to a guest thread out of the measurement: the benchmarks measure the engine. Their guests do not recurse, so
 * the caller's stack is enough.
 */
final class Export {
    private final FunctionInstance function;
    private final long[] slots = new long[1];
    private final Object[] refs = new Object[1];

    Export(FunctionInstance function) {
        this.function = function;
    }

    private void call(int arg) {
        slots[0] = arg;
        function.invoke(slots, refs, 0);
    }

    int i32(int arg) {
        call(arg);
        return (int) slots[0];
    }

    long i64(int arg) {
        call(arg);
        return slots[0];
    }

    double f64(int arg) {
        call(arg);
        return Double.longBitsToDouble(slots[0]);
    }

    /** For functions without a result. */
    void run(int arg) {
        call(arg);
    }
}
