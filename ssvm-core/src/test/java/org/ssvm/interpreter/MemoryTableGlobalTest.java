package org.ssvm.interpreter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ssvm.model.ValType.EXTERNREF;
import static org.ssvm.model.ValType.F64;
import static org.ssvm.model.ValType.FUNCREF;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.model.ValType.I64;
import static org.ssvm.testing.ModuleBuilder.t;

import org.junit.jupiter.api.Test;
import org.ssvm.TrapException;
import org.ssvm.WasmFunction;
import org.ssvm.WasmInstance;
import org.ssvm.model.Expr;
import org.ssvm.model.Limits;
import org.ssvm.model.Opcode;
import org.ssvm.runtime.FunctionInstance;
import org.ssvm.runtime.Memory;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;
import org.ssvm.testing.WasmTestBase;

class MemoryTableGlobalTest extends WasmTestBase {

    @Test
    void loadsStoresAndBounds() {
        ModuleBuilder b = new ModuleBuilder();
        b.memory("mem", Limits.of(1, 3));
        b.func("store64", t(I32, I64), t(), Code.of().get(0).get(1).mem(Opcode.I64_STORE, 0).end());
        b.func("load8s", t(I32), t(I32), Code.of().get(0).mem(Opcode.I32_LOAD8_S, 0).end());
        b.func("load16u", t(I32), t(I64), Code.of().get(0).mem(Opcode.I64_LOAD16_U, 0).end());
        b.func("load32off", t(I32), t(I32), Code.of().get(0).mem(Opcode.I32_LOAD, 4).end());
        b.func("loadf64", t(I32), t(F64), Code.of().get(0).mem(Opcode.F64_LOAD, 0).end());
        WasmInstance inst = instantiate(b);
        inst.function("store64").call(8, 0x8899AABB_CCDDEEFFL);
        assertEquals((int) (byte) 0xFF, inst.function("load8s").call(8)[0]);
        assertEquals(0xEEFFL, inst.function("load16u").call(8)[0]);
        assertEquals(0x8899AABB, inst.function("load32off").call(8)[0]);
        Memory mem = inst.memory("mem");
        assertEquals(0xCCDDEEFF, mem.loadInt(8));
        assertEquals("out of bounds memory access",
                assertThrows(TrapException.class, () -> inst.function("load32off").call(65532)).getMessage());
        assertThrows(TrapException.class, () -> inst.function("load8s").call(-1));
        assertThrows(TrapException.class, () -> inst.function("store64").call(65529, 1L));
        inst.function("store64").call(65528, 1L);
        mem.storeLong(16, Double.doubleToRawLongBits(2.5));
        assertEquals(2.5, inst.function("loadf64").call(16)[0]);
    }

    @Test
    void growSizeAndBulkOperations() {
        ModuleBuilder b = new ModuleBuilder();
        b.memory("mem", Limits.of(1, 2));
        int seg = b.passiveData(new byte[] {1, 2, 3, 4});
        b.func("grow", t(I32), t(I32), Code.of().get(0).op(Opcode.MEMORY_GROW, 0).end());
        b.func("size", t(), t(I32), Code.of().op(Opcode.MEMORY_SIZE, 0).end());
        b.func("fill", t(I32, I32, I32), t(), Code.of().get(0).get(1).get(2).op(Opcode.MEMORY_FILL, 0).end());
        b.func("copy", t(I32, I32, I32), t(), Code.of().get(0).get(1).get(2).op(Opcode.MEMORY_COPY, 0, 0).end());
        b.func("init", t(I32, I32, I32), t(), Code.of().get(0).get(1).get(2).op(Opcode.MEMORY_INIT, seg, 0).end());
        b.func("drop", t(), t(), Code.of().op(Opcode.DATA_DROP, seg).end());
        b.func("last", t(), t(I32), Code.of().i32(131071).mem(Opcode.I32_LOAD8_U, 0).end());
        WasmInstance inst = instantiate(b);
        assertEquals(1, inst.function("size").call()[0]);
        assertThrows(TrapException.class, () -> inst.function("last").call());
        assertEquals(1, inst.function("grow").call(1)[0]);
        assertEquals(0, inst.function("last").call()[0]);
        assertEquals(-1, inst.function("grow").call(1)[0]);
        assertEquals(2, inst.function("size").call()[0]);
        inst.function("init").call(100, 1, 3);
        inst.function("copy").call(101, 100, 3);
        inst.function("fill").call(200, 0xAB, 2);
        Memory mem = inst.memory("mem");
        byte[] out = new byte[5];
        mem.read(100, out, 0, 5);
        assertArrayEquals(new byte[] {2, 2, 3, 4, 0}, out);
        assertEquals((byte) 0xAB, mem.loadByte(201));
        assertThrows(TrapException.class, () -> inst.function("fill").call(131070, 0, 3));
        assertThrows(TrapException.class, () -> inst.function("init").call(0, 2, 3));
        inst.function("drop").call();
        inst.function("init").call(0, 0, 0);
        assertThrows(TrapException.class, () -> inst.function("init").call(0, 0, 1));
    }

