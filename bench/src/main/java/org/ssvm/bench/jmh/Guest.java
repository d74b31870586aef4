package org.ssvm.bench.jmh;

import java.util.Arrays;
import java.util.function.Consumer;
import org.ssvm.EngineKind;
import org.ssvm.Linker;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.text.Wat;

/**
 * One WAT module instantiated on a named engine, for a benchmark's setup. The engine must be the one asked for:
 * an unknown name or an engine missing from the class path fails the setup, so a result never silently
 * measures another engine.
 */
final class Guest implements AutoCloseable {
    private final WasmRuntime runtime;
    private final WasmInstance instance;

    private Guest(WasmRuntime runtime, WasmInstance instance) {
        this.runtime = runtime;
        this.instance = instance;
    }

    /** Parses {@code wat}, lets {@code imports} define the host side, and instantiates it on {@code engine}. */
    static Guest start(String engine, String wat, Consumer<Linker> imports) {
        EngineKind kind = engineKind(engine);
        WasmRuntime runtime;
        try {
            runtime = WasmRuntime.builder().engine(kind).build();
        } catch (RuntimeException e) {
            throw new IllegalStateException("engine " + kind + " is not available: " + e.getMessage(), e);
        }
        if (runtime.engineKind() != kind) {
            runtime.close();
            throw new IllegalStateException("asked for engine " + kind + ", got " + runtime.engineKind());
        }
        try {
            Linker linker = runtime.linker();
            imports.accept(linker);
            return new Guest(runtime, linker.instantiate(WasmModule.of(Wat.parseModule(wat))));
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    static Guest start(String engine, String wat) {
        return start(engine, wat, linker -> { });
    }

    /** The engine called {@code name} (an {@link EngineKind} constant), or a failure listing the known ones. */
    static EngineKind engineKind(String name) {
        try {
            return EngineKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("unknown engine " + name + "; this SSVM build has "
                    + Arrays.toString(EngineKind.values()), e);
        }
    }

    /** The exported function {@code name}, ready for raw calls. */
    Export export(String name) {
        return new Export(instance.function(name).raw());
    }

    @Override
    public void close() {
        runtime.close();
    }
}
