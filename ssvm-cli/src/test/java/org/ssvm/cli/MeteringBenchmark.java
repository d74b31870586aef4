package org.ssvm.cli;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.ssvm.EngineKind;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.metering.Meter;
import org.ssvm.wasi.WasiConfig;
import org.ssvm.wasi.WasiPreview1;

/**
 * What metering and interruption polls cost an engine: runs one benchmark kernel several times in this
 * JVM under one configuration and prints the CPU time of each run's {@code _start} (instantiation excluded). Not a unit test (nothing is asserted about time);
 * run each configuration in its own JVM so that the JIT profiles of one do not leak into another:
 *
 * <pre>
 * ./mvnw -B -q -o -pl ssvm-cli -am test-compile
 * java -cp ssvm-core/target/classes:ssvm-wasi/target/classes:ssvm-cli/target/classes:ssvm-cli/target/test-classes \
 *     org.ssvm.cli.MeteringBenchmark CONFIG ../shared/bench/wasm/fib.wasm 30 [runs] [interpreter|compiler]
 * </pre>
 *
 * CONFIG is {@code plain} (the default: no metering, no interruption polls), {@code interruptible} (polls at
 * function entries and loop headers) or {@code metered} (gas charged per region with the default costs).
 * The output line is {@code ENGINE CONFIG KERNEL median-ms min-ms gas}, the median and minimum over the runs after
 * the first (warm-up) one. All runs share one runtime, so with the compiler they reuse the code compiled for the
 * first: the figures after it are steady state.
 *
 * <p>Measured on the shared 2-core machine (busy; the median of three JVMs per cell, JIT layout alone moves a
 * kernel by about 10%): on the interpreter, interruption polls cost 1.03x over plain as a geometric mean of the
 * ten kernels (worst sieve and bintree, about 1.2x, in very tight loops); metering 1.13x (worst fib 1.5x, nbody
 * 1.3x). The compiler's steady-state figures with metering (gas in locals) are in the compiler's README.
 */
public final class MeteringBenchmark {
    private MeteringBenchmark() {}

    /** Runs _start and answers the CPU time of the guest thread (less disturbed by a busy machine than wall time). */
    private static long run(WasmRuntime runtime, Meter meter, WasmModule module, WasiConfig wasiConfig) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (WasiPreview1 wasi = new WasiPreview1(wasiConfig)) {
            WasmInstance instance = WasiProgram.link(runtime, wasi).meter(meter).instantiate(module);
            return runtime.call(meter, () -> {
                long start = threads.getCurrentThreadCpuTime();
                WasiPreview1.runStart(instance.function("_start").raw());
                return threads.getCurrentThreadCpuTime() - start;
            });
        }
    }

    public static void main(String[] args) {
        String config = args[0];
        Path wasm = Path.of(args[1]);
        String arg = args[2];
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        EngineKind engine = args.length > 4 ? EngineKind.valueOf(args[4].toUpperCase(java.util.Locale.ROOT))
                : EngineKind.INTERPRETER;
        WasmModule module = WasmModule.fromPath(wasm);
        String name = wasm.getFileName().toString().replace(".wasm", "");
        long[] millis = new long[runs];
        long gas = 0;
        WasmRuntime.Builder b = WasmRuntime.builder().engine(engine);
        switch (config) {
            case "plain" -> b.interruptible(false);
            case "interruptible" -> b.interruptible(true);
            case "metered" -> b.metering(true);
            default -> throw new IllegalArgumentException("config: plain, interruptible or metered");
        }
        // one runtime for all runs: the compiler engine compiles the module once, so later runs are steady state
        WasmRuntime runtime = b.build();
        for (int i = 0; i < runs; i++) {
            Meter meter = new Meter();
            WasiConfig wasi = WasiConfig.builder().stdout(OutputStream.nullOutputStream())
                    .args(List.of(name, arg)).build();
            millis[i] = run(runtime, meter, module, wasi) / 1_000_000;
            gas = meter.gasUsed();
        }
        long[] warm = Arrays.copyOfRange(millis, 1, runs);
        Arrays.sort(warm);
        System.out.println(engine.name().toLowerCase(java.util.Locale.ROOT) + " " + config + " " + name + " " + warm[warm.length / 2] + " " + warm[0] + " " + gas);
    }
}