    @Test
    void tableInstructions() {
        ModuleBuilder b = new ModuleBuilder();
        int f1 = b.func("one", t(), t(I32), Code.of().i32(1).end());
        int f2 = b.func("two", t(), t(I32), Code.of().i32(2).end());
        b.table("t", FUNCREF, Limits.of(2, 10));
        int seg = b.passiveElem(f2, f1);
        b.func("get", t(I32), t(FUNCREF), Code.of().get(0).op(Opcode.TABLE_GET, 0).end());
        b.func("set", t(I32, FUNCREF), t(), Code.of().get(0).get(1).op(Opcode.TABLE_SET, 0).end());
        b.func("size", t(), t(I32), Code.of().op(Opcode.TABLE_SIZE, 0).end());
        b.func("grow", t(I32), t(I32), Code.of().op(Opcode.REF_FUNC, f1).get(0).op(Opcode.TABLE_GROW, 0).end());
        b.func("init", t(I32, I32, I32), t(), Code.of().get(0).get(1).get(2).op(Opcode.TABLE_INIT, seg, 0).end());
        b.func("copy", t(I32, I32, I32), t(), Code.of().get(0).get(1).get(2).op(Opcode.TABLE_COPY, 0, 0).end());
        b.func("fill", t(I32, I32), t(), Code.of().get(0).op(Opcode.REF_NULL, FUNCREF.code()).get(1)
                .op(Opcode.TABLE_FILL, 0).end());
        b.func("isnull", t(I32), t(I32), Code.of().get(0).op(Opcode.TABLE_GET, 0).op(Opcode.REF_IS_NULL).end());
        b.func("dropelem", t(), t(), Code.of().op(Opcode.ELEM_DROP, seg).end());
        WasmInstance inst = instantiate(b);
        assertEquals(1, inst.function("isnull").call(0)[0]);
        assertEquals(2, inst.function("grow").call(3)[0]);
        assertEquals(5, inst.function("size").call()[0]);
        assertSame(inst.function("one").raw(), inst.function("get").call(4)[0]);
        assertEquals(-1, inst.function("grow").call(6)[0]);
        inst.function("init").call(0, 0, 2);
        assertSame(inst.function("two").raw(), inst.function("get").call(0)[0]);
        inst.function("copy").call(1, 0, 2);
        assertSame(inst.function("one").raw(), inst.function("get").call(2)[0]);
        inst.function("fill").call(0, 2);
        assertNull(inst.function("get").call(1)[0]);
        inst.function("set").call(1, inst.function("two"));
        assertSame(inst.function("two").raw(), inst.function("get").call(1)[0]);
        assertEquals("out of bounds table access",
                assertThrows(TrapException.class, () -> inst.function("get").call(5)).getMessage());
        assertThrows(TrapException.class, () -> inst.function("copy").call(4, 0, 2));
        inst.function("dropelem").call();
        assertThrows(TrapException.class, () -> inst.function("init").call(0, 0, 1));
    }

