package org.ssvm.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ssvm.EngineKind;
import org.ssvm.Linker;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.binary.ModuleDecoder;
import org.ssvm.binary.ModuleEncoder;
import org.ssvm.model.CustomSection;
import org.ssvm.model.Module;
import org.ssvm.testing.SharedMaterial;
import org.ssvm.validation.Validator;

/** Ahead-of-time sections: written, used without generating code, and ignored when stale or tampered with. */
class AotTest {
    private static final int DEPTH = org.ssvm.interpreter.InterpreterEngine.DEFAULT_MAX_CALL_DEPTH;

    private static Path kernel(String name) {
        return SharedMaterial.require("bench/wasm").resolve(name + ".wasm");
    }

    @ParameterizedTest
    @CsvSource({"fib,20", "sieve,1", "bintree,6", "lz,1", "sha256,1"})
    void aotFileRunsWithoutGeneratingCodeAndPrintsTheSame(String name, String arg) throws Exception {
        byte[] original = Files.readAllBytes(kernel(name));
        byte[] aot = AotCompiler.compile(original);
        // the original bytes come first, unchanged; the section is appended and decodes with our decoder
        assertArrayEquals(original, java.util.Arrays.copyOf(aot, original.length));
        Module decoded = ModuleDecoder.decode(aot);
        Validator.validate(decoded);
        assertEquals(AotCompiler.SECTION_NAME, decoded.customSections().getLast().name());

        Run plain = run(original, arg);
        Run stored = run(aot, arg);
        assertEquals(AotLoader.Status.NONE, plain.aot.status());
        assertEquals(AotLoader.Status.LOADED, stored.aot.status(), stored.aot.reason());
        assertEquals(0, stored.generations, "code was generated although the section is valid");
        assertTrue(plain.output.startsWith("exit 0\n") && plain.output.length() > 8, plain.output);
        assertEquals(plain.output, stored.output);
    }

    @Test
    void compilingIsDeterministicAndReplacesAnOlderSection() throws IOException {
        byte[] original = Files.readAllBytes(kernel("fib"));
        byte[] once = AotCompiler.compile(original);
        assertArrayEquals(once, AotCompiler.compile(original));
        assertArrayEquals(once, AotCompiler.compile(once));
    }

    @Test
    void tamperedClassBytesAreRejectedAndTheModuleCompiled() throws Exception {
        byte[] original = Files.readAllBytes(kernel("fib"));
        byte[] aot = AotCompiler.compile(original);
        // flip a byte near the end of the last class file: the module still matches the section
        byte[] tampered = aot.clone();
        tampered[tampered.length - 40] ^= 0x5A;
        assertFallsBack(original, tampered, "20");
    }

    @Test
    void editedClassWithAMatchingPayloadChecksumIsStillChecked() throws Exception {
        // a section author can recompute any checksum: the loader's own checks must hold (here the JVM's
        // verifier, or the class file API's in strict mode, refuses a class with a broken method)
        byte[] original = Files.readAllBytes(kernel("fib"));
        Module m = ModuleDecoder.decode(original);
        AotFormat.Image image = AotFormat.read(
                ModuleDecoder.decode(AotCompiler.compile(original)).customSections().getLast().data(), DEPTH,
                () -> AotKey.moduleHash(m));
        String name = image.classes().keySet().stream().filter(n -> n.endsWith("$0")).findFirst().orElseThrow();
        byte[] broken = java.lang.classfile.ClassFile.of(java.lang.classfile.ClassFile.StackMapsOption.DROP_STACK_MAPS).build(java.lang.constant.ClassDesc.of(name), clb ->
                clb.withMethodBody("x", java.lang.constant.MethodTypeDesc.ofDescriptor("()I"),
                        java.lang.classfile.ClassFile.ACC_STATIC | java.lang.classfile.ClassFile.ACC_PUBLIC, cb -> {
                            cb.lconst_0(); // a long returned as an int
                            cb.ireturn();
                        }));
        Map<String, byte[]> classes = new java.util.HashMap<>(image.classes());
        classes.put(name, broken);
        // without the class file API's check (it runs here only because tests are strict), the JVM refuses it
        ModulePlan plan = new ModulePlan(m, image.classPrefix(), org.ssvm.metering.MeteringConfig.DEFAULT, DEPTH);
        System.arraycopy(image.fallback(), 0, plan.fallback, 0, plan.fallback.length);
        org.junit.jupiter.api.Assertions.assertThrows(VerifyError.class, () -> ModuleCompiler.load(plan, classes));
        byte[] data = AotFormat.write(DEPTH, AotKey.moduleHash(m),
                new AotFormat.Image(image.classPrefix(), image.fallback(), classes));
        Run r = run(concat(original, WasmSections.custom(AotCompiler.SECTION_NAME, data)), "20");
        assertEquals(AotLoader.Status.REJECTED, r.aot.status());
        assertTrue(r.aot.reason().contains("VerifyError") || r.aot.reason().contains("fails verification"),
                r.aot.reason());
        assertEquals(run(original, "20").output, r.output);
    }

