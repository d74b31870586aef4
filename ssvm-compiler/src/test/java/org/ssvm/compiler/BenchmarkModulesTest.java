package org.ssvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ssvm.EngineKind;
import org.ssvm.Linker;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.binary.ModuleDecoder;
import org.ssvm.metering.CostTable;
import org.ssvm.metering.MeteringConfig;
import org.ssvm.model.Module;
import org.ssvm.testing.SharedMaterial;
import org.ssvm.validation.Validator;

/** Compiles the real modules of the benchmark suite and runs them in both engines. */
class BenchmarkModulesTest {
    static List<Path> wasmFiles() throws IOException {
        Path dir = SharedMaterial.require("bench/wasm");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
    }

    static Module load(Path file) throws IOException {
        Module m = ModuleDecoder.decode(Files.readAllBytes(file));
        Validator.validate(m);
        return m;
    }

    @Test
    void everyFunctionCompilesToVerifiableClasses() throws IOException {
        List<Path> files = wasmFiles();
        assertTrue(files.size() >= 10, "too few benchmark modules: " + files.size());
        int functions = 0;
        for (Path file : files) {
            Module m = load(file);
            Map<String, byte[]> classes = ModuleCompiler.generate(m);
            assertTrue(!classes.isEmpty());
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                var errors = ClassFile.of().verify(e.getValue());
                if (!errors.isEmpty()) {
                    fail(file.getFileName() + " " + e.getKey() + ": " + errors);
                }
            }
            ModuleCode code = ModuleCompiler.compile(m); // loads the classes: the JVM verifier accepts them
            assertEquals(0, code.fallbackCount(), file + " has functions left to the interpreter");
            functions += m.bodies().size();
        }
        assertTrue(functions > 100, "compiled only " + functions + " functions");
    }

    /**
     * HotSpot does not JIT-compile methods over 8000 bytes of bytecode: splitting must bring every method of the
     * kernels under it, with metering (which adds code to every region, and pushes malloc over) and without.
     */
    @Test
    void everyMethodStaysUnderTheJitLimit() throws IOException {
        MeteringConfig gas = new MeteringConfig(CostTable.DEFAULT, false);
        int methods = 0;
        for (Path file : wasmFiles()) {
            Module m = load(file);
            for (MeteringConfig metering : new MeteringConfig[] {MeteringConfig.DEFAULT, gas}) {
                for (byte[] bytes : ModuleCompiler.generate(m, metering).values()) {
                    for (var method : ClassFile.of().parse(bytes).methods()) {
                        int length = method.code().map(c -> ((java.lang.classfile.attribute.CodeAttribute) c)
                                .codeLength()).orElse(0);
                        assertTrue(length <= 8000, file.getFileName() + " " + method.methodName() + " ("
                                + (metering.metered() ? "metered" : "plain") + "): " + length + " bytes");
                        methods++;
                    }
                }
            }
        }
        assertTrue(methods > 200, "checked only " + methods + " methods");
    }

    @Test
    void everyWasiTestModuleCompilesAndLoads() throws IOException {
        Path dir = SharedMaterial.require("wasi-testsuite");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        assertTrue(files.size() > 50, "too few WASI test modules: " + files.size());
        int functions = 0;
        for (Path file : files) {
            Module m = load(file);
            // strict mode (set by the build): code that fails verification throws instead of falling back
            ModuleCode code = ModuleCompiler.compile(m);
            assertEquals(0, code.fallbackCount(), file + " has functions left to the interpreter");
            functions += m.bodies().size();
        }
        assertTrue(functions > 10_000, "compiled only " + functions + " functions");
    }

    @ParameterizedTest
    @CsvSource({"hello,''", "fib,20", "sieve,1", "matmul,30", "nbody,2000", "sha256,1", "fannkuch,7",
            "mandelbrot,80", "interp,20000", "bintree,6", "lz,1"})
    void kernelsPrintTheSameInBothEngines(String name, String arg) throws Exception {
        Path file = SharedMaterial.require("bench/wasm").resolve(name + ".wasm");
        String interpreted = run(EngineKind.INTERPRETER, file, arg);
        String compiled = run(EngineKind.COMPILER, file, arg);
        assertTrue(interpreted.startsWith("exit 0\n") && interpreted.length() > 8, interpreted);
        assertEquals(interpreted, compiled);
        // again with every block of every function compiled as a method of its own
        String split = SplitEverything.run(() -> run(EngineKind.COMPILER, file, arg));
        assertEquals(interpreted, split);
    }

    private static String run(EngineKind engine, Path file, String arg) throws IOException {
        MiniWasi wasi = arg.isEmpty() ? new MiniWasi(file.getFileName().toString())
                : new MiniWasi(file.getFileName().toString(), arg);
        try (WasmRuntime runtime = WasmRuntime.builder().engine(engine).build()) {
            WasmModule module = runtime.load(file);
            Linker linker = runtime.linker();
            wasi.define(linker, module.model());
            WasmInstance instance = linker.instantiate(module);
            int code = 0;
            try {
                instance.function("_start").call();
            } catch (MiniWasi.Exit e) {
                code = e.code;
            }
            return "exit " + code + "\n" + wasi.output();
        }
    }
}
