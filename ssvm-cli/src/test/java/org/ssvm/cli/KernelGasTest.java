package org.ssvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ssvm.EngineKind;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.metering.Meter;
import org.ssvm.metering.Statistics;
import org.ssvm.testing.SharedMaterial;
import org.ssvm.wasi.WasiConfig;

/**
 * Gas used by every benchmark kernel of {@code shared/bench/wasm} at a small size, with the default cost
 * table (so gas equals instructions executed). The figures were recorded with the interpreter; every engine
 * must reproduce them exactly, because all engines charge by the same {@link org.ssvm.metering.MeteringPlan}.
 * The test runs once per engine of {@link #ENGINES}: adding an engine there is all it takes to check it.
 */
class KernelGasTest {
    /** Kernel, argument, and gas used by the whole run (instantiation and _start). */
    private static final Map<String, Object[]> EXPECTED = new LinkedHashMap<>();

    static {
        expect("hello", null, 873L);
        expect("fib", "20", 283_356L);
        expect("sieve", "1", 235_246_123L);
        expect("matmul", "30", 592_938L);
        expect("nbody", "1000", 1_539_794L);
        expect("sha256", "1", 151_481_802L);
        expect("fannkuch", "7", 3_803_616L);
        expect("mandelbrot", "50", 3_409_290L);
        expect("interp", "10000", 11_845_619L);
        expect("bintree", "8", 7_404_260L);
        expect("lz", "1", 156_703_513L);
    }

    private static void expect(String kernel, String arg, long gas) {
        EXPECTED.put(kernel, new Object[] {arg, gas});
    }

    /** The engines that implement the metering plan. */
    private static final List<EngineKind> ENGINES = List.of(EngineKind.INTERPRETER, EngineKind.COMPILER);

    static Stream<Arguments> cases() {
        return ENGINES.stream()
                .flatMap(k -> EXPECTED.keySet().stream().map(name -> Arguments.of(k, name)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gasMatchesTheRecordedFigure(EngineKind engine, String kernel) throws Exception {
        Path wasm = SharedMaterial.require("bench/wasm").resolve(kernel + ".wasm");
        String arg = (String) EXPECTED.get(kernel)[0];
        long expected = (long) EXPECTED.get(kernel)[1];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.builder().stdout(out)
                .args(arg == null ? List.of(kernel) : List.of(kernel, arg)).build();
        Meter meter = new Meter();
        int exit = WasiProgram.run(WasmRuntime.builder().engine(engine).metering(true), meter,
                WasmModule.fromPath(wasm), config, kernel);
        assertEquals(0, exit, kernel + " exit code");
        Statistics stats = meter.statistics();
        assertEquals(stats.gasUsed(), stats.instructions(), "default costs: gas = instructions");
        assertEquals(expected, stats.gasUsed(), kernel + " " + arg + " gas on " + engine);
    }
}