    @Test
    void alteredCodeIsAModuleMismatch() throws Exception {
        byte[] original = Files.readAllBytes(kernel("fib"));
        byte[] aot = AotCompiler.compile(original);
        // change the immediate of an i32.const in the code section: still valid, but not what was compiled
        Module m = ModuleDecoder.decode(original);
        int at = -1;
        for (var body : m.bodies()) {
            int start = indexOf(original, body.code());
            for (int i = start; i < start + body.code().length - 1 && at < 0; i++) {
                if (original[i] == 0x41 && original[i + 1] >= 2 && original[i + 1] < 0x3F) {
                    at = i + 1;
                }
            }
        }
        assertTrue(at > 0, "no i32.const found");
        byte[] altered = aot.clone();
        altered[at]++;
        byte[] alteredPlain = original.clone();
        alteredPlain[at]++;
        Run r = run(altered, "20");
        assertEquals(AotLoader.Status.REJECTED, r.aot.status());
        assertTrue(r.aot.reason().contains("module mismatch"), r.aot.reason());
        assertTrue(r.generations > 0);
        assertEquals(run(alteredPlain, "20").output, r.output);
    }

    @Test
    void wrongFormatVersionOrTruncationIsRejected() throws Exception {
        byte[] original = Files.readAllBytes(kernel("fib"));
        Module m = ModuleDecoder.decode(AotCompiler.compile(original));
        byte[] data = m.customSections().getLast().data();

        byte[] version = data.clone();
        version[7] = 99; // the format version's low byte
        Run r = run(concat(original, WasmSections.custom(AotCompiler.SECTION_NAME, version)), "20");
        assertEquals(AotLoader.Status.REJECTED, r.aot.status());
        assertTrue(r.aot.reason().contains("format version"), r.aot.reason());

        byte[] truncated = java.util.Arrays.copyOf(data, data.length / 2);
        r = run(concat(original, WasmSections.custom(AotCompiler.SECTION_NAME, truncated)), "20");
        assertEquals(AotLoader.Status.REJECTED, r.aot.status());
        assertTrue(r.aot.reason().contains("damaged"), r.aot.reason());
        assertEquals(run(original, "20").output, r.output);

        byte[] header = java.util.Arrays.copyOf(data, 20);
        r = run(concat(original, WasmSections.custom(AotCompiler.SECTION_NAME, header)), "20");
        assertEquals(AotLoader.Status.REJECTED, r.aot.status());
        assertTrue(r.aot.reason().contains("truncated"), r.aot.reason());

        r = run(concat(original, WasmSections.custom(AotCompiler.SECTION_NAME, new byte[] {1, 2})), "20");
        assertEquals(AotLoader.Status.REJECTED, r.aot.status());
    }

