package org.ssvm.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ssvm.model.ValType.F64;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.model.ValType.I64;
import static org.ssvm.testing.Code.VOID;
import static org.ssvm.testing.Code.bt;
import static org.ssvm.testing.ModuleBuilder.t;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ssvm.EngineKind;
import org.ssvm.TrapException;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.model.Limits;
import org.ssvm.model.Opcode;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;

/** Compiler-specific behaviour: registration, huge functions, multi-value calls, deep recursion. */
class CompilerEngineTest {
    static WasmRuntime compiler;
    static WasmRuntime interpreter;

    @BeforeAll
    static void start() {
        compiler = WasmRuntime.builder().engine(EngineKind.COMPILER).threadStackSize(256L << 20).build();
        interpreter = WasmRuntime.builder().threadStackSize(256L << 20).build();
    }

    @AfterAll
    static void stop() {
        compiler.close();
        interpreter.close();
    }

    static WasmInstance both(ModuleBuilder b, WasmRuntime runtime) {
        return runtime.linker().instantiate(WasmModule.ofValidated(b.module));
    }

    @Test
    void engineKindCompilerIsFoundThroughServiceLoader() {
        assertInstanceOf(CompilerEngine.class, compiler.engine());
        ModuleBuilder b = new ModuleBuilder();
        b.func("f", t(), t(I32), Code.of().i32(5).end());
        assertInstanceOf(CompiledFunction.class, both(b, compiler).function("f").raw());
    }

    @Test
    void functionTooBigForOneJvmMethodStillRuns() {
        // 12000 x (x < y unsigned, then added): far more than 64 KiB of JVM code
        Code body = Code.of().i32(0);
        for (int i = 0; i < 12_000; i++) {
            body.get(0).get(1).op(Opcode.I32_LT_U).op(Opcode.I32_ADD);
        }
        ModuleBuilder b = new ModuleBuilder();
        int big = b.func("big", t(I32, I32), t(I32), body.end());
        b.func("callsBig", t(I32, I32), t(I32), Code.of().get(0).get(1).op(Opcode.CALL, big).i32(1)
                .op(Opcode.I32_ADD).end());
        WasmInstance inst = both(b, compiler);
        assertEquals(12_000, inst.function("big").call(1, 2)[0]);
        assertEquals(1, inst.function("callsBig").call(2, 1)[0]);
        ModuleCode code = ((CompilerEngine) compiler.engine()).code(b.module);
        assertEquals(1, code.fallbackCount());
    }

    @Test
    void functionWithMoreParametersThanAJvmMethodTakes() {
        ModuleBuilder b = new ModuleBuilder();
        org.ssvm.model.ValType[] params = new org.ssvm.model.ValType[200];
        java.util.Arrays.fill(params, I64);
        // sum of the first and last parameters
        int wide = b.func("wide", params, t(I64), Code.of().get(0).get(199).op(Opcode.I64_ADD).end());
        int wideType = b.type(params, I64);
        Code call = Code.of();
        Code indirect = Code.of();
        for (int i = 0; i < 200; i++) {
            call.i64(i);
            indirect.i64(2L * i);
        }
        b.func("direct", t(), t(I64), call.op(Opcode.CALL, wide).end());
        b.table("t", org.ssvm.model.ValType.FUNCREF, Limits.of(1, 1));
        b.activeElem(0, 0, wide);
        b.func("indirect", t(), t(I64), indirect.i32(0).op(Opcode.CALL_INDIRECT, wideType, 0).end());
        WasmInstance inst = both(b, compiler);
        assertEquals(199L, inst.function("direct").call()[0]);
        assertEquals(398L, inst.function("indirect").call()[0]);
        Object[] args = new Object[200];
        java.util.Arrays.fill(args, 5L);
        assertEquals(10L, inst.function("wide").call(args)[0]);
    }

    @Test
    void multiValueCallsBetweenCompiledFunctions() {
        ModuleBuilder b = new ModuleBuilder();
        // swap(a, b) = (b, a, a + b as f64)
        int swap = b.func("swap", t(I32, I64), t(I64, I32, F64), Code.of().get(1).get(0).get(0)
                .op(Opcode.F64_CONVERT_I32_S).get(1).op(Opcode.F64_CONVERT_I64_S).op(Opcode.F64_ADD).end());
        b.func("use", t(I32, I64), t(F64, I64, I32), Code.of().get(0).get(1).op(Opcode.CALL, swap)
                .op(Opcode.DROP).op(Opcode.LOCAL_SET, 0).op(Opcode.DROP).f64(0.5).get(1).get(0).end());
        for (WasmRuntime r : new WasmRuntime[] {compiler, interpreter}) {
            WasmInstance inst = both(b, r);
            assertArrayEquals(new Object[] {7L, 3, 10.0}, inst.function("swap").call(3, 7L));
            assertArrayEquals(new Object[] {0.5, 7L, 3}, inst.function("use").call(3, 7L));
        }
    }

