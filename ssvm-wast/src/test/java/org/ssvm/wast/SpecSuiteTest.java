package org.ssvm.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.ssvm.EngineKind;
import org.ssvm.WasmRuntime;
import org.ssvm.testing.SharedMaterial;

/** The WebAssembly 2.0 spec suite: every assertion of every script must pass, none skipped. */
class SpecSuiteTest {
    @TestFactory
    Stream<DynamicTest> wasm20Interpreter() throws IOException {
        return scripts("testsuite/wasm-2.0", EngineKind.INTERPRETER);
    }

    /** Gas charges in every region must not change what any program does. */
    @TestFactory
    Stream<DynamicTest> wasm20InterpreterMetered() throws IOException {
        return scripts("testsuite/wasm-2.0", EngineKind.INTERPRETER, b -> b.metering(true));
    }

    /** Nor must interruption polls at function entries and loop headers. */
    @TestFactory
    Stream<DynamicTest> wasm20InterpreterInterruptible() throws IOException {
        return scripts("testsuite/wasm-2.0", EngineKind.INTERPRETER, b -> b.interruptible(true));
    }

    @TestFactory
    Stream<DynamicTest> wasm20Compiler() throws IOException {
        return scripts("testsuite/wasm-2.0", EngineKind.COMPILER);
    }

    /**
     * The compiler again, made to split every function into as many separate methods as it can: the path that
     * large functions take (HotSpot will not compile methods over 8000 bytes), exercised on every script.
     */
    @TestFactory
    Stream<DynamicTest> wasm20CompilerSplittingEveryFunction() throws IOException {
        return scripts("testsuite/wasm-2.0", EngineKind.COMPILER).map(test -> DynamicTest.dynamicTest(
                test.getDisplayName(), () -> {
                    System.setProperty("ssvm.compiler.splitAbove", "1");
                    System.setProperty("ssvm.compiler.minRegion", "1");
                    try {
                        test.getExecutable().execute();
                    } finally {
                        System.clearProperty("ssvm.compiler.splitAbove");
                        System.clearProperty("ssvm.compiler.minRegion");
                    }
                }));
    }

    static Stream<DynamicTest> scripts(String folder, EngineKind engine) throws IOException {
        return scripts(folder, engine, UnaryOperator.identity());
    }

    static Stream<DynamicTest> scripts(String folder, EngineKind engine, UnaryOperator<WasmRuntime.Builder> options)
            throws IOException {
        Path dir = SharedMaterial.require(folder);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        assertTrue(files.size() >= 100, "expected the full spec suite in " + dir + ", found " + files.size());
        WastRunner runner = new WastRunner(engine, options);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            FileResult r = runner.run(file);
            assertEquals(List.of(), r.failures(), r.failed() + " failures in " + file.getFileName());
            assertEquals(0, r.skipped(), "skipped assertions");
        }));
    }
}