    @Test
    void otherSsvmVersionJdkOrOptionsAreRejected() throws Exception {
        byte[] original = Files.readAllBytes(kernel("fib"));
        Module m = ModuleDecoder.decode(original);
        AotFormat.Image image = AotFormat.read(
                ModuleDecoder.decode(AotCompiler.compile(original)).customSections().getLast().data(), DEPTH,
                () -> AotKey.moduleHash(m));
        byte[] hash = AotKey.moduleHash(m);
        String[][] headers = {
            {AotKey.ssvmVersion() + "x", String.valueOf(AotKey.jdkFeature()), AotKey.config(DEPTH), "SSVM"},
            {AotKey.ssvmVersion(), String.valueOf(AotKey.jdkFeature() - 1), AotKey.config(DEPTH), "JDK"},
            {AotKey.ssvmVersion(), String.valueOf(AotKey.jdkFeature()), AotKey.config(DEPTH) + ",gas=1", "options"}};
        for (String[] h : headers) {
            byte[] data = header(h[0], Integer.parseInt(h[1]), h[2], hash, image);
            Run r = run(concat(original, WasmSections.custom(AotCompiler.SECTION_NAME, data)), "20");
            assertEquals(AotLoader.Status.REJECTED, r.aot.status());
            assertTrue(r.aot.reason().contains(h[3]), r.aot.reason());
        }
        // the same writer with the right header is accepted: the cases above differ only in the field tested
        byte[] good = header(AotKey.ssvmVersion(), AotKey.jdkFeature(), AotKey.config(DEPTH), hash, image);
        assertEquals(AotLoader.Status.LOADED,
                run(concat(original, WasmSections.custom(AotCompiler.SECTION_NAME, good)), "20").aot.status());
    }

    @Test
    void classReachingBeyondTheRuntimeIsRejected() {
        assertTrue(AotLoader.allowed("org/ssvm/compiler/Rt", "org/ssvm/compiler/gen/Aot$"));
        assertTrue(AotLoader.allowed("[J", "org/ssvm/compiler/gen/Aot$"));
        assertTrue(AotLoader.allowed("org/ssvm/compiler/gen/Aot$0", "org/ssvm/compiler/gen/Aot$"));
        assertFalse(AotLoader.allowed("java/lang/Runtime", "org/ssvm/compiler/gen/Aot$"));
        assertFalse(AotLoader.allowed("[Ljava/lang/ProcessBuilder;", "org/ssvm/compiler/gen/Aot$"));
        assertFalse(AotLoader.allowed("org/ssvm/compiler/gen/Aot$0/x", "org/ssvm/compiler/gen/Aot$"));
    }

    /**
     * The loader's list of classes stored code may use must cover what the generator emits: every class
     * generated for the benchmark kernels and the WASI test modules passes it (a code generator change that
     * calls a new runtime class fails here, and the class must be added to the list).
     */
    @Test
    void generatedCodeStaysWithinTheAllowedClasses() throws IOException {
        java.util.List<Path> files = new java.util.ArrayList<>(BenchmarkModulesTest.wasmFiles());
        try (var s = Files.walk(SharedMaterial.require("wasi-testsuite"))) {
            s.filter(p -> p.toString().endsWith(".wasm")).sorted().forEach(files::add);
        }
        var cf = java.lang.classfile.ClassFile.of();
        int classes = 0;
        for (Path file : files) {
            Map<String, byte[]> generated = ModuleCompiler.generate(BenchmarkModulesTest.load(file));
            for (Map.Entry<String, byte[]> c : generated.entrySet()) {
                String own = c.getKey().substring(0, c.getKey().indexOf('$') + 1).replace('.', '/');
                java.util.List<String> refs = ClassRefs.of(c.getValue());
                assertEquals(null, AotLoader.disallowedReference(refs, own), file + " " + c.getKey());
                // our constant pool reader sees the class entries the class file API sees
                java.util.List<String> expected = new java.util.ArrayList<>();
                for (var e : cf.parse(c.getValue()).constantPool()) {
                    if (e instanceof java.lang.classfile.constantpool.ClassEntry ce) {
                        expected.add(ce.asInternalName());
                    }
                }
                assertEquals(expected, refs, file + " " + c.getKey());
                classes++;
            }
        }
        assertTrue(classes > 60, "checked only " + classes + " classes");
    }

