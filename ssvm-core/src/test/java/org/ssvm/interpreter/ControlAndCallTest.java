package org.ssvm.interpreter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ssvm.model.ValType.FUNCREF;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.model.ValType.I64;
import static org.ssvm.model.ValType.V128;
import static org.ssvm.testing.Code.VOID;
import static org.ssvm.testing.Code.bt;
import static org.ssvm.testing.ModuleBuilder.t;

import org.junit.jupiter.api.Test;
import org.ssvm.TrapException;
import org.ssvm.WasmFunction;
import org.ssvm.WasmInstance;
import org.ssvm.model.Limits;
import org.ssvm.model.Opcode;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;
import org.ssvm.testing.WasmTestBase;

class ControlAndCallTest extends WasmTestBase {

    @Test
    void loopSumsWithBrIf() {
        // sum = 0; do { sum += n; n--; } while (n != 0)
        ModuleBuilder b = new ModuleBuilder();
        b.func("sum", t(I32), t(I32), t(I32), Code.of()
                .op(Opcode.LOOP, VOID)
                .get(1).get(0).op(Opcode.I32_ADD).set(1)
                .get(0).i32(1).op(Opcode.I32_SUB).op(Opcode.LOCAL_TEE, 0)
                .op(Opcode.BR_IF, 0)
                .op(Opcode.END)
                .get(1).end());
        assertEquals(5050, instantiate(b).function("sum").call(100)[0]);
    }

    @Test
    void blockResultsAndBranchesThatDropValues() {
        ModuleBuilder b = new ModuleBuilder();
        // (block (result i32) (i32.const 1) (i32.const 2) (i32.const 3) (br 0 (local.get 0)))  -> drops 1 2 3
        b.func("f", t(I32), t(I32), Code.of()
                .op(Opcode.BLOCK, bt(I32))
                .i32(1).i32(2).i32(3).get(0).op(Opcode.BR, 0)
                .op(Opcode.END).end());
        // br_if keeping a value while dropping others, then fall through
        b.func("g", t(I32), t(I32), Code.of()
                .op(Opcode.BLOCK, bt(I32))
                .i32(7).i32(8).i32(10).get(0).op(Opcode.BR_IF, 0).op(Opcode.DROP).op(Opcode.DROP)
                .op(Opcode.END).end());
        WasmInstance inst = instantiate(b);
        assertEquals(42, inst.function("f").call(42)[0]);
        assertEquals(10, inst.function("g").call(1)[0]);
        assertEquals(7, inst.function("g").call(0)[0]);
    }

    @Test
    void ifElseWithParamsAndMultiValue() {
        ModuleBuilder b = new ModuleBuilder();
        int twoToTwo = b.type(t(I32, I32), I32, I32);
        // (if (param i32 i32) (result i32 i32) (cond) (then swap-ish: add,sub) (else mul,const))
        b.func("f", t(I32, I32, I32), t(I32, I32), t(I32), Code.of()
                .get(0).get(1).get(2)
                .op(Opcode.IF, twoToTwo)
                .set(3).get(3).op(Opcode.I32_ADD).get(3)
                .op(Opcode.ELSE)
                .op(Opcode.I32_MUL).i32(-1)
                .op(Opcode.END).end());
        WasmFunction f = instantiate(b).function("f");
        assertArrayEquals(new Object[] {7, 4}, f.call(3, 4, 1));
        assertArrayEquals(new Object[] {12, -1}, f.call(3, 4, 0));
    }