    @Test
    void valuesUnderABranchAreDroppedAndLoopsCarryParameters() {
        ModuleBuilder b = new ModuleBuilder();
        int iToI = b.type(t(I32), I32);
        // loop with an i32 parameter: count down to 0 carrying the value on the stack, summing into local 1
        b.func("sum", t(I32), t(I32), t(I32), Code.of().get(0)
                .op(Opcode.LOOP, iToI)
                .op(Opcode.LOCAL_TEE, 0).get(1).op(Opcode.I32_ADD).set(1)
                .get(0).i32(1).op(Opcode.I32_SUB).op(Opcode.LOCAL_TEE, 0)
                .get(0).op(Opcode.BR_IF, 0)
                .op(Opcode.END).op(Opcode.DROP).get(1).end());
        // br_table out of nested blocks carrying an i64 over dropped f64s
        b.func("pick", t(I32), t(I64), Code.of()
                .op(Opcode.BLOCK, bt(I64)).op(Opcode.BLOCK, VOID).f64(1).f64(2).i64(40)
                .get(0).op(Opcode.BR_TABLE, 2, 1, 0, 1)
                .op(Opcode.END).i64(-1).op(Opcode.END).end());
        for (WasmRuntime r : new WasmRuntime[] {compiler, interpreter}) {
            WasmInstance inst = both(b, r);
            assertEquals(5050, inst.function("sum").call(100)[0]);
            assertEquals(40L, inst.function("pick").call(0)[0]);
            assertEquals(-1L, inst.function("pick").call(1)[0]);
            assertEquals(40L, inst.function("pick").call(2)[0]);
            assertEquals(40L, inst.function("pick").call(-1)[0]);
        }
    }

    @Test
    void deepRecursionAndExhaustion() {
        ModuleBuilder b = new ModuleBuilder();
        b.func("depth", t(I32), t(I32), Code.of().get(0).op(Opcode.I32_EQZ).op(Opcode.IF, bt(I32)).i32(0)
                .op(Opcode.ELSE).get(0).i32(1).op(Opcode.I32_SUB).op(Opcode.CALL, 0).i32(1).op(Opcode.I32_ADD)
                .op(Opcode.END).end());
        b.func("forever", t(I64), t(I64), Code.of().get(0).op(Opcode.CALL, 1).end());
        WasmInstance inst = both(b, compiler);
        assertEquals(100_000, inst.function("depth").call(100_000)[0]);
        for (int i = 0; i < 2; i++) {
            TrapException e = assertThrows(TrapException.class, () -> inst.function("forever").call(1L));
            assertEquals("call stack exhausted", e.getMessage());
            assertEquals(10, inst.function("depth").call(10)[0]);
        }
    }

    @Test
    void memoryGrowSeenAfterGrowAndAfterCalls() {
        ModuleBuilder b = new ModuleBuilder();
        b.memory("mem", Limits.of(1, 4));
        int grow = b.func("grow", t(), t(I32), Code.of().i32(1).op(Opcode.MEMORY_GROW, 0).end());
        // store at the start of page 1: only possible once grown (through a call)
        b.func("f", t(), t(I32), Code.of().op(Opcode.CALL, grow).op(Opcode.DROP)
                .i32(65536).i32(77).mem(Opcode.I32_STORE, 0)
                .i32(65536).mem(Opcode.I32_LOAD, 0).op(Opcode.MEMORY_SIZE, 0).op(Opcode.I32_ADD).end());
        WasmInstance inst = both(b, compiler);
        assertEquals(79, inst.function("f").call()[0]);
        // without growing first, page 1 is out of bounds
        ModuleBuilder c = new ModuleBuilder();
        c.memory("mem", Limits.of(1, 4));
        c.func("g", t(), t(), Code.of().i32(65536).i32(77).mem(Opcode.I32_STORE, 0).end());
        TrapException e = assertThrows(TrapException.class, () -> both(c, compiler).function("g").call());
        assertEquals("out of bounds memory access", e.getMessage());
    }
}
