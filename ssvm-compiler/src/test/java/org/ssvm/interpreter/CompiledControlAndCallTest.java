package org.ssvm.interpreter;

import org.junit.jupiter.api.BeforeAll;
import org.ssvm.EngineKind;
import org.ssvm.WasmRuntime;

/** Runs the interpreter's {@link ControlAndCallTest} programs again, compiled to JVM bytecode. */
class CompiledControlAndCallTest extends ControlAndCallTest {
    @BeforeAll
    static void useCompiler() {
        runtime.close();
        runtime = WasmRuntime.builder().engine(EngineKind.COMPILER).maxCallDepth(20_000)
                .threadStackSize(256L << 20).build();
    }
}
