package org.ssvm.runtime;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ssvm.EngineKind;
import org.ssvm.WasmException;
import org.ssvm.WasmRuntime;

/** Engines from other modules are found through ServiceLoader (ssvm-core alone has none) or registered. */
class EngineProviderTest {
    @Test
    void missingEngineModuleIsReportedByName() {
        WasmException e = assertThrows(WasmException.class,
                () -> WasmRuntime.builder().engine(EngineKind.COMPILER).build());
        assertTrue(e.getMessage().contains("ssvm-compiler"), e.getMessage());
    }

    @Test
    void aProviderWithoutMeteringRefusesAMeteringConfigurationInsteadOfIgnoringIt() {
        EngineProvider plain = new EngineProvider() {
            @Override
            public String name() { return "plain"; }

            @Override
            public ExecutionEngine create(int maxCallDepth) { return new org.ssvm.interpreter.InterpreterEngine(); }
        };
        WasmException e = assertThrows(WasmException.class,
                () -> plain.create(10, org.ssvm.metering.MeteringConfig.DEFAULT));
        assertTrue(e.getMessage().contains("plain"), e.getMessage());
    }

    @Test
    void aRegisteredProviderIsUsedWithoutServiceLookUp() {
        ExecutionEngine engine = new org.ssvm.interpreter.InterpreterEngine();
        EngineProvider.register(new EngineProvider() {
            @Override
            public String name() { return "registered-for-test"; }

            @Override
            public ExecutionEngine create(int maxCallDepth) { return engine; }
        });
        assertSame(engine, EngineProvider.load("registered-for-test", 10));
        WasmException e = assertThrows(WasmException.class, () -> EngineProvider.load("never-registered", 10));
        assertTrue(e.getMessage().contains("not on the class path"), e.getMessage());
    }
}
