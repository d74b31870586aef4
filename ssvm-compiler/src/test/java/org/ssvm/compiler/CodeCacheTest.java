package org.ssvm.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.testing.ModuleBuilder.t;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssvm.EngineKind;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.metering.CostTable;
import org.ssvm.model.Opcode;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;

/** The code cache: a second engine reuses the first one's code; bad entries are compiled again and replaced. */
class CodeCacheTest {
    @TempDir
    Path dir;

    /** square(x) = x * x + k: a distinct module (and cache entry) per k. */
    private static WasmModule module(int k) {
        ModuleBuilder b = new ModuleBuilder();
        b.func("square", t(I32), t(I32), Code.of().get(0).get(0).op(Opcode.I32_MUL).i32(k).op(Opcode.I32_ADD).end());
        return WasmModule.ofValidated(b.module);
    }

    /** Calls square(7) on a fresh engine with the cache and answers how many modules that engine generated. */
    private long runOnce(WasmModule module, WasmRuntime.Builder config, int expected) {
        try (WasmRuntime runtime = config.build()) {
            long before = ModuleCompiler.generations();
            assertEquals(expected, runtime.linker().instantiate(module).function("square").call(7)[0]);
            return ModuleCompiler.generations() - before;
        }
    }

    private WasmRuntime.Builder cached() {
        return WasmRuntime.builder().engine(EngineKind.COMPILER).codeCache(dir);
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void secondEngineLoadsWhatTheFirstCompiled() throws IOException {
        WasmModule module = module(1);
        assertEquals(1, runOnce(module, cached(), 50), "first run compiles");
        assertEquals(1, entries().size(), entries().toString());
        assertTrue(entries().getFirst().getFileName().toString().endsWith(".ssvm-code"));
        assertEquals(0, runOnce(module, cached(), 50), "second run loads the cached classes");
        assertEquals(1, runOnce(module(2), cached(), 51), "another module has its own entry");
        assertEquals(2, entries().size());
    }

    @Test
    void damagedEntryIsCompiledAgainAndReplaced() throws IOException {
        WasmModule module = module(3);
        runOnce(module, cached(), 52);
        Path entry = entries().getFirst();
        byte[] good = Files.readAllBytes(entry);
        byte[] bad = good.clone();
        bad[bad.length - 10] ^= 0x55; // inside the classes: the checksum no longer matches
        Files.write(entry, bad);
        assertEquals(1, runOnce(module, cached(), 52), "a damaged entry is not trusted");
        assertArrayEquals(good, Files.readAllBytes(entry), "and is replaced by a good one");
        Files.write(entry, new byte[] {1, 2, 3});
        assertEquals(1, runOnce(module, cached(), 52), "nor is garbage");
        assertEquals(0, runOnce(module, cached(), 52));
    }

    /** prepare() loads a known module's code up front, in place of validating it again; others it validates. */
    @Test
    void prepareUsesTheEntryOfAKnownModuleAndValidatesOthers() {
        org.ssvm.model.Module model = module(8).model();
        try (WasmRuntime runtime = cached().build()) {
            assertEquals(false, runtime.engine().loadKnownCode(model), "nothing cached yet");
            assertEquals(57, runtime.linker().instantiate(runtime.prepare(model)).function("square").call(7)[0]);
        }
        try (WasmRuntime runtime = cached().build()) {
            assertEquals(true, runtime.engine().loadKnownCode(model), "the first runtime's entry");
            assertEquals(false, runtime.engine().loadKnownCode(model), "already loaded: not vouched for twice");
        }
        try (WasmRuntime runtime = cached().build()) {
            long before = ModuleCompiler.generations();
            WasmModule prepared = runtime.prepare(model);
            assertEquals(57, runtime.linker().instantiate(prepared).function("square").call(7)[0]);
            assertEquals(0, ModuleCompiler.generations() - before);
        }
        ModuleBuilder b = new ModuleBuilder();
        b.func("bad", t(), t(I32), Code.of().end()); // returns nothing although it must return an i32
        try (WasmRuntime runtime = cached().build()) {
            org.junit.jupiter.api.Assertions.assertThrows(org.ssvm.ValidationException.class,
                    () -> runtime.prepare(b.module));
        }
    }

    /** Entries are named by a CRC: what decides is the module's bytes kept inside, as two colliding names show. */
    @Test
    void anEntryUnderAnotherModulesNameIsNotUsed() throws IOException {
        WasmModule six = module(6);
        WasmModule seven = module(7);
        runOnce(six, cached(), 55);
        Path sixEntry = entries().getFirst();
        runOnce(seven, cached(), 56);
        Path sevenEntry = entries().stream().filter(p -> !p.equals(sixEntry)).findFirst().orElseThrow();
        Files.copy(sixEntry, sevenEntry, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(1, runOnce(seven, cached(), 56), "six's code under seven's name is compiled over");
        assertEquals(0, runOnce(seven, cached(), 56));
        assertEquals(0, runOnce(six, cached(), 55), "six's own entry is untouched");
    }

    @Test
    void meteredCodeHasEntriesPerOptionSet() throws IOException {
        WasmModule module = module(5);
        assertEquals(1, runOnce(module, cached(), 54), "plain");
        assertEquals(1, runOnce(module, cached().metering(true), 54), "metered: other code, compiled");
        assertEquals(2, entries().size(), entries().toString());
        assertEquals(0, runOnce(module, cached().metering(true), 54), "metered again: loaded");
        assertEquals(1, runOnce(module, cached().metering(true).gasLimit(1_000_000), 54),
                "under a gas limit every region compares: other code again");
        assertEquals(0, runOnce(module, cached().metering(true).gasLimit(1_000_000), 54));
        CostTable costly = CostTable.DEFAULT.with(Opcode.I32_MUL, 5);
        assertEquals(1, runOnce(module, cached().costTable(costly), 54), "another cost table, other code");
        assertEquals(0, runOnce(module, cached().costTable(costly), 54));
        assertEquals(0, runOnce(module, cached(), 54), "the plain entry is still there");
        assertEquals(4, entries().size(), entries().toString());
    }

    @Test
    void anUnusableDirectoryIsNoError() throws IOException {
        Path file = dir.resolve("not-a-directory");
        Files.writeString(file, "x");
        WasmRuntime.Builder unusable = WasmRuntime.builder().engine(EngineKind.COMPILER).codeCache(file);
        assertEquals(1, runOnce(module(4), unusable, 53));
        assertEquals(1, runOnce(module(4), unusable, 53), "compiles every time, without failing");
    }
}