    @Test
    void brTableSelectsTargetsAndDefault() {
        ModuleBuilder b = new ModuleBuilder();
        b.func("f", t(I32), t(I32), Code.of()
                .op(Opcode.BLOCK, VOID).op(Opcode.BLOCK, VOID).op(Opcode.BLOCK, bt(I32))
                .i32(100).get(0).op(Opcode.BR_TABLE, 2, 0, 1, 2)
                .op(Opcode.END).i32(1).op(Opcode.I32_ADD).op(Opcode.RETURN)
                .op(Opcode.END).i32(20).op(Opcode.RETURN)
                .op(Opcode.END).i32(30).end());
        WasmFunction f = instantiate(b).function("f");
        assertEquals(101, f.call(0)[0]);
        assertEquals(20, f.call(1)[0]);
        assertEquals(30, f.call(2)[0]);
        assertEquals(30, f.call(-1)[0]);
    }

    @Test
    void unreachableCodeIsSkippedAndTraps() {
        ModuleBuilder b = new ModuleBuilder();
        b.func("f", t(I32), t(I32), Code.of()
                .get(0).op(Opcode.IF, VOID).op(Opcode.UNREACHABLE)
                .op(Opcode.BLOCK, VOID).op(Opcode.I32_ADD).op(Opcode.END).op(Opcode.END)
                .i32(5).op(Opcode.RETURN).op(Opcode.I64_ADD).end());
        WasmFunction f = instantiate(b).function("f");
        assertEquals(5, f.call(0)[0]);
        assertEquals("unreachable", assertThrows(TrapException.class, () -> f.call(1)).getMessage());
    }

    @Test
    void recursionAndSelect() {
        ModuleBuilder b = new ModuleBuilder();
        // fib(n) = n < 2 ? n : fib(n-1) + fib(n-2)
        b.func("fib", t(I64), t(I64), Code.of()
                .get(0).i64(2).op(Opcode.I64_LT_U)
                .op(Opcode.IF, bt(I64)).get(0)
                .op(Opcode.ELSE)
                .get(0).i64(1).op(Opcode.I64_SUB).op(Opcode.CALL, 0)
                .get(0).i64(2).op(Opcode.I64_SUB).op(Opcode.CALL, 0).op(Opcode.I64_ADD)
                .op(Opcode.END).end());
        b.func("max", t(I32, I32), t(I32), Code.of().get(0).get(1).get(0).get(1).op(Opcode.I32_GT_S)
                .op(Opcode.SELECT).end());
        WasmInstance inst = instantiate(b);
        assertEquals(6765L, inst.function("fib").call(20L)[0]);
        assertEquals(9, inst.function("max").call(9, -3)[0]);
        assertEquals(4, inst.function("max").call(2, 4)[0]);
    }

    @Test
    void callIndirectAndItsTraps() {
        ModuleBuilder b = new ModuleBuilder();
        int ty = b.type(t(), I32);
        int seven = b.func(null, t(), t(I32), Code.of().i32(7).end());
        int other = b.func(null, t(I32), t(I32), Code.of().get(0).end());
        b.table("t", FUNCREF, Limits.of(4));
        b.activeElem(0, 0, seven, other);
        b.func("call", t(I32), t(I32), Code.of().get(0).op(Opcode.CALL_INDIRECT, ty, 0).end());
        WasmFunction call = instantiate(b).function("call");
        assertEquals(7, call.call(0)[0]);
        assertEquals("indirect call type mismatch", assertThrows(TrapException.class, () -> call.call(1)).getMessage());
        assertEquals("uninitialized element 2", assertThrows(TrapException.class, () -> call.call(2)).getMessage());
        assertThrows(TrapException.class, () -> call.call(4), "undefined element");
        assertEquals(7, call.call(0)[0]);
    }

    @Test
    void stackExhaustionTrapsAndLeavesInstanceUsable() {
        ModuleBuilder b = new ModuleBuilder();
        b.func("loop", t(I32), t(I32), Code.of().get(0).i32(1).op(Opcode.I32_ADD).op(Opcode.CALL, 0).end());
        b.func("ok", t(), t(I32), Code.of().i32(3).end());
        WasmInstance inst = instantiate(b);
        for (int i = 0; i < 2; i++) {
            TrapException e = assertThrows(TrapException.class, () -> inst.function("loop").call(0));
            assertEquals("call stack exhausted", e.getMessage());
            assertEquals(3, inst.function("ok").call()[0]);
        }
    }

