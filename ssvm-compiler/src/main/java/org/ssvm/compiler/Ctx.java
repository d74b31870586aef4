package org.ssvm.compiler;

import org.ssvm.metering.Meter;
import org.ssvm.runtime.FunctionInstance;
import org.ssvm.runtime.Global;
import org.ssvm.runtime.Instance;
import org.ssvm.runtime.Memory;
import org.ssvm.runtime.Table;

/**
 * The run-time context of one instance as compiled code sees it: every generated method takes it as its last
 * parameter. Fields are public because generated classes live in another class loader.
 *
 * <p>{@link #results}/{@link #resultRefs} carry the results of functions returning more than one value (raw
 * slot layout, as in {@link FunctionInstance#invoke}); the caller reads them right after the call returns.
 */
public final class Ctx {
    public final Instance instance;
    public final FunctionInstance[] functions;
    public final Global[] globals;
    public final Table[] tables;
    /** Memory 0, or null. Compiled code caches {@code memory.array()} and re-reads it after calls and growth. */
    public final Memory memory;
    public final long[] results;
    public final Object[] resultRefs;
    /** Functions the compiler left to the interpreter (by function index; null for compiled ones). */
    public final FunctionInstance[] fallbacks;
    /** Gas, statistics and interruption of the instance's code. */
    public final Meter meter;
    /**
     * With counts per instruction, the meter's counter index of region 0 of each compiled function (see
     * {@code Meter.registerRegions}); null otherwise.
     */
    public final int[] firstRegion;
    /** Operand scratch for SIMD helpers. */
    public final long[] simd = new long[16];

    /** Who made this context, and the module's code: lets call_indirect call same-instance functions directly. */
    final InstanceState state;
    final ModuleCode code;

    Ctx(InstanceState state, ModuleCode code, Instance instance, int resultSlots, FunctionInstance[] fallbacks,
        int[] firstRegion) {
        this.state = state;
        this.code = code;
        this.instance = instance;
        this.functions = instance.functions();
        this.globals = instance.globals();
        this.tables = instance.tables();
        this.memory = instance.memories().length > 0 ? instance.memory(0) : null;
        this.results = new long[Math.max(1, resultSlots)];
        this.resultRefs = new Object[Math.max(1, resultSlots)];
        this.fallbacks = fallbacks;
        this.meter = instance.meter();
        this.firstRegion = firstRegion;
    }
}
