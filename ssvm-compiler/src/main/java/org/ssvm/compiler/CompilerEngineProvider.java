package org.ssvm.compiler;

import java.nio.file.Path;
import org.ssvm.metering.MeteringConfig;
import org.ssvm.runtime.EngineProvider;
import org.ssvm.runtime.ExecutionEngine;

/** Makes the compiler available as {@link org.ssvm.EngineKind#COMPILER} (found through ServiceLoader). */
public final class CompilerEngineProvider implements EngineProvider {
    @Override
    public String name() { return "compiler"; }

    @Override
    public ExecutionEngine create(int maxCallDepth) { return new CompilerEngine(maxCallDepth); }

    @Override
    public ExecutionEngine create(int maxCallDepth, MeteringConfig metering) {
        return new CompilerEngine(maxCallDepth, metering);
    }

    @Override
    public ExecutionEngine create(int maxCallDepth, MeteringConfig metering, Path codeCache) {
        return new CompilerEngine(maxCallDepth, metering, codeCache);
    }
}