    @Test
    void referencesSurviveBranchesThatDropValues() {
        ModuleBuilder b = new ModuleBuilder();
        org.ssvm.model.ValType ext = org.ssvm.model.ValType.EXTERNREF;
        // (block (result externref) (i32.const 1) (local.get 0) (br 0)) then through br_table and return
        b.func("f", t(ext, I32), t(ext), Code.of()
                .op(Opcode.BLOCK, bt(ext)).i32(1).get(0).op(Opcode.BR, 0).op(Opcode.END)
                .op(Opcode.LOCAL_SET, 0).op(Opcode.BLOCK, bt(ext)).i32(5).get(0).get(1).op(Opcode.BR_TABLE, 0, 0)
                .op(Opcode.END)
                .i32(3).op(Opcode.DROP).op(Opcode.RETURN).end());
        Object token = new Object();
        assertEquals(token, instantiate(b).function("f").call(token, 0)[0]);
        assertEquals(null, instantiate(b).function("f").call(null, 7)[0]);
    }

    @Test
    void javaStackOverflowBecomesATrap() {
        ModuleBuilder b = new ModuleBuilder();
        b.func("loop", t(I32), t(I32), t(I64, I64, I64, I64), Code.of().get(0).i32(1).op(Opcode.I32_ADD)
                .op(Opcode.CALL, 0).end());
        b.func("ok", t(), t(I32), Code.of().i32(3).end());
        // a small thread stack and no depth limit to speak of: the JVM's StackOverflowError must be caught
        try (org.ssvm.WasmRuntime small = org.ssvm.WasmRuntime.builder().maxCallDepth(Integer.MAX_VALUE)
                .threadStackSize(1 << 20).build()) {
            WasmInstance inst = small.linker().instantiate(org.ssvm.WasmModule.ofValidated(b.module));
            for (int i = 0; i < 3; i++) {
                TrapException e = assertThrows(TrapException.class, () -> inst.function("loop").call(0));
                assertEquals("call stack exhausted", e.getMessage());
                assertEquals(3, inst.function("ok").call()[0]);
            }
        }
    }

    @Test
    void deepButFiniteRecursionWorksOnTheGuestThread() {
        ModuleBuilder b = new ModuleBuilder();
        // depth(n) = n == 0 ? 0 : 1 + depth(n - 1)
        b.func("depth", t(I32), t(I32), Code.of().get(0).op(Opcode.I32_EQZ).op(Opcode.IF, bt(I32)).i32(0)
                .op(Opcode.ELSE).get(0).i32(1).op(Opcode.I32_SUB).op(Opcode.CALL, 0).i32(1).op(Opcode.I32_ADD)
                .op(Opcode.END).end());
        assertEquals(19_000, instantiate(b).function("depth").call(19_000)[0]);
    }

    @Test
    void v128LocalsAndSelectMoveTwoSlots() {
        ModuleBuilder b = new ModuleBuilder();
        // v128 values only moved around (no SIMD arithmetic): via locals, select and block results
        b.func("f", t(V128, V128, I32), t(V128), t(V128), Code.of()
                .get(0).get(1).get(2).op(Opcode.SELECT)
                .op(Opcode.LOCAL_SET, 3)
                .op(Opcode.BLOCK, bt(V128)).i32(9).get(3).op(Opcode.BR, 0).op(Opcode.END).end());
        WasmFunction f = instantiate(b).function("f");
        org.ssvm.V128 x = new org.ssvm.V128(1, 2);
        org.ssvm.V128 y = new org.ssvm.V128(3, 4);
        assertEquals(x, f.call(x, y, 1)[0]);
        assertEquals(y, f.call(x, y, 0)[0]);
    }
}
