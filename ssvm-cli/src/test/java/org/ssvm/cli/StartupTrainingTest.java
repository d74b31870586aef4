package org.ssvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The launcher makes its JDK AOT cache from {@link StartupTraining}, and only when it exits 0: a step that
 * broke would silently cost every later start its cache.
 */
class StartupTrainingTest {
    @Test
    void everyStepSucceeds() {
        assertEquals(0, StartupTraining.run());
    }
}
