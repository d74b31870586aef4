package org.ssvm.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ssvm.Linker;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;

/** Shares one runtime per test class and instantiates programmatic modules without a validator. */
public abstract class WasmTestBase {
    protected static WasmRuntime runtime;

    @BeforeAll
    static void startRuntime() {
        runtime = WasmRuntime.builder().maxCallDepth(20_000).threadStackSize(256L << 20).build();
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    protected static WasmInstance instantiate(ModuleBuilder b) {
        return runtime.linker().instantiate(WasmModule.ofValidated(b.module));
    }

    protected static WasmInstance instantiate(Linker linker, ModuleBuilder b) {
        return linker.instantiate(WasmModule.ofValidated(b.module));
    }
}
