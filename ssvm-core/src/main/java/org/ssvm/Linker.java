package org.ssvm;

import org.ssvm.metering.Meter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ssvm.model.FuncType;
import org.ssvm.model.Import;
import org.ssvm.model.ValType;
import org.ssvm.runtime.FunctionInstance;
import org.ssvm.runtime.Global;
import org.ssvm.runtime.HostFunction;
import org.ssvm.runtime.Instance;
import org.ssvm.runtime.Instantiator;
import org.ssvm.runtime.Memory;
import org.ssvm.runtime.Table;

/**
 * Resolves imports by two-level name and instantiates modules. Definitions are host functions, memories, tables
 * and globals, or whole instances registered under a module name (as WAST's {@code register} does).
 *
 * <pre>{@code
 * Linker linker = runtime.linker();
 * linker.function("env", "add", FuncType.of(new ValType[] {I32, I32}, I32),
 *         args -> new Object[] {(int) args[0] + (int) args[1]});
 * linker.memory("env", "memory", new Memory(new MemoryType(Limits.of(1))));
 * WasmInstance lib = linker.instantiate(libModule);
 * linker.register("lib", lib);
 * WasmInstance app = linker.instantiate(appModule);
 * }</pre>
 *
 * <p>A linker is not thread-safe; define everything before sharing it.
 */
public final class Linker {
    /** A host function taking and returning Java values (see {@link WasmFunction#call} for the mapping). */
    @FunctionalInterface
    public interface HostCallback {
        /** Receives the arguments, returns the results (an empty array or null when there are none). */
        Object[] call(Object... args);
    }

    private final WasmRuntime runtime;
    private final Map<String, Object> definitions = new HashMap<>();
    private Meter sharedMeter;

    Linker(WasmRuntime runtime) {
        this.runtime = runtime;
    }

    /** Defines an entity: a {@link FunctionInstance}, {@link WasmFunction}, {@link Table}, {@link Memory} or {@link Global}. */
    public Linker define(String module, String name, Object extern) {
        Object e = extern instanceof WasmFunction f ? f.raw() : extern;
        if (!(e instanceof FunctionInstance || e instanceof Table || e instanceof Memory || e instanceof Global)) {
            throw new IllegalArgumentException("not an importable entity: " + extern);
        }
        definitions.put(key(module, name), e);
        return this;
    }

    /** Defines a host function in the raw slot convention (fastest; see {@link FunctionInstance}). */
    public Linker function(String module, String name, FuncType type, HostFunction.Body body) {
        return define(module, name, new HostFunction(type, module + "." + name, body));
    }

    /** Defines a host function taking and returning Java values. */
    public Linker function(String module, String name, FuncType type, HostCallback callback) {
        ValType[] params = type.params();
        ValType[] results = type.results();
        HostFunction.Body body = (caller, slots, refs, base) -> {
            Object[] args = new Object[params.length];
            int slot = base;
            for (int i = 0; i < params.length; i++) {
                args[i] = Values.read(params[i], slots, refs, slot);
                slot += Values.slots(params[i]);
            }
            Object[] out = callback.call(args);
            int n = out == null ? 0 : out.length;
            if (n != results.length) {
                throw new WasmException("host function " + module + "." + name + " returned " + n
                        + " values, its type " + type + " has " + results.length);
            }
            slot = base;
            for (int i = 0; i < results.length; i++) {
                slot = Values.write(results[i], out[i], slots, refs, slot);
            }
        };
        return function(module, name, type, body);
    }

    public Linker memory(String module, String name, Memory memory) { return define(module, name, memory); }

    public Linker table(String module, String name, Table table) { return define(module, name, table); }

    public Linker global(String module, String name, Global global) { return define(module, name, global); }

    /** Makes every export of {@code instance} importable as {@code module.exportName}. */
    public Linker register(String module, WasmInstance instance) {
        for (Map.Entry<String, Object> e : instance.raw().exports().entrySet()) {
            definitions.put(key(module, e.getKey()), e.getValue());
        }
        return this;
    }

    /**
     * Makes the instances created from now on share {@code meter} (one gas budget and one set of statistics,
     * like a store); by default each instance gets its own meter with the runtime's gas limit.
     */
    public Linker meter(Meter meter) {
        this.sharedMeter = meter;
        return this;
    }

    /** The definition for this name, or null. */
    public Object lookup(String module, String name) { return definitions.get(key(module, name)); }

    /**
     * Instantiates {@code module}: resolves its imports, initializes segments and runs its start function on a
     * guest thread.
     *
     * @throws LinkException when an import is unknown or has an incompatible type
     * @throws TrapException when initialization or the start function traps
     */
    public WasmInstance instantiate(WasmModule module) {
        List<Object> externs = new ArrayList<>();
        for (Import imp : module.model().imports()) {
            Object e = definitions.get(key(imp.module(), imp.name()));
            if (e == null) {
                throw new LinkException("unknown import: " + imp.module() + "." + imp.name());
            }
            externs.add(e);
        }
        Meter meter = sharedMeter;
        if (meter == null) {
            meter = new Meter();
            meter.setGasLimit(runtime.gasLimit());
        }
        Meter m = meter;
        Instance instance = runtime.call(m, () -> Instantiator.instantiate(module.model(), externs, runtime.engine(),
                m, runtime.memoryPageLimit()));
        return new WasmInstance(runtime, instance);
    }

    private static String key(String module, String name) {
        return module + '\u0000' + name;
    }
}
