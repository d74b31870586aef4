package org.ssvm.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.ssvm.Linker;

/**
 * Common frame of the JMH benchmarks: each instantiates one small WAT module on the engine of {@link #engine}
 * and calls exports that loop {@link #N} times. Scores are in nanoseconds per loop iteration
 * ({@link OperationsPerInvocation}), so they compare across benchmarks and engines.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(GuestBench.N)
public abstract class GuestBench {
    /** Loop iterations per call of an export. */
    static final int N = 100_000;

    /** The engine, an {@code EngineKind} name; one not in this build or not on the class path fails the run. */
    @Param({"INTERPRETER", "COMPILER"})
    public String engine;

    private Guest guest;

    @Setup(Level.Trial)
    public void start() {
        guest = Guest.start(engine, wat(), this::imports);
        bind(guest);
    }

    @TearDown(Level.Trial)
    public void stop() {
        guest.close();
    }

    /** The module under test. */
    abstract String wat();

    /** Defines the module's imports; none by default. */
    void imports(Linker linker) {
    }

    /** Looks up the exports the benchmark methods call, and prepares the instance. */
    abstract void bind(Guest guest);
}
