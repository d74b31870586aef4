package org.ssvm.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * JMH finds every benchmark (the annotation processor ran) and each runs through setup, a measurement and
 * teardown. In-process and one short iteration: this checks the wiring, it measures nothing.
 */
class BenchmarksRunTest {
    @Test
    void everyBenchmarkRunsOnEveryListedEngine() throws RunnerException, NoSuchFieldException {
        Options options = new OptionsBuilder()
                .include("org\\.ssvm\\.bench\\.jmh\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .shouldFailOnError(true)
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Set<String> names = new TreeSet<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            names.add(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
            assertTrue(r.getPrimaryResult().getScore() > 0, name);
        }
        assertEquals(new TreeSet<>(Set.of("BrTableBench.switchLoop", "CallBench.direct", "CallBench.host",
                "CallBench.indirect", "DispatchBench.i32Arithmetic", "FloatBench.f64Arithmetic",
                "MemoryBench.byteLoads", "MemoryBench.i32LoadStore", "MemoryBench.i64LoadStore")), names);
        assertEquals(names.size() * KernelsTest.engines().size(), results.size());
    }
}
