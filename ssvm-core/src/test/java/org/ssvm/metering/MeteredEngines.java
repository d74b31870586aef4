package org.ssvm.metering;

import java.util.Arrays;
import org.ssvm.EngineKind;

/**
 * The engines these tests run on: those that implement the {@link MeteringPlan} contract and are on this
 * module's test class path. The compiler is neither yet (it lives in ssvm-compiler, which depends on this
 * module); its gas is checked against the same figures by ssvm-cli's KernelGasTest once it is added there.
 */
final class MeteredEngines {
    private MeteredEngines() {}

    /** Names for {@code @EnumSource(names = ...)}. */
    static final String NAMES = "INTERPRETER";

    static boolean covers(EngineKind kind) {
        return Arrays.asList(NAMES.split(",")).contains(kind.name());
    }
}
