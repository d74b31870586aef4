package org.ssvm.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssvm.EngineKind;
import org.ssvm.testing.SharedMaterial;

/**
 * Runs the WebAssembly 2.0 spec scripts on the compiler and on the interpreter. The compiler must pass every
 * assertion the interpreter passes (the interpreter is the reference while both are young), and at least 99%
 * of all. Needs wabt's {@code wast2json} on the PATH.
 */
class SpecSuiteTest {
    @TempDir
    Path work;

    @Test
    void compilerPassesWhatTheInterpreterPasses() throws Exception {
        Path suite = SharedMaterial.require("testsuite/wasm-2.0");
        List<Path> scripts;
        try (Stream<Path> s = Files.list(suite)) {
            scripts = s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        assertTrue(scripts.size() > 100, "too few spec scripts: " + scripts.size());
        int compiledPassed = 0;
        int interpretedPassed = 0;
        List<String> regressions = new ArrayList<>();
        List<String> compilerFailures = new ArrayList<>();
        List<String> unconvertible = new ArrayList<>();
        int compiledModules = 0;
        for (Path script : scripts) {
            String name = script.getFileName().toString().replace(".wast", "");
            Path dir = Files.createDirectories(work.resolve(name));
            Path json = dir.resolve(name + ".json");
            if (!convert(script, json)) {
                unconvertible.add(name);
                continue;
            }
            compiledModules += compileEveryValidModule(dir);
            SpecRunner compiled = new SpecRunner(dir, EngineKind.COMPILER);
            compiled.run(json);
            SpecRunner interpreted = new SpecRunner(dir, EngineKind.INTERPRETER);
            interpreted.run(json);
            // and with every block of every function compiled as a method of its own
            SpecRunner split = new SpecRunner(dir, EngineKind.COMPILER);
            SplitEverything.run(() -> {
                split.run(json);
                return null;
            });
            compiled.failures.addAll(split.failures.stream().map(f -> f + " (split)").toList());
            compiledPassed += compiled.passed;
            interpretedPassed += interpreted.passed;
            compilerFailures.addAll(compiled.failures);
            // compare by script position: messages may differ when both fail (e.g. SIMD not yet merged)
            Set<String> reference = new LinkedHashSet<>();
            interpreted.failures.forEach(f -> reference.add(position(f)));
            for (String f : compiled.failures) {
                if (!reference.contains(position(f))) {
                    regressions.add(f);
                }
            }
        }
        System.out.printf("spec 2.0: compiler passed %d, failed %d; interpreter passed %d%n", compiledPassed,
                compilerFailures.size(), interpretedPassed);
        System.out.println("scripts wast2json cannot convert (skipped): " + unconvertible);
        assertTrue(unconvertible.size() <= 1, "too many scripts skipped: " + unconvertible);
        compilerFailures.stream().limit(40).forEach(f -> System.out.println("  compiler: " + f));
        if (!regressions.isEmpty()) {
            fail(regressions.size() + " assertions fail only in the compiler, e.g.:\n  "
                    + String.join("\n  ", regressions.subList(0, Math.min(30, regressions.size()))));
        }
        assertTrue(compiledModules > 1_000, "only " + compiledModules + " spec modules compiled");
        assertTrue(compiledPassed > 20_000, "only " + compiledPassed + " spec assertions passed");
    }

    /**
     * Compiles (strict mode: with verification) every valid module of a converted script, SIMD ones included,
     * whether or not an engine can run them yet.
     */
    private static int compileEveryValidModule(Path dir) throws IOException {
        int n = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path wasm : s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList()) {
                org.ssvm.model.Module m;
                try {
                    m = org.ssvm.binary.ModuleDecoder.decode(Files.readAllBytes(wasm));
                    org.ssvm.validation.Validator.validate(m);
                } catch (org.ssvm.WasmException invalidOrMalformed) {
                    continue;
                }
                ModuleCode code = ModuleCompiler.compile(m);
                if (code.fallbackCount() != 0) {
                    fail(wasm + " has functions left to the interpreter");
                }
                n++;
            }
        }
        return n;
    }

    private static String position(String failure) {
        return failure.substring(0, failure.indexOf(' '));
    }

    /** Converts a script with wast2json; false when this wabt version cannot parse it. */
    private static boolean convert(Path script, Path json) throws IOException, InterruptedException {
        if (wast2json(script, json)) {
            return true;
        }
        // this wabt wants an explicit table index (the scripts may leave out index 0) and does not parse an
        // atypical folded condition; rewrite both into equivalent forms it knows
        String text = Files.readString(script);
        String patched = IMPLICIT_TABLE.matcher(text).replaceAll("$1 0")
                .replace("(if (i32.const 1) (i32.eqz) (then) (else))", "(if (i32.eqz (i32.const 1)) (then) (else))");
        if (patched.equals(text)) {
            return false;
        }
        Path copy = json.resolveSibling(script.getFileName());
        Files.writeString(copy, patched);
        return wast2json(copy, json);
    }

    private static final java.util.regex.Pattern IMPLICIT_TABLE = java.util.regex.Pattern.compile(
            "(?m)(?<=[(\\s])(table\\.(?:get|set|grow|fill|size))(?=\\s*[()]|\\s*$)");

    private static boolean wast2json(Path script, Path json) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("wast2json", script.toString(), "-o", json.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("this test needs wabt's wast2json on the PATH (apt-get install wabt)", e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        return p.waitFor() == 0;
    }
}