    @Test
    void globals() {
        ModuleBuilder b = new ModuleBuilder();
        b.importGlobal("env", "base", new org.ssvm.model.GlobalType(I32, false));
        b.global("counter", I32, true, new Expr(new byte[] {0x23, 0, 0x0B})); // global.get 0
        b.global("ext", EXTERNREF, true, Expr.refNull(EXTERNREF));
        b.func("bump", t(), t(I32), Code.of().op(Opcode.GLOBAL_GET, 1).i32(1).op(Opcode.I32_ADD)
                .op(Opcode.GLOBAL_SET, 1).op(Opcode.GLOBAL_GET, 1).end());
        b.func("swap", t(EXTERNREF), t(EXTERNREF), Code.of().op(Opcode.GLOBAL_GET, 2).get(0)
                .op(Opcode.GLOBAL_SET, 2).end());
        org.ssvm.runtime.Global base = new org.ssvm.runtime.Global(new org.ssvm.model.GlobalType(I32, false));
        base.bits = 40;
        WasmInstance inst = instantiate(runtime.linker().global("env", "base", base), b);
        assertEquals(41, inst.function("bump").call()[0]);
        assertEquals(41, inst.getGlobal("counter"));
        inst.setGlobal("counter", 100);
        assertEquals(101, inst.function("bump").call()[0]);
        String token = "token";
        assertNull(inst.function("swap").call(token)[0]);
        assertSame(token, inst.function("swap").call("x")[0]);
        assertSame("x", inst.getGlobal("ext"));
    }

    @Test
    void hostFunctionsBoxedAndRaw() {
        ModuleBuilder b = new ModuleBuilder();
        int add = b.importFunc("env", "add", t(I32, I64), I64);
        int twice = b.importFunc("env", "twice", t(I32), I32, I32);
        b.memory("memory", Limits.of(1));
        b.func("run", t(I32), t(I64), Code.of().get(0).op(Opcode.CALL, twice).op(Opcode.I32_ADD)
                .i64(1000).op(Opcode.CALL, add).end());
        var linker = runtime.linker()
                .function("env", "add", new org.ssvm.model.FuncType(t(I32, I64), t(I64)),
                        args -> new Object[] {(Integer) args[0] + (Long) args[1]})
                .function("env", "twice", new org.ssvm.model.FuncType(t(I32), t(I32, I32)),
                        (caller, slots, refs, base) -> {
                            caller.memory(0).storeInt(0, (int) slots[base]);
                            slots[base + 1] = slots[base];
                        });
        WasmInstance inst = instantiate(linker, b);
        assertEquals(1014L, inst.function("run").call(7)[0]);
        assertEquals(7, inst.memory("memory").loadInt(0));
    }

    @Test
    void hostExceptionsPropagateAndReentryWorks() {
        ModuleBuilder b = new ModuleBuilder();
        int cb = b.importFunc("env", "cb", t(I32), I32);
        b.func("run", t(I32), t(I32), Code.of().get(0).op(Opcode.CALL, cb).end());
        b.func("inc", t(I32), t(I32), Code.of().get(0).i32(1).op(Opcode.I32_ADD).end());
        WasmFunction[] inc = new WasmFunction[1];
        var linker = runtime.linker().function("env", "cb", new org.ssvm.model.FuncType(t(I32), t(I32)), args -> {
            if ((int) args[0] < 0) {
                throw new IllegalStateException("negative");
            }
            return new Object[] {inc[0].call((int) args[0] * 2)[0]};
        });
        WasmInstance inst = instantiate(linker, b);
        inc[0] = inst.function("inc");
        assertEquals(11, inst.function("run").call(5)[0]);
        // a Java exception escaping a host function becomes a trap, with the exception as its cause
        TrapException trap = assertThrows(TrapException.class, () -> inst.function("run").call(-1));
        assertInstanceOf(IllegalStateException.class, trap.getCause());
        assertEquals(3, inst.function("run").call(1)[0]);
        FunctionInstance raw = inst.function("inc").raw();
        long[] slots = {41};
        raw.invoke(slots, new Object[1], 0);
        assertEquals(42, (int) slots[0]);
    }
}
