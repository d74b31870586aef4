package org.ssvm.cli;

import org.ssvm.EngineKind;
import org.ssvm.Linker;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.metering.Meter;
import org.ssvm.wasi.WasiConfig;
import org.ssvm.wasi.WasiPreview1;

/**
 * Runs a WASI command module the way {@code ssvm run} does: link WASI preview 1, instantiate, call
 * {@code _start}, and answer the exit code. The WASI test-suite runner uses this same path.
 */
final class WasiProgram {
    private WasiProgram() {
    }

    /**
     * Runs {@code module}'s {@code _start} and returns the program's exit code (proc_exit's argument, or 0).
     *
     * @throws org.ssvm.TrapException when the program traps
     * @throws IllegalArgumentException when the module has no {@code _start}
     */
    static int run(EngineKind engine, WasmModule module, WasiConfig config, String displayName) {
        return run(WasmRuntime.builder().engine(engine), new Meter(), module, config, displayName);
    }

    /**
     * Like {@link #run(EngineKind, WasmModule, WasiConfig, String)} with a runtime built from {@code runtime}
     * and the program's code (instantiation included) charged to {@code meter}, which keeps its gas limit and
     * statistics for the caller to read afterwards, also after a trap.
     */
    static int run(WasmRuntime.Builder runtimeConfig, Meter meter, WasmModule module, WasiConfig config,
                   String displayName) {
        try (WasmRuntime runtime = runtimeConfig.build()) {
            return run(runtime, meter, module, config, displayName);
        }
    }

    /** Like {@link #run(WasmRuntime.Builder, Meter, WasmModule, WasiConfig, String)} on a runtime built already. */
    static int run(WasmRuntime runtime, Meter meter, WasmModule module, WasiConfig config, String displayName) {
        try (WasiPreview1 wasi = new WasiPreview1(config)) {
            WasmInstance instance = link(runtime, wasi).meter(meter).instantiate(module);
            if (!instance.exportNames().contains("_start")) {
                throw new IllegalArgumentException(displayName + " has no _start export; use --invoke NAME to call a "
                        + "function (exports: " + String.join(", ", instance.exportNames()) + ")");
            }
            return runtime.call(meter, () -> WasiPreview1.runStart(instance.function("_start").raw()));
        }
    }

    /** A linker of {@code runtime} that provides every WASI preview 1 function. */
    static Linker link(WasmRuntime runtime, WasiPreview1 wasi) {
        Linker linker = runtime.linker();
        wasi.functions().forEach((name, fn) -> linker.define(WasiPreview1.MODULE, name, fn));
        return linker;
    }
}
