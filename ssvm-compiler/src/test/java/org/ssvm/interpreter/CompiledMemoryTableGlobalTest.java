package org.ssvm.interpreter;

import org.junit.jupiter.api.BeforeAll;
import org.ssvm.EngineKind;
import org.ssvm.WasmRuntime;

/** Runs the interpreter's {@link MemoryTableGlobalTest} programs again, compiled to JVM bytecode. */
class CompiledMemoryTableGlobalTest extends MemoryTableGlobalTest {
    @BeforeAll
    static void useCompiler() {
        runtime.close();
        runtime = WasmRuntime.builder().engine(EngineKind.COMPILER).maxCallDepth(20_000)
                .threadStackSize(256L << 20).build();
    }
}