    @Test
    void storedClassCallingRuntimeExecIsRejected() throws Exception {
        byte[] original = Files.readAllBytes(kernel("fib"));
        Module m = ModuleDecoder.decode(original);
        AotFormat.Image image = AotFormat.read(
                ModuleDecoder.decode(AotCompiler.compile(original)).customSections().getLast().data(), DEPTH,
                () -> AotKey.moduleHash(m));
        // a verifiable class of the expected name that calls Runtime.getRuntime()
        String name = image.classes().keySet().stream().filter(n -> n.endsWith("$0")).findFirst().orElseThrow();
        byte[] evil = java.lang.classfile.ClassFile.of().build(java.lang.constant.ClassDesc.of(name), clb ->
                clb.withMethodBody("x", java.lang.constant.MethodTypeDesc.ofDescriptor("()V"),
                        java.lang.classfile.ClassFile.ACC_STATIC | java.lang.classfile.ClassFile.ACC_PUBLIC, cb -> {
                            cb.invokestatic(java.lang.constant.ClassDesc.of("java.lang.Runtime"), "getRuntime",
                                    java.lang.constant.MethodTypeDesc.ofDescriptor("()Ljava/lang/Runtime;"));
                            cb.pop();
                            cb.return_();
                        }));
        Map<String, byte[]> classes = new java.util.HashMap<>(image.classes());
        classes.put(name, evil);
        byte[] data = AotFormat.write(DEPTH, AotKey.moduleHash(m),
                new AotFormat.Image(image.classPrefix(), image.fallback(), classes));
        Run r = run(concat(original, WasmSections.custom(AotCompiler.SECTION_NAME, data)), "20");
        assertEquals(AotLoader.Status.REJECTED, r.aot.status());
        assertTrue(r.aot.reason().contains("java/lang/Runtime"), r.aot.reason());
        assertEquals(run(original, "20").output, r.output);
    }

    @Test
    void wasmValidateAcceptsTheOutput() throws Exception {
        byte[] aot = AotCompiler.compile(Files.readAllBytes(kernel("lz")));
        Path file = Files.createTempFile("aot", ".wasm");
        try {
            Files.write(file, aot);
            Process p;
            try {
                p = new ProcessBuilder("wasm-validate", file.toString()).redirectErrorStream(true).start();
            } catch (IOException noTool) {
                return; // wabt not installed: our own decoder and validator checked the file above
            }
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
        } finally {
            Files.delete(file);
        }
    }

    private void assertFallsBack(byte[] original, byte[] tampered, String arg) throws Exception {
        Run r = run(tampered, arg);
        assertEquals(AotLoader.Status.REJECTED, r.aot.status());
        assertNotNull(r.aot.reason());
        assertTrue(r.generations > 0);
        assertEquals(run(original, arg).output, r.output);
    }

    private record Run(String output, AotLoader.Result aot, long generations) {
    }

    @Test
    void meteringEngineIgnoresTheSectionAndOtherCallDepthRejectsIt() throws Exception {
        byte[] original = Files.readAllBytes(kernel("fib"));
        byte[] aot = AotCompiler.compile(original);
        String expected = run(original, "20").output;
        Run metered = run(aot, "20", WasmRuntime.builder().engine(EngineKind.COMPILER).metering(true));
        assertEquals(AotLoader.Status.SKIPPED, metered.aot.status());
        assertTrue(metered.generations > 0);
        assertEquals(expected, metered.output);
        Run deeper = run(aot, "20", WasmRuntime.builder().engine(EngineKind.COMPILER).maxCallDepth(DEPTH + 1));
        assertEquals(AotLoader.Status.REJECTED, deeper.aot.status());
        assertTrue(deeper.aot.reason().contains("maxCallDepth"), deeper.aot.reason());
        assertEquals(expected, deeper.output);
    }

    private static Run run(byte[] wasm, String arg) throws Exception {
        return run(wasm, arg, WasmRuntime.builder().engine(EngineKind.COMPILER));
    }

    private static Run run(byte[] wasm, String arg, WasmRuntime.Builder builder) throws Exception {
        MiniWasi wasi = new MiniWasi("prog", arg);
        try (WasmRuntime runtime = builder.build()) {
            WasmModule module = WasmModule.fromBytes(wasm);
            Linker linker = runtime.linker();
            wasi.define(linker, module.model());
            long before = ModuleCompiler.generations();
            WasmInstance instance = linker.instantiate(module);
            int code = 0;
            try {
                instance.function("_start").call();
            } catch (MiniWasi.Exit e) {
                code = e.code;
            }
            long generated = ModuleCompiler.generations() - before;
            AotLoader.Result aot = ((CompilerEngine) runtime.engine()).aotResult(module.model());
            return new Run("exit " + code + "\n" + wasi.output(), aot, generated);
        }
    }

    private static byte[] header(String version, int jdk, String config, byte[] hash, AotFormat.Image image) {
        return AotFormat.write(version, jdk, config, hash, image);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
