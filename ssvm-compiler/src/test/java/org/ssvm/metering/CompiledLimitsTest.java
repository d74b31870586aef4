package org.ssvm.metering;

import org.ssvm.EngineKind;

/** Runs the resource limit tests of ssvm-core ({@link LimitsTest}) again on the compiler. */
class CompiledLimitsTest extends LimitsTest {
    @Override
    protected EngineKind engine() { return EngineKind.COMPILER; }
}
