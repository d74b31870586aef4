package org.ssvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.testing.Code.VOID;
import static org.ssvm.testing.ModuleBuilder.t;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ssvm.EngineKind;
import org.ssvm.Linker;
import org.ssvm.TrapException;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.metering.CostTable;
import org.ssvm.metering.Statistics;
import org.ssvm.model.Limits;
import org.ssvm.model.Opcode;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;
import org.ssvm.testing.SharedMaterial;

/**
 * Gas and instruction counts are the same in the interpreter, the compiler and the compiler with every block
 * split into a method of its own: for the benchmark kernels (with a cost table that weighs instructions
 * unevenly, and counts per instruction kind), and for hostile code stopped by each limit, where the counts at
 * the trap must agree too.
 */
class MeteringAcrossEnginesTest {
    private static final CostTable UNEVEN = CostTable.parse(
            "default 3\ncall 17\ncall_indirect 19\nbr_if 5\nloop 2\nend 0\ni32.load 7\ni64.mul 4\nf64.div 9");

    @ParameterizedTest
    @CsvSource({"hello,''", "fib,15", "matmul,12", "nbody,200", "fannkuch,6", "mandelbrot,20", "interp,2000",
            "bintree,5"})
    void kernelsUseTheSameGasInEveryEngine(String name, String arg) throws Exception {
        Path file = SharedMaterial.require("bench/wasm").resolve(name + ".wasm");
        String interpreted = runKernel(EngineKind.INTERPRETER, file, arg);
        assertTrue(interpreted.startsWith("exit 0 "), interpreted);
        assertEquals(interpreted, runKernel(EngineKind.COMPILER, file, arg));
        assertEquals(interpreted, SplitEverything.run(() -> runKernel(EngineKind.COMPILER, file, arg)), "split");
    }

    /**
     * Under a gas limit every region compares with it (the compiler's code for calls without a limit compares only
     * at function entries and loop heads): the trap comes at the same region, with the same counts and output.
     */
    @ParameterizedTest
    @CsvSource({"fib,15,1000", "fib,15,12347", "lz,1,50021", "mandelbrot,20,70001", "bintree,5,33331"})
    void aGasLimitStopsKernelsAtTheSameRegionInEveryEngine(String name, String arg, long limit) throws Exception {
        Path file = SharedMaterial.require("bench/wasm").resolve(name + ".wasm");
        String interpreted = runKernelWithLimit(EngineKind.INTERPRETER, file, arg, limit);
        assertTrue(interpreted.startsWith("gas limit exceeded "), interpreted);
        assertEquals(interpreted, runKernelWithLimit(EngineKind.COMPILER, file, arg, limit));
    }

    private static String runKernelWithLimit(EngineKind engine, Path file, String arg, long limit) {
        MiniWasi wasi = new MiniWasi(file.getFileName().toString(), arg);
        try (WasmRuntime runtime = WasmRuntime.builder().engine(engine).costTable(UNEVEN).gasLimit(limit).build()) {
            WasmModule module = runtime.load(file);
            Linker linker = runtime.linker();
            wasi.define(linker, module.model());
            WasmInstance instance = linker.instantiate(module);
            TrapException e = assertThrows(TrapException.class, () -> instance.function("_start").call());
            Statistics s = instance.statistics();
            return e.getMessage() + " gas " + s.gasUsed() + " instructions " + s.instructions() + "\n" + wasi.output();
        }
    }

    private static String runKernel(EngineKind engine, Path file, String arg) {
        MiniWasi wasi = arg.isEmpty() ? new MiniWasi(file.getFileName().toString())
                : new MiniWasi(file.getFileName().toString(), arg);
        try (WasmRuntime runtime = WasmRuntime.builder().engine(engine).costTable(UNEVEN).opcodeCounts(true).build()) {
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
            Statistics s = instance.statistics();
            return "exit " + code + " gas " + s.gasUsed() + " instructions " + s.instructions() + "\n"
                    + "by kind " + instance.meter().opcodeCounts() + "\n" + wasi.output();
        }
    }

    /**
     * spin: endless loop; rec: endless recursion doing some work before each call; hog: grows memory until
     * refused, then traps out of bounds in a callee, mid-region; answer: 42.
     */
    private static WasmModule hostile() {
        ModuleBuilder b = new ModuleBuilder();
        b.memory("memory", Limits.of(1));
        b.func("spin", t(), t(), Code.of().op(Opcode.LOOP, VOID).op(Opcode.BR, 0).op(Opcode.END).end());
        b.func("rec", t(I32), t(I32), Code.of().get(0).i32(3).op(Opcode.I32_MUL).i32(1).op(Opcode.I32_ADD)
                .op(Opcode.CALL, 1).i32(1).op(Opcode.I32_ADD).end());
        // 2: loads far beyond any memory after a few instructions
        b.func("oob", t(), t(I32), Code.of().i32(1).i32(2).op(Opcode.I32_ADD).op(Opcode.DROP).i32(-4)
                .op(Opcode.I32_LOAD, 2, 0).end());
        b.func("hog", t(), t(I32), t(I32), Code.of().op(Opcode.LOOP, VOID)
                .get(0).i32(1).op(Opcode.I32_ADD).set(0)
                .i32(1).op(Opcode.MEMORY_GROW, 0).i32(-1).op(Opcode.I32_NE).op(Opcode.BR_IF, 0)
                .op(Opcode.END).op(Opcode.CALL, 2).end());
        b.func("answer", t(), t(I32), Code.of().i32(42).end());
        return WasmModule.ofValidated(b.module);
    }

    /** What each hostile call ends with, and gas and instructions after it; then a normal call. */
    private static String runHostile(EngineKind engine, UnaryOperator<WasmRuntime.Builder> options) {
        StringBuilder out = new StringBuilder();
        WasmRuntime.Builder builder = WasmRuntime.builder().engine(engine).costTable(UNEVEN)
                .maxCallDepth(300).memoryPageLimit(9);
        try (WasmRuntime runtime = options.apply(builder).build()) {
            WasmInstance inst = runtime.linker().instantiate(hostile());
            for (String name : new String[] {"rec", "hog", "spin"}) {
                Object[] args = name.equals("rec") ? new Object[] {0} : new Object[0];
                TrapException e = assertThrows(TrapException.class,
                        () -> inst.function(name).callWithGasLimit(
                                inst.meter().gasUsed() + 1_000_000, args));
                out.append(name).append(": ").append(e.getMessage()).append(", gas ")
                        .append(inst.statistics().gasUsed()).append(", instructions ")
                        .append(inst.statistics().instructions()).append('\n');
                assertEquals(42, inst.function("answer").call()[0], "usable after " + name);
            }
            out.append("pages ").append(inst.memory("memory").pages());
        }
        return out.toString();
    }

    @Test
    void hostileCodeStopsAtTheSameCountsInEveryEngine() throws Exception {
        String interpreted = runHostile(EngineKind.INTERPRETER, b -> b);
        assertTrue(interpreted.contains("rec: call stack exhausted"), interpreted);
        assertTrue(interpreted.contains("hog: out of bounds memory access"), interpreted);
        assertTrue(interpreted.contains("spin: gas limit exceeded"), interpreted);
        assertTrue(interpreted.endsWith("pages 9"), interpreted);
        assertEquals(interpreted, runHostile(EngineKind.COMPILER, b -> b));
        assertEquals(interpreted, SplitEverything.run(() -> runHostile(EngineKind.COMPILER, b -> b)), "split");
    }
}
