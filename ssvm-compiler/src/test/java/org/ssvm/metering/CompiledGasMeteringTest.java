package org.ssvm.metering;

import org.ssvm.EngineKind;

/** Runs ssvm-core's hand-computed gas counts ({@link GasMeteringTest}) again on the compiler. */
class CompiledGasMeteringTest extends GasMeteringTest {
    @Override
    protected EngineKind engine() { return EngineKind.COMPILER; }
}
