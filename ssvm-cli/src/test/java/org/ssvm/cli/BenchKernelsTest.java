package org.ssvm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.ssvm.EngineKind;
import org.ssvm.WasmModule;
import org.ssvm.testing.SharedMaterial;
import org.ssvm.wasi.WasiConfig;

/**
 * Runs every benchmark kernel of shared/bench through the {@code ssvm run} path at a small size and checks that
 * it prints exactly what the native x86-64 build prints for the same argument. The sizes keep each run well
 * under a second in the interpreter; the kernels' checksums still cover all of their code.
 */
class BenchKernelsTest {
    /** Kernel name and its size argument (null: the kernel takes none). */
    private record Kernel(String name, String size) {
    }

    private static final List<Kernel> KERNELS = List.of(
            new Kernel("hello", null),
            new Kernel("fib", "25"),
            new Kernel("sieve", "1"),
            new Kernel("matmul", "120"),
            new Kernel("nbody", "100000"),
            new Kernel("sha256", "2"),
            new Kernel("fannkuch", "8"),
            new Kernel("mandelbrot", "200"),
            new Kernel("interp", "300000"),
            new Kernel("bintree", "10"),
            new Kernel("lz", "1"));

    @TestFactory
    Stream<DynamicTest> kernelsPrintWhatNativePrints() {
        Path bench = SharedMaterial.require("bench");
        return Stream.of(EngineKind.values()).flatMap(engine -> KERNELS.stream().map(k -> DynamicTest.dynamicTest(
                engine + " " + k.name() + (k.size() == null ? "" : " " + k.size()), () -> compare(engine, bench, k))));
    }

    private static void compare(EngineKind engine, Path bench, Kernel kernel) throws Exception {
        Path wasm = bench.resolve("wasm").resolve(kernel.name() + ".wasm");
        Path nativeBinary = bench.resolve("native").resolve(kernel.name());
        assertTrue(Files.isRegularFile(wasm), "missing " + wasm);
        assertTrue(Files.isExecutable(nativeBinary), "missing or not executable: " + nativeBinary);
        byte[] expected = runNative(nativeBinary, kernel.size());

        List<String> args = new ArrayList<>(List.of(kernel.name()));
        if (kernel.size() != null) {
            args.add(kernel.size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.builder().args(args).stdout(out).stderr(err).build();
        int exit = WasiProgram.run(engine, WasmModule.fromPath(wasm), config, wasm.toString());

        assertEquals(0, exit, "exit code; stderr: " + err.toString(StandardCharsets.UTF_8));
        assertTrue(expected.length > 0, "the native build printed nothing");
        assertArrayEquals(expected, out.toByteArray(), () -> "stdout differs: native printed\n"
                + new String(expected, StandardCharsets.UTF_8)
                + "ssvm printed\n" + out.toString(StandardCharsets.UTF_8));
    }

    private static byte[] runNative(Path binary, String size) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        if (size != null) {
            command.add(size);
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "native " + binary + " did not finish");
        assertEquals(0, p.exitValue(), "native " + binary + " exit code");
        return out;
    }
}
