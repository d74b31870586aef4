package org.ssvm.interpreter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ssvm.model.ValType.F32;
import static org.ssvm.model.ValType.F64;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.model.ValType.I64;
import static org.ssvm.testing.ModuleBuilder.t;

import org.junit.jupiter.api.Test;
import org.ssvm.TrapException;
import org.ssvm.WasmInstance;
import org.ssvm.model.Opcode;
import org.ssvm.model.ValType;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;
import org.ssvm.testing.WasmTestBase;

class NumericInstructionsTest extends WasmTestBase {

    /** Instantiates a module with one exported function "f" = op applied to its parameters. */
    private static WasmInstance unary(Opcode op, ValType param, ValType result) {
        ModuleBuilder b = new ModuleBuilder();
        b.func("f", t(param), t(result), Code.of().get(0).op(op).end());
        return instantiate(b);
    }

    private static WasmInstance binary(Opcode op, ValType param, ValType result) {
        ModuleBuilder b = new ModuleBuilder();
        b.func("f", t(param, param), t(result), Code.of().get(0).get(1).op(op).end());
        return instantiate(b);
    }

    private static Object call(WasmInstance i, Object... args) {
        return i.function("f").call(args)[0];
    }

    @Test
    void i32Arithmetic() {
        assertEquals(5, call(binary(Opcode.I32_ADD, I32, I32), 2, 3));
        assertEquals(Integer.MIN_VALUE, call(binary(Opcode.I32_ADD, I32, I32), Integer.MAX_VALUE, 1));
        assertEquals(-1, call(binary(Opcode.I32_SUB, I32, I32), 2, 3));
        assertEquals(1, call(binary(Opcode.I32_LT_U, I32, I32), 2, -1));
        assertEquals(0, call(binary(Opcode.I32_LT_S, I32, I32), 2, -1));
        assertEquals(0x7FFFFFFF, call(binary(Opcode.I32_SHR_U, I32, I32), -1, 33));
        assertEquals(0x80000000, call(binary(Opcode.I32_ROTR, I32, I32), 1, 1));
        assertEquals(32, call(unary(Opcode.I32_CLZ, I32, I32), 0));
        assertEquals(1, call(unary(Opcode.I32_EQZ, I32, I32), 0));
        assertEquals(-128, call(unary(Opcode.I32_EXTEND8_S, I32, I32), 0x80));
    }

    @Test
    void integerDivisionTraps() {
        WasmInstance divS = binary(Opcode.I32_DIV_S, I32, I32);
        assertEquals("integer divide by zero", assertThrows(TrapException.class, () -> call(divS, 1, 0)).getMessage());
        assertEquals("integer overflow",
                assertThrows(TrapException.class, () -> call(divS, Integer.MIN_VALUE, -1)).getMessage());
        assertEquals(-3, call(divS, -7, 2));
        assertEquals(0, call(binary(Opcode.I32_REM_S, I32, I32), Integer.MIN_VALUE, -1));
        assertEquals(0x7FFFFFFF, call(binary(Opcode.I32_DIV_U, I32, I32), -1, 2));
        WasmInstance divS64 = binary(Opcode.I64_DIV_S, I64, I64);
        assertThrows(TrapException.class, () -> call(divS64, Long.MIN_VALUE, -1L));
        assertEquals(0L, call(binary(Opcode.I64_REM_S, I64, I64), Long.MIN_VALUE, -1L));
        assertEquals(Long.MAX_VALUE, call(binary(Opcode.I64_DIV_U, I64, I64), -1L, 2L));
    }

    @Test
    void i64AndConversions() {
        assertEquals(0xFFFFFFFFL, call(unary(Opcode.I64_EXTEND_I32_U, I32, I64), -1));
        assertEquals(-1L, call(unary(Opcode.I64_EXTEND_I32_S, I32, I64), -1));
        assertEquals(0x89ABCDEF, call(unary(Opcode.I32_WRAP_I64, I64, I32), 0x1234567_89ABCDEFL));
        assertEquals(64L, call(unary(Opcode.I64_CTZ, I64, I64), 0L));
        assertEquals(1, call(binary(Opcode.I64_GT_U, I64, I32), -1L, 1L));
        assertEquals(0x1.000002p+63f, call(unary(Opcode.F32_CONVERT_I64_U, I64, F32), 0x8000008000000001L));
        assertEquals(0x1.fffffep+63f, call(unary(Opcode.F32_CONVERT_I64_U, I64, F32), 0xfffffe8000000001L));
        assertEquals(0x1.000002p+53f, call(unary(Opcode.F32_CONVERT_I64_U, I64, F32), 0x0020000020000001L));
        assertEquals(0x1.0000000000001p+63, call(unary(Opcode.F64_CONVERT_I64_U, I64, F64), 0x8000000000000401L));
        assertEquals(4294967295.0, call(unary(Opcode.F64_CONVERT_I32_U, I32, F64), -1));
    }

