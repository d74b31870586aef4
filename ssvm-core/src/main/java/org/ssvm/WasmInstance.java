package org.ssvm;

import java.util.Set;
import org.ssvm.metering.Meter;
import org.ssvm.metering.MeteringConfig;
import org.ssvm.metering.Statistics;
import org.ssvm.model.GlobalType;
import org.ssvm.runtime.FunctionInstance;
import org.ssvm.runtime.Global;
import org.ssvm.runtime.Instance;
import org.ssvm.runtime.Memory;
import org.ssvm.runtime.Table;

/**
 * An instantiated module, giving access to its exports by name.
 *
 * <pre>{@code
 * WasmInstance instance = linker.instantiate(module);
 * instance.memory("memory").write(0, "hi".getBytes(), 0, 2);
 * int n = (int) instance.function("strlen").call(0)[0];
 * instance.setGlobal("counter", 42);
 * }</pre>
 */
public final class WasmInstance {
    private final WasmRuntime runtime;
    private final Instance instance;

    WasmInstance(WasmRuntime runtime, Instance instance) {
        this.runtime = runtime;
        this.instance = instance;
    }

    /** The runtime-level instance. */
    public Instance raw() { return instance; }

    /** Names of all exports. */
    public Set<String> exportNames() { return instance.exports().keySet(); }

    /** The exported function with this name; throws {@link IllegalArgumentException} if there is none. */
    public WasmFunction function(String name) {
        return new WasmFunction(runtime, export(name, FunctionInstance.class), instance.meter());
    }

    /** The meter of this instance's code: gas used and its limit, statistics, interruption. */
    public Meter meter() { return instance.meter(); }

    /** Instructions executed, gas used and time spent so far (the first two need metering on). */
    public Statistics statistics() { return instance.meter().statistics(); }

    /**
     * Stops the call running in this instance, from any thread: it traps with "interrupted" at its next
     * function entry or loop iteration. Has no effect when nothing runs.
     *
     * @throws IllegalStateException when the runtime's code does not poll (see
     *                               {@link WasmRuntime.Builder#interruptible})
     */
    public void interrupt() {
        MeteringConfig m = runtime.metering();
        if (!m.metered() && !m.interruptible()) {
            throw new IllegalStateException("this runtime's code cannot be interrupted: build it with "
                    + "interruptible(true), a time limit or metering");
        }
        instance.meter().interrupt();
    }

    /** The exported memory with this name, readable and writable from Java. */
    public Memory memory(String name) { return export(name, Memory.class); }

    public Table table(String name) { return export(name, Table.class); }

    /** The exported global with this name, in its raw form. */
    public Global global(String name) { return export(name, Global.class); }

    /** The value of an exported global as a Java value (see {@link WasmFunction}). */
    public Object getGlobal(String name) {
        Global g = global(name);
        long[] slots = {g.bits, g.bitsHigh};
        return Values.read(g.type().valueType(), slots, new Object[] {g.ref}, 0);
    }

    /** Sets an exported mutable global. */
    public void setGlobal(String name, Object value) {
        Global g = global(name);
        GlobalType type = g.type();
        if (!type.mutable()) {
            throw new IllegalStateException("global " + name + " is immutable");
        }
        long[] slots = new long[2];
        Object[] refs = new Object[2];
        Values.write(type.valueType(), value, slots, refs, 0);
        g.bits = slots[0];
        g.bitsHigh = slots[1];
        g.ref = refs[0];
    }

    private <T> T export(String name, Class<T> kind) {
        Object e = instance.export(name);
        if (!kind.isInstance(e)) {
            throw new IllegalArgumentException(e == null ? "no export named " + name
                    : "export " + name + " is not a " + kind.getSimpleName().toLowerCase());
        }
        return kind.cast(e);
    }
}
