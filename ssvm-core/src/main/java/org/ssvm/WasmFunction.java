package org.ssvm;

import org.ssvm.metering.Meter;
import org.ssvm.model.FuncType;
import org.ssvm.model.ValType;
import org.ssvm.runtime.FunctionInstance;

/**
 * An exported (or otherwise obtained) function, callable from Java. Java values map to WebAssembly types as:
 * i32 {@link Integer}, i64 {@link Long}, f32 {@link Float}, f64 {@link Double}, v128 {@link V128}, funcref
 * {@link FunctionInstance} or {@link WasmFunction}, externref any object; {@code null} is the null reference.
 *
 * <pre>{@code
 * WasmFunction fib = instance.function("fib");
 * long result = (long) fib.call(40L)[0];
 * }</pre>
 */
public final class WasmFunction {
    private final WasmRuntime runtime;
    private final FunctionInstance function;

    private final Meter meter;

    WasmFunction(WasmRuntime runtime, FunctionInstance function, Meter meter) {
        this.runtime = runtime;
        this.function = function;
        this.meter = meter;
    }

    public FuncType type() { return function.type(); }

    /** The runtime-level function, for the raw calling convention or for defining it in a {@link Linker}. */
    public FunctionInstance raw() { return function; }

    /**
     * Calls the function on a guest thread with boxed arguments and returns its results.
     *
     * @throws TrapException when the function traps
     * @throws IllegalArgumentException when the arguments do not match the parameter count
     */
    public Object[] call(Object... args) {
        FuncType type = function.type();
        ValType[] params = type.params();
        ValType[] results = type.results();
        if (args.length != params.length) {
            throw new IllegalArgumentException("function " + type + " takes " + params.length + " arguments, got "
                    + args.length);
        }
        int size = Math.max(FunctionInstance.slotCount(params), FunctionInstance.slotCount(results));
        long[] slots = new long[size];
        Object[] refs = new Object[size];
        int slot = 0;
        for (int i = 0; i < params.length; i++) {
            slot = Values.write(params[i], args[i], slots, refs, slot);
        }
        invoke(slots, refs, 0);
        Object[] out = new Object[results.length];
        slot = 0;
        for (int i = 0; i < results.length; i++) {
            out[i] = Values.read(results[i], slots, refs, slot);
            slot += Values.slots(results[i]);
        }
        return out;
    }

    /**
     * Calls the function with at most {@code gas} more gas than its instance has used (and never beyond the
     * instance's own limit); traps with "gas limit exceeded" when it needs more. Needs metering on.
     */
    public Object[] callWithGasLimit(long gas, Object... args) {
        long saved = meter.gasLimit();
        long used = meter.gasUsed();
        meter.setGasLimit(Math.min(saved, gas > Meter.UNLIMITED - used ? Meter.UNLIMITED : used + gas));
        try {
            return call(args);
        } finally {
            meter.setGasLimit(saved);
        }
    }

    /**
     * Calls the function on a guest thread in the raw convention of {@link FunctionInstance#invoke}: arguments
     * are read from, and results written to, {@code slots}/{@code refs} at {@code base}.
     */
    public void invoke(long[] slots, Object[] refs, int base) {
        runtime.call(meter, () -> {
            function.invoke(slots, refs, base);
            return null;
        });
    }

    @Override
    public String toString() { return "WasmFunction" + function.type(); }
}