    @Test
    void truncation() {
        WasmInstance t = unary(Opcode.I32_TRUNC_F32_S, F32, I32);
        assertEquals(-2147483648, call(t, -2147483648f));
        assertEquals("integer overflow", assertThrows(TrapException.class, () -> call(t, 2147483648f)).getMessage());
        assertEquals("invalid conversion to integer",
                assertThrows(TrapException.class, () -> call(t, Float.NaN)).getMessage());
        WasmInstance u = unary(Opcode.I32_TRUNC_F64_U, F64, I32);
        assertEquals(-1, call(u, 4294967295.9));
        assertEquals(0, call(u, -0.9));
        assertThrows(TrapException.class, () -> call(u, -1.0));
        WasmInstance u64 = unary(Opcode.I64_TRUNC_F64_U, F64, I64);
        assertEquals(0xFFFFFFFFFFFFF800L, call(u64, 18446744073709549568.0));
        assertThrows(TrapException.class, () -> call(u64, 18446744073709551616.0));
        assertEquals(-1, call(unary(Opcode.I32_TRUNC_SAT_F32_U, F32, I32), 1e20f));
        assertEquals(0, call(unary(Opcode.I32_TRUNC_SAT_F32_U, F32, I32), -5f));
        assertEquals(0L, call(unary(Opcode.I64_TRUNC_SAT_F64_S, F64, I64), Double.NaN));
    }

    @Test
    void floatSemantics() {
        assertEquals(-0.0f, call(binary(Opcode.F32_MIN, F32, F32), 0.0f, -0.0f));
        assertEquals(0.0, call(binary(Opcode.F64_MAX, F64, F64), -0.0, 0.0));
        assertEquals(Float.NaN, call(binary(Opcode.F32_MAX, F32, F32), Float.NaN, 1f));
        assertEquals(2.0, call(unary(Opcode.F64_NEAREST, F64, F64), 2.5));
        assertEquals(-4.0f, call(unary(Opcode.F32_NEAREST, F32, F32), -3.5f));
        assertEquals(-0.0, call(unary(Opcode.F64_TRUNC, F64, F64), -0.7));
        assertEquals(-1.5f, call(binary(Opcode.F32_COPYSIGN, F32, F32), 1.5f, -0f));
        assertEquals(1.5, call(unary(Opcode.F64_ABS, F64, F64), -1.5));
        // neg flips only the sign bit, leaving a NaN payload alone
        ModuleBuilder b = new ModuleBuilder();
        b.func("f", t(I32), t(I32), Code.of().get(0).op(Opcode.F32_REINTERPRET_I32).op(Opcode.F32_NEG)
                .op(Opcode.I32_REINTERPRET_F32).end());
        assertEquals(0xFFA00001, call(instantiate(b), 0x7FA00001));
        assertEquals(1.5f, call(unary(Opcode.F32_DEMOTE_F64, F64, F32), 1.5));
        assertEquals(3.0, call(binary(Opcode.F64_ADD, F64, F64), 1.0, 2.0));
        assertEquals(1, call(binary(Opcode.F32_NE, F32, I32), Float.NaN, Float.NaN));
    }

    @Test
    void constants() {
        ModuleBuilder b = new ModuleBuilder();
        b.func("f", t(), t(I64, F32, F64, I32), Code.of().i64(Long.MIN_VALUE + 5).f32(-2.5f).f64(Math.PI)
                .i32(-7).end());
        assertArrayEquals(new Object[] {Long.MIN_VALUE + 5, -2.5f, Math.PI, -7}, instantiate(b).function("f").call());
    }
}
