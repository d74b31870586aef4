package org.ssvm.runtime.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.ssvm.model.Opcode;
import org.ssvm.testing.SharedMaterial;

/**
 * Runs the straight-line {@code assert_return} cases of the spec's simd_*.wast scripts through
 * {@link SimdOps#execute} (see {@link SimdScriptRunner}). Memory and control-flow scripts are covered by
 * the hand-written tests and, later, by the full spec runner.
 */
class SpecSimdScriptTest {
    /** Opcodes that at least one spec assertion executed, across all scripts. */
    static final Set<Opcode> COVERED = EnumSet.noneOf(Opcode.class);

    static Path suiteDir() {
        return SharedMaterial.require("testsuite/wasm-2.0");
    }

    @TestFactory
    Stream<DynamicTest> simdScripts() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(suiteDir())) {
            scripts = files.filter(p -> p.getFileName().toString().matches("simd_.*\\.wast")).sorted().toList();
        }
        assertTrue(scripts.size() >= 50, "expected the simd_*.wast scripts, found " + scripts.size());
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            SimdScriptRunner r = new SimdScriptRunner();
            r.run(p.getFileName().toString(), Files.readString(p));
            COVERED.addAll(r.covered);
            if (!r.failures.isEmpty()) {
                fail(r.failures.size() + " failed of " + (r.passed + r.failures.size()) + ":\n"
                        + String.join("\n", r.failures));
            }
            System.out.println(p.getFileName() + ": " + r.passed + " passed, " + r.skipped + " skipped");
            // Guard against a harness that silently skips everything: only simd_select (which needs the
            // untyped select) is expected to have no straight-line case, and scripts without assertions pass.
            String name = p.getFileName().toString();
            assertTrue(r.passed > 0 || r.skipped == 0 || name.equals("simd_select.wast"),
                    name + ": every assertion was skipped");
        }));
    }

    @AfterAll
    static void report() {
        System.out.println("SIMD opcodes exercised by spec scripts: " + COVERED.size());
    }
}
