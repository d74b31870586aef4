package org.ssvm.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.testing.ModuleBuilder.t;

import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;
import org.ssvm.WasmInstance;
import org.ssvm.model.Opcode;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;
import org.ssvm.testing.WasmTestBase;

/** The pre-decoder fuses common sequences; each fused form must behave like the instructions it replaces. */
class FusionTest extends WasmTestBase {
    private static final int[] VALUES = {0, 1, -1, 2, 7, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x8000_0001};

    private static void checkCompare(Opcode cmp, IntBinaryOperator expected) {
        ModuleBuilder b = new ModuleBuilder();
        // br_if fused with the comparison
        b.func("br", t(I32, I32), t(I32), Code.of().op(Opcode.BLOCK, Code.bt(I32)).i32(1).get(0).get(1).op(cmp)
                .op(Opcode.BR_IF, 0).op(Opcode.DROP).i32(0).op(Opcode.END).end());
        // if fused with the negated comparison
        b.func("if", t(I32, I32), t(I32), Code.of().get(0).get(1).op(cmp).op(Opcode.IF, Code.bt(I32)).i32(1)
                .op(Opcode.ELSE).i32(0).op(Opcode.END).end());
        // comparisons with a constant operand (local.tee keeps the constant from fusing with local.get)
        for (int k = 0; k < VALUES.length; k++) {
            b.func("brc" + k, t(I32, I32), t(I32), Code.of().op(Opcode.BLOCK, Code.bt(I32)).i32(1).get(0)
                    .op(Opcode.LOCAL_TEE, 0).i32(VALUES[k]).op(cmp).op(Opcode.BR_IF, 0).op(Opcode.DROP).i32(0)
                    .op(Opcode.END).end());
            b.func("ifc" + k, t(I32, I32), t(I32), Code.of().get(0).op(Opcode.LOCAL_TEE, 0).i32(VALUES[k]).op(cmp)
                    .op(Opcode.IF, Code.bt(I32)).i32(1).op(Opcode.ELSE).i32(0).op(Opcode.END).end());
        }
        WasmInstance inst = instantiate(b);
        for (int x : VALUES) {
            for (int k = 0; k < VALUES.length; k++) {
                int y = VALUES[k];
                int want = expected.applyAsInt(x, y);
                assertEquals(want, inst.function("br").call(x, y)[0], cmp + " br_if " + x + " " + y);
                assertEquals(want, inst.function("if").call(x, y)[0], cmp + " if " + x + " " + y);
                assertEquals(want, inst.function("brc" + k).call(x, 0)[0], cmp + " br_if const " + x + " " + y);
                assertEquals(want, inst.function("ifc" + k).call(x, 0)[0], cmp + " if const " + x + " " + y);
            }
        }
    }

    private static int b(boolean v) { return v ? 1 : 0; }

    @Test
    void comparisonsFusedWithBranches() {
        checkCompare(Opcode.I32_EQ, (x, y) -> b(x == y));
        checkCompare(Opcode.I32_NE, (x, y) -> b(x != y));
        checkCompare(Opcode.I32_LT_S, (x, y) -> b(x < y));
        checkCompare(Opcode.I32_LT_U, (x, y) -> b(Integer.compareUnsigned(x, y) < 0));
        checkCompare(Opcode.I32_GT_S, (x, y) -> b(x > y));
        checkCompare(Opcode.I32_GT_U, (x, y) -> b(Integer.compareUnsigned(x, y) > 0));
        checkCompare(Opcode.I32_LE_S, (x, y) -> b(x <= y));
        checkCompare(Opcode.I32_LE_U, (x, y) -> b(Integer.compareUnsigned(x, y) <= 0));
        checkCompare(Opcode.I32_GE_S, (x, y) -> b(x >= y));
        checkCompare(Opcode.I32_GE_U, (x, y) -> b(Integer.compareUnsigned(x, y) >= 0));
    }

    @Test
    void eqzFusedWithBranches() {
        ModuleBuilder b = new ModuleBuilder();
        b.func("br", t(I32), t(I32), Code.of().op(Opcode.BLOCK, Code.bt(I32)).i32(1).get(0).op(Opcode.I32_EQZ)
                .op(Opcode.BR_IF, 0).op(Opcode.DROP).i32(0).op(Opcode.END).end());
        b.func("if", t(I32), t(I32), Code.of().get(0).op(Opcode.I32_EQZ).op(Opcode.IF, Code.bt(I32)).i32(1)
                .op(Opcode.ELSE).i32(0).op(Opcode.END).end());
        WasmInstance inst = instantiate(b);
        for (int x : VALUES) {
            assertEquals(b(x == 0), inst.function("br").call(x)[0]);
            assertEquals(b(x == 0), inst.function("if").call(x)[0]);
        }
    }

    @Test
    void constantAndLocalFusions() {
        ModuleBuilder b = new ModuleBuilder();
        b.memory(null, org.ssvm.model.Limits.of(1));
        b.func("f", t(I32, I32), t(I32), Code.of()
                .get(0).i32(5).op(Opcode.I32_ADD)              // local + const
                .get(1).op(Opcode.I32_ADD)                      // plain add
                .i32(0xFF).op(Opcode.I32_AND)                   // and const
                .get(0).get(1).op(Opcode.I32_SUB).op(Opcode.I32_ADD) // two locals
                .get(0).i32(3).op(Opcode.I32_MUL).op(Opcode.I32_ADD) // local, const, then another op
                .i32(5).op(Opcode.I32_ROTL).i32(0x5A5A).op(Opcode.I32_XOR).i32(0x100).op(Opcode.I32_OR)
                .get(1).get(0).op(Opcode.I32_ADD).op(Opcode.I32_XOR) // sum of two locals
                .end());
        b.func("load", t(I32), t(I32), Code.of().i32(8).i32(0x01020304).mem(Opcode.I32_STORE, 0)
                .get(0).mem(Opcode.I32_LOAD, 4).end());
        // a loop label right after a local.get must prevent fusing across it
        int loopType = b.type(t(I32), I32);
        b.func("label", t(I32), t(I32), t(I32), Code.of().get(0)
                .op(Opcode.LOOP, loopType).i32(1).op(Opcode.I32_ADD)
                .get(1).i32(1).op(Opcode.I32_ADD).op(Opcode.LOCAL_TEE, 1).i32(3).op(Opcode.I32_LT_S)
                .op(Opcode.BR_IF, 0).op(Opcode.END).end());
        WasmInstance inst = instantiate(b);
        for (int x : VALUES) {
            for (int y : VALUES) {
                int want = (Integer.rotateLeft((((x + 5) + y) & 0xFF) + (x - y) + x * 3, 5) ^ 0x5A5A | 0x100) ^ (y + x);
                assertEquals(want, inst.function("f").call(x, y)[0]);
            }
        }
        assertEquals(0x01020304, inst.function("load").call(4)[0]);
        assertEquals(13, inst.function("label").call(10)[0]);
    }

    @Test
    void localSetAndShiftFusions() {
        ModuleBuilder b = new ModuleBuilder();
        b.memory(null, org.ssvm.model.Limits.of(1));
        // locals: 0 x, 1 y, 2 a, 3 b, 4 c, 5 d
        b.func("f", t(I32, I32), t(I32), t(I32, I32, I32, I32), Code.of()
                .get(0).set(2)                                    // local copy
                .i32(-9).set(3)                                   // constant into local
                .get(1).i32(4).op(Opcode.I32_ADD).set(4)          // local + const into local
                .get(2).get(3).op(Opcode.I32_ADD).set(5)          // add into local
                .get(5).i32(3).op(Opcode.I32_SHL)
                .get(4).i32(1).op(Opcode.I32_SHR_U).op(Opcode.I32_XOR)
                .get(0).i32(2).op(Opcode.I32_SHR_S).op(Opcode.I32_XOR)
                .i32(7).op(Opcode.I32_SUB)
                .end());
        b.func("mem", t(I32, I32), t(I32), Code.of()
                .get(0).get(1).mem(Opcode.I32_STORE, 4)
                .get(0).mem(Opcode.I32_LOAD8_U, 5).end());
        b.func("wide", t(I32, org.ssvm.model.ValType.I64), t(org.ssvm.model.ValType.F64), Code.of()
                .get(0).get(1).mem(Opcode.I64_STORE, 8)
                .get(0).mem(Opcode.F64_LOAD, 8).end());
        WasmInstance inst = instantiate(b);
        for (int x : VALUES) {
            for (int y : VALUES) {
                int a = x;
                int bb = -9;
                int c = y + 4;
                int d = a + bb;
                int want = ((d << 3) ^ (c >>> 1) ^ (x >> 2)) - 7;
                assertEquals(want, inst.function("f").call(x, y)[0]);
                assertEquals((y >>> 8) & 0xFF, inst.function("mem").call(16, y)[0]);
                assertEquals(Double.longBitsToDouble(x * 31L + y), inst.function("wide").call(24, x * 31L + y)[0]);
            }
        }
    }

    private static final long[] LONGS = {0, 1, -1, 5, Long.MIN_VALUE, Long.MAX_VALUE, 0x1_0000_0000L};

    private static void checkCompare64(Opcode cmp, java.util.function.LongBinaryOperator expected) {
        ModuleBuilder b = new ModuleBuilder();
        b.func("br", t(org.ssvm.model.ValType.I64, org.ssvm.model.ValType.I64), t(I32), Code.of()
                .op(Opcode.BLOCK, Code.bt(I32)).i32(1).get(0).get(1).op(cmp)
                .op(Opcode.BR_IF, 0).op(Opcode.DROP).i32(0).op(Opcode.END).end());
        b.func("if", t(org.ssvm.model.ValType.I64, org.ssvm.model.ValType.I64), t(I32), Code.of()
                .get(0).get(1).op(cmp).op(Opcode.IF, Code.bt(I32)).i32(1)
                .op(Opcode.ELSE).i32(0).op(Opcode.END).end());
        WasmInstance inst = instantiate(b);
        for (long x : LONGS) {
            for (long y : LONGS) {
                long want = expected.applyAsLong(x, y);
                assertEquals((int) want, inst.function("br").call(x, y)[0], cmp + " br_if " + x + " " + y);
                assertEquals((int) want, inst.function("if").call(x, y)[0], cmp + " if " + x + " " + y);
            }
        }
    }

    /** The i64 comparisons and what each answers, for the fused compare-and-branch tests. */
    private static final java.util.Map<Opcode, java.util.function.LongBinaryOperator> I64_COMPARISONS =
            new java.util.LinkedHashMap<>();

    static {
        I64_COMPARISONS.put(Opcode.I64_EQ, (x, y) -> b(x == y));
        I64_COMPARISONS.put(Opcode.I64_NE, (x, y) -> b(x != y));
        I64_COMPARISONS.put(Opcode.I64_LT_S, (x, y) -> b(x < y));
        I64_COMPARISONS.put(Opcode.I64_LT_U, (x, y) -> b(Long.compareUnsigned(x, y) < 0));
        I64_COMPARISONS.put(Opcode.I64_GT_S, (x, y) -> b(x > y));
        I64_COMPARISONS.put(Opcode.I64_GT_U, (x, y) -> b(Long.compareUnsigned(x, y) > 0));
        I64_COMPARISONS.put(Opcode.I64_LE_S, (x, y) -> b(x <= y));
        I64_COMPARISONS.put(Opcode.I64_LE_U, (x, y) -> b(Long.compareUnsigned(x, y) <= 0));
        I64_COMPARISONS.put(Opcode.I64_GE_S, (x, y) -> b(x >= y));
        I64_COMPARISONS.put(Opcode.I64_GE_U, (x, y) -> b(Long.compareUnsigned(x, y) >= 0));
    }

    @Test
    void i64ComparisonsBeforeBranches() {
        I64_COMPARISONS.forEach(FusionTest::checkCompare64);
        ModuleBuilder b = new ModuleBuilder();
        b.func("br", t(org.ssvm.model.ValType.I64), t(I32), Code.of().op(Opcode.BLOCK, Code.bt(I32)).i32(1).get(0)
                .op(Opcode.I64_EQZ).op(Opcode.BR_IF, 0).op(Opcode.DROP).i32(0).op(Opcode.END).end());
        b.func("if", t(org.ssvm.model.ValType.I64), t(I32), Code.of().get(0).op(Opcode.I64_EQZ)
                .op(Opcode.IF, Code.bt(I32)).i32(1).op(Opcode.ELSE).i32(0).op(Opcode.END).end());
        WasmInstance inst = instantiate(b);
        for (long x : LONGS) {
            assertEquals(b(x == 0), inst.function("br").call(x)[0]);
            assertEquals(b(x == 0), inst.function("if").call(x)[0]);
        }
    }

    @Test
    void instructionAfterAFusedBranchNeverRewritesTheBranchTarget() {
        // Move a loop across many code positions so that its start value collides with every op number; the
        // i32.add right after the fused br_if must not be fused into the branch's target slot.
        ModuleBuilder b = new ModuleBuilder();
        int twoToOne = b.type(t(I32, I32), I32);
        for (int pad = 0; pad < 120; pad++) {
            Code code = Code.of();
            for (int i = 0; i < pad; i++) {
                code.i32(0).op(Opcode.DROP);
            }
            // (loop (param i32 i32) (result i32) ... (br_if 0 (i32.ne (local.tee 0 (n - 1)) (i32.const 0))) i32.add)
            code.i32(2).i32(3)
                    .op(Opcode.LOOP, twoToOne)
                    .get(0).i32(1).op(Opcode.I32_SUB).op(Opcode.LOCAL_TEE, 0).i32(0).op(Opcode.I32_NE)
                    .op(Opcode.BR_IF, 0)
                    .op(Opcode.I32_ADD)
                    .op(Opcode.END);
            b.func("f" + pad, t(I32), t(I32), code.end());
        }
        WasmInstance inst = instantiate(b);
        for (int pad = 0; pad < 120; pad++) {
            assertEquals(5, inst.function("f" + pad).call(4)[0], "pad " + pad);
        }
    }

    @Test
    void localSumsIntoLocalsAndI64Sums() {
        ModuleBuilder b = new ModuleBuilder();
        org.ssvm.model.ValType i64 = org.ssvm.model.ValType.I64;
        b.func("f", t(I32, I32), t(I32), t(I32), Code.of()
                .get(0).get(1).op(Opcode.I32_ADD).set(2)
                .get(2).get(2).op(Opcode.I32_ADD).end());
        b.func("g", t(i64, i64), t(i64), Code.of().get(0).get(1).op(Opcode.I64_ADD).end());
        WasmInstance inst = instantiate(b);
        for (int x : VALUES) {
            for (int y : VALUES) {
                assertEquals((x + y) * 2, inst.function("f").call(x, y)[0]);
                assertEquals((long) x * 0x1_0001L + y, inst.function("g").call((long) x * 0x1_0001L, (long) y)[0]);
            }
        }
    }

    /** The pre-decoded code of function {@code index} of {@code b}. */
    private static int[] codeOf(ModuleBuilder b, int index) {
        var m = b.module;
        org.ssvm.model.FuncType type = m.types().get(m.functions().get(index));
        return Compiler.compile(m, type, m.bodies().get(index), new org.ssvm.runtime.Memory(
                new org.ssvm.model.MemoryType(org.ssvm.model.Limits.of(1))), new org.ssvm.metering.MeteringConfig(null,
                false), new org.ssvm.metering.Meter()).code();
    }

    private static void assertStartsWith(int[] code, int... ops) {
        assertEquals(java.util.Arrays.toString(ops),
                java.util.Arrays.toString(java.util.Arrays.copyOf(code, Math.min(ops.length, code.length))));
    }

    @Test
    void localMinusConstantAndLocalAndConstant() {
        ModuleBuilder b = new ModuleBuilder();
        for (int k = 0; k < VALUES.length; k++) {
            b.func("sub" + k, t(I32), t(I32), Code.of().get(0).i32(VALUES[k]).op(Opcode.I32_SUB).end());
            b.func("and" + k, t(I32), t(I32), Code.of().get(0).i32(VALUES[k]).op(Opcode.I32_AND).end());
        }
        assertStartsWith(codeOf(b, 0), Op.LOCAL_ADD_C, 0, -VALUES[0], Op.RETURN);
        assertStartsWith(codeOf(b, 1), Op.LOCAL_AND_C, 0, VALUES[0], Op.RETURN);
        WasmInstance inst = instantiate(b);
        for (int x : VALUES) {
            for (int k = 0; k < VALUES.length; k++) {
                assertEquals(x - VALUES[k], inst.function("sub" + k).call(x)[0], x + " - " + VALUES[k]);
                assertEquals(x & VALUES[k], inst.function("and" + k).call(x)[0], x + " & " + VALUES[k]);
            }
        }
    }

    @Test
    void localRotatedLeftByConstant() {
        ModuleBuilder b = new ModuleBuilder();
        for (int k = 0; k < VALUES.length; k++) {
            b.func("rotl" + k, t(I32), t(I32), Code.of().get(0).i32(VALUES[k]).op(Opcode.I32_ROTL).end());
        }
        assertStartsWith(codeOf(b, 0), Op.LOCAL_ROTL_C, 0, VALUES[0], Op.RETURN);
        WasmInstance inst = instantiate(b);
        for (int x : VALUES) {
            for (int k = 0; k < VALUES.length; k++) {
                assertEquals(Integer.rotateLeft(x, VALUES[k]), inst.function("rotl" + k).call(x)[0],
                        x + " rotl " + VALUES[k]);
            }
        }
    }

    @Test
    void constantByteStoredToALocalAddress() {
        ModuleBuilder b = new ModuleBuilder();
        b.memory(null, org.ssvm.model.Limits.of(1));
        b.func("store8", t(I32), t(), Code.of().get(0).i32(0x1FF).mem(Opcode.I32_STORE8, 3).end());
        b.func("load8", t(I32), t(I32), Code.of().get(0).mem(Opcode.I32_LOAD8_U, 0).end());
        assertStartsWith(codeOf(b, 0), Op.I32_STORE8_LC, 0, 0x1FF, 3, Op.RETURN);
        WasmInstance inst = instantiate(b);
        inst.function("store8").call(100);
        assertEquals(0xFF, inst.function("load8").call(103)[0]);
        assertEquals(0, inst.function("load8").call(104)[0]);
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.ssvm.TrapException.class,
                () -> inst.function("store8").call(65536 - 3));
        assertEquals("out of bounds memory access", e.getMessage());
    }

    @Test
    void i64SumOfLocalsTeedIntoALocal() {
        ModuleBuilder b = new ModuleBuilder();
        org.ssvm.model.ValType i64 = org.ssvm.model.ValType.I64;
        b.func("f", t(i64, i64), t(i64), t(i64), Code.of()
                .get(0).get(1).op(Opcode.I64_ADD).op(Opcode.LOCAL_TEE, 2).get(2).op(Opcode.I64_ADD).end());
        assertStartsWith(codeOf(b, 0), Op.I64_ADD_LL_TEE, 0, 1, 2);
        WasmInstance inst = instantiate(b);
        for (int x : VALUES) {
            for (int y : VALUES) {
                long a = (long) x * 0x1_0001L;
                assertEquals((a + y) * 2, inst.function("f").call(a, (long) y)[0]);
            }
        }
    }

    @Test
    void teesAndLoadsOfLocalPlusConstant() {
        ModuleBuilder b = new ModuleBuilder();
        b.memory(null, org.ssvm.model.Limits.of(1));
        // locals: 0 x, 1 y, 2 t; (x + 3) teed into t, then t + y, then the i32 at address x + 8, offset 4
        b.func("f", t(I32, I32), t(I32), t(I32), Code.of()
                .get(0).i32(3).op(Opcode.I32_ADD).op(Opcode.LOCAL_TEE, 2).get(1).op(Opcode.I32_ADD)
                .get(2).op(Opcode.I32_ADD)
                .get(0).i32(8).op(Opcode.I32_ADD).mem(Opcode.I32_LOAD, 4).op(Opcode.I32_ADD).end());
        b.func("store", t(I32, I32), t(), Code.of().get(0).get(1).mem(Opcode.I32_STORE, 0).end());
        int[] code = codeOf(b, 0);
        assertStartsWith(code, Op.LOCAL_ADD_C_TEE, 0, 3, 2, Op.I32_ADD_L, 1, Op.I32_ADD_L, 2, Op.LOCAL_ADD_C, 0, 8,
                Op.I32_LOAD, 4);
        WasmInstance inst = instantiate(b);
        for (int y : VALUES) {
            inst.function("store").call(112, y);
            assertEquals(100 + 3 + y + 100 + 3 + y, inst.function("f").call(100, y)[0]);
        }
        // the address wraps around 2^32 before the offset is added, so -8 + 8 + 4 reads address 4
        inst.function("store").call(4, 0x1234);
        assertEquals(-8 + 3 + 7 + (-8 + 3) + 0x1234, inst.function("f").call(-8, 7)[0]);
        // out of bounds traps with the load's message
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.ssvm.TrapException.class,
                () -> inst.function("f").call(65536 - 12, 0));
        assertEquals("out of bounds memory access", e.getMessage());
    }

    @Test
    void teeThenGet() {
        ModuleBuilder b = new ModuleBuilder();
        // locals: 0 x, 1 y, 2 t; t = x * 2 (teed), then t - y
        b.func("f", t(I32, I32), t(I32), t(I32), Code.of()
                .get(0).get(0).op(Opcode.I32_ADD).op(Opcode.LOCAL_TEE, 2).get(1).op(Opcode.I32_SUB)
                .get(2).op(Opcode.I32_XOR).end());
        int[] code = codeOf(b, 0);
        assertStartsWith(code, Op.I32_ADD_LL, 0, 0, Op.LOCAL_TEE_GET, 2, 1, Op.I32_SUB);
        WasmInstance inst = instantiate(b);
        for (int x : VALUES) {
            for (int y : VALUES) {
                assertEquals((x * 2 - y) ^ (x * 2), inst.function("f").call(x, y)[0]);
            }
        }
    }

    @Test
    void f64ArithmeticWithLocalOperands() {
        ModuleBuilder b = new ModuleBuilder();
        org.ssvm.model.ValType f64 = org.ssvm.model.ValType.F64;
        // ((x * y) + x) - y) * x, with the operands of each operation a local
        b.func("f", t(f64, f64), t(f64), Code.of()
                .get(0).get(1).op(Opcode.F64_MUL).get(0).op(Opcode.F64_ADD).get(1).op(Opcode.F64_SUB)
                .get(0).op(Opcode.F64_MUL).end());
        assertStartsWith(codeOf(b, 0), Op.F64_MUL_LL, 0, 1, Op.F64_ADD_L, 0, Op.F64_SUB_L, 1, Op.F64_MUL_L, 0,
                Op.RETURN);
        WasmInstance inst = instantiate(b);
        double[] values = {0.0, -0.0, 1.5, -3.25, Double.NaN, Double.POSITIVE_INFINITY, 1e300, Double.MIN_VALUE};
        for (double x : values) {
            for (double y : values) {
                double want = (x * y + x - y) * x;
                assertEquals(Double.doubleToRawLongBits(want),
                        Double.doubleToRawLongBits((double) inst.function("f").call(x, y)[0]), x + " " + y);
            }
        }
    }

    private static void checkCompare64WithConstant(Opcode cmp, java.util.function.LongBinaryOperator expected) {
        ModuleBuilder b = new ModuleBuilder();
        org.ssvm.model.ValType i64 = org.ssvm.model.ValType.I64;
        for (int k = 0; k < LONGS.length; k++) {
            // local.tee keeps the local from fusing with the constant
            b.func("br" + k, t(i64), t(I32), Code.of().op(Opcode.BLOCK, Code.bt(I32)).i32(1).get(0)
                    .op(Opcode.LOCAL_TEE, 0).i64(LONGS[k]).op(cmp).op(Opcode.BR_IF, 0).op(Opcode.DROP).i32(0)
                    .op(Opcode.END).end());
        }
        WasmInstance inst = instantiate(b);
        for (long x : LONGS) {
            for (int k = 0; k < LONGS.length; k++) {
                long want = expected.applyAsLong(x, LONGS[k]);
                assertEquals((int) want, inst.function("br" + k).call(x)[0], cmp + " " + x + " " + LONGS[k]);
            }
        }
    }

    @Test
    void i64ComparisonsWithConstantsFusedWithBranches() {
        I64_COMPARISONS.forEach(FusionTest::checkCompare64WithConstant);
        ModuleBuilder b = new ModuleBuilder();
        org.ssvm.model.ValType i64 = org.ssvm.model.ValType.I64;
        b.func("f", t(i64), t(I32), Code.of().op(Opcode.BLOCK, Code.bt(I32)).i32(1).get(0).op(Opcode.LOCAL_TEE, 0)
                .i64(0x1_0000_0005L).op(Opcode.I64_LT_U).op(Opcode.BR_IF, 0).op(Opcode.DROP).i32(0)
                .op(Opcode.END).end());
        int[] code = codeOf(b, 0);
        assertEquals(1, java.util.Arrays.stream(code).filter(v -> v == Op.BR_IF_I64_LT_U_C).count(), "fused");
    }

    private static final int[] SHIFTS = {0, 1, 3, 31, 32, 33, -1};

    @Test
    void scaledIndexes() {
        ModuleBuilder b = new ModuleBuilder();
        for (int k = 0; k < SHIFTS.length; k++) {
            // y * 3 + (x << k), the index a local; then y + ((x ^ 1) << k), the index computed
            b.func("local" + k, t(I32, I32), t(I32), Code.of().get(1).i32(3).op(Opcode.I32_MUL).get(0).i32(SHIFTS[k])
                    .op(Opcode.I32_SHL)
                    .op(Opcode.I32_ADD).end());
            b.func("computed" + k, t(I32, I32), t(I32), Code.of().get(1).get(0).i32(1).op(Opcode.I32_XOR)
                    .i32(SHIFTS[k]).op(Opcode.I32_SHL).op(Opcode.I32_ADD).end());
            b.func("shl" + k, t(I32), t(I32), Code.of().get(0).i32(SHIFTS[k]).op(Opcode.I32_SHL).end());
        }
        assertStartsWith(codeOf(b, 0), Op.LOCAL_GET_C, 1, 3, Op.I32_MUL, Op.I32_ADD_LOCAL_SHL_C, 0, SHIFTS[0],
                Op.RETURN);
        assertStartsWith(codeOf(b, 1), Op.LOCAL_GET2, 1, 0, Op.I32_XOR_C, 1, Op.I32_ADD_SHL_C, SHIFTS[0], Op.RETURN);
        assertStartsWith(codeOf(b, 2), Op.LOCAL_SHL_C, 0, SHIFTS[0], Op.RETURN);
        WasmInstance inst = instantiate(b);
        for (int x : VALUES) {
            for (int y : VALUES) {
                for (int k = 0; k < SHIFTS.length; k++) {
                    String what = x + " " + y + " << " + SHIFTS[k];
                    assertEquals(y * 3 + (x << SHIFTS[k]), inst.function("local" + k).call(x, y)[0], what);
                    assertEquals(y + ((x ^ 1) << SHIFTS[k]), inst.function("computed" + k).call(x, y)[0], what);
                    assertEquals(x << SHIFTS[k], inst.function("shl" + k).call(x)[0], what);
                }
            }
        }
    }

    @Test
    void xorWithRotatedLocal() {
        ModuleBuilder b = new ModuleBuilder();
        for (int k = 0; k < SHIFTS.length; k++) {
            // (y * 3) ^ rotl(x, k)
            b.func("f" + k, t(I32, I32), t(I32), Code.of().get(1).i32(3).op(Opcode.I32_MUL).get(0).i32(SHIFTS[k])
                    .op(Opcode.I32_ROTL).op(Opcode.I32_XOR).end());
        }
        assertStartsWith(codeOf(b, 0), Op.LOCAL_GET_C, 1, 3, Op.I32_MUL, Op.I32_XOR_LOCAL_ROTL_C, 0, SHIFTS[0],
                Op.RETURN);
        WasmInstance inst = instantiate(b);
        for (int x : VALUES) {
            for (int y : VALUES) {
                for (int k = 0; k < SHIFTS.length; k++) {
                    assertEquals(y * 3 ^ Integer.rotateLeft(x, SHIFTS[k]), inst.function("f" + k).call(x, y)[0]);
                }
            }
        }
    }

    @Test
    void f64AtMostConstantFusedWithBranches() {
        org.ssvm.model.ValType f64 = org.ssvm.model.ValType.F64;
        double[] values = {0.0, -0.0, 4.0, Math.nextUp(4.0), -1e300, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        ModuleBuilder b = new ModuleBuilder();
        for (int k = 0; k < values.length; k++) {
            // local.tee keeps the local from fusing with what follows
            b.func("br" + k, t(f64), t(I32), Code.of().op(Opcode.BLOCK, Code.bt(I32)).i32(1).get(0)
                    .op(Opcode.LOCAL_TEE, 0).f64(values[k]).op(Opcode.F64_LE).op(Opcode.BR_IF, 0).op(Opcode.DROP)
                    .i32(0).op(Opcode.END).end());
            b.func("if" + k, t(f64), t(I32), Code.of().get(0).op(Opcode.LOCAL_TEE, 0).f64(values[k])
                    .op(Opcode.F64_LE).op(Opcode.IF, Code.bt(I32)).i32(1).op(Opcode.ELSE).i32(0).op(Opcode.END).end());
        }
        int[] br = codeOf(b, 0);
        int[] ifCode = codeOf(b, 1);
        assertEquals(1, java.util.Arrays.stream(br).filter(v -> v == Op.BR_IF_F64_LE_C).count(), "br_if fused");
        assertEquals(1, java.util.Arrays.stream(ifCode).filter(v -> v == Op.BR_UNLESS_F64_LE_C).count(), "if fused");
        WasmInstance inst = instantiate(b);
        for (double x : values) {
            for (int k = 0; k < values.length; k++) {
                int want = b(x <= values[k]); // false whenever a NaN is involved
                assertEquals(want, inst.function("br" + k).call(x)[0], x + " <= " + values[k]);
                assertEquals(want, inst.function("if" + k).call(x)[0], x + " <= " + values[k]);
            }
        }
    }

    @Test
    void localPairWithConstantAndSteppedCounters() {
        ModuleBuilder b = new ModuleBuilder();
        for (int k = 0; k < VALUES.length; k++) {
            // x - (y + c)
            b.func("pair" + k, t(I32, I32), t(I32), Code.of().get(0).get(1).i32(VALUES[k]).op(Opcode.I32_ADD)
                    .op(Opcode.I32_SUB).end());
        }
        // locals: 0 x, 1 y, 2 a, 3 b; a = x + 1; b = y - 3; then a = a + 5 reads the a just written
        b.func("counters", t(I32, I32), t(I32), t(I32, I32), Code.of()
                .get(0).i32(1).op(Opcode.I32_ADD).set(2).get(1).i32(3).op(Opcode.I32_SUB).set(3)
                .get(2).i32(5).op(Opcode.I32_ADD).set(2)
                .get(2).get(3).op(Opcode.I32_XOR).end());
        // (x * y + 7) teed into a local, then added to it
        b.func("tee", t(I32, I32), t(I32), t(I32), Code.of().get(0).get(1).op(Opcode.I32_MUL).i32(7)
                .op(Opcode.I32_ADD).op(Opcode.LOCAL_TEE, 2).get(2).op(Opcode.I32_ADD).end());
        assertStartsWith(codeOf(b, 0), Op.LOCAL_GET2_ADD_C, 0, 1, VALUES[0], Op.I32_SUB, Op.RETURN);
        assertStartsWith(codeOf(b, VALUES.length), Op.LOCAL_ADD_C_SET2, 0, 1, 2, 1, -3, 3, Op.LOCAL_ADD_C_SET);
        assertStartsWith(codeOf(b, VALUES.length + 1), Op.LOCAL_GET2, 0, 1, Op.I32_MUL, Op.I32_ADD_C_TEE, 7, 2);
        WasmInstance inst = instantiate(b);
        for (int x : VALUES) {
            for (int y : VALUES) {
                for (int k = 0; k < VALUES.length; k++) {
                    assertEquals(x - (y + VALUES[k]), inst.function("pair" + k).call(x, y)[0]);
                }
                assertEquals((x + 6) ^ (y - 3), inst.function("counters").call(x, y)[0]);
                assertEquals((x * y + 7) * 2, inst.function("tee").call(x, y)[0]);
            }
        }
    }

    @Test
    void branchesOnALocal() {
        ModuleBuilder b = new ModuleBuilder();
        b.func("br", t(I32), t(I32), Code.of().op(Opcode.BLOCK, Code.bt(I32)).i32(1).get(0).op(Opcode.BR_IF, 0)
                .op(Opcode.DROP).i32(0).op(Opcode.END).end());
        b.func("if", t(I32), t(I32), Code.of().get(0).op(Opcode.IF, Code.bt(I32)).i32(1).op(Opcode.ELSE).i32(0)
                .op(Opcode.END).end());
        assertStartsWith(codeOf(b, 0), Op.I32_CONST, 1, Op.BR_IF_L, 0);
        assertStartsWith(codeOf(b, 1), Op.IF_FALSE_L, 0);
        WasmInstance inst = instantiate(b);
        for (int x : VALUES) {
            assertEquals(b(x != 0), inst.function("br").call(x)[0], "br_if " + x);
            assertEquals(b(x != 0), inst.function("if").call(x)[0], "if " + x);
        }
    }

    @Test
    void localAddedToTopOfStack() {
        ModuleBuilder b = new ModuleBuilder();
        // locals: 0 x, 1 y, 2 t; t = x * 3 + y; then (t ^ y) + y
        b.func("f", t(I32, I32), t(I32), t(I32), Code.of().get(0).i32(3).op(Opcode.I32_MUL).get(1)
                .op(Opcode.I32_ADD).set(2).get(2).get(1).op(Opcode.I32_XOR).get(1).op(Opcode.I32_ADD).end());
        assertStartsWith(codeOf(b, 0), Op.LOCAL_GET_C, 0, 3, Op.I32_MUL, Op.I32_ADD_L_SET, 1, 2, Op.LOCAL_GET2, 2, 1,
                Op.I32_XOR, Op.I32_ADD_L, 1, Op.RETURN);
        WasmInstance inst = instantiate(b);
        for (int x : VALUES) {
            for (int y : VALUES) {
                assertEquals(((x * 3 + y) ^ y) + y, inst.function("f").call(x, y)[0]);
            }
        }
    }

    @Test
    void i64LocalPlusConstant() {
        ModuleBuilder b = new ModuleBuilder();
        org.ssvm.model.ValType i64 = org.ssvm.model.ValType.I64;
        for (int k = 0; k < LONGS.length; k++) {
            b.func("add" + k, t(i64), t(i64), Code.of().get(0).i64(LONGS[k]).op(Opcode.I64_ADD).end());
            // (x + c) teed into a local, then added to it
            b.func("tee" + k, t(i64), t(i64), t(i64), Code.of().get(0).i64(LONGS[k]).op(Opcode.I64_ADD)
                    .op(Opcode.LOCAL_TEE, 1).get(1).op(Opcode.I64_ADD).end());
        }
        long c = LONGS[0];
        assertStartsWith(codeOf(b, 0), Op.LOCAL_ADD_C64, 0, (int) c, (int) (c >>> 32), Op.RETURN);
        assertStartsWith(codeOf(b, 1), Op.LOCAL_ADD_C64_TEE, 0, (int) c, (int) (c >>> 32), 1, Op.LOCAL_GET, 1);
        WasmInstance inst = instantiate(b);
        for (long x : LONGS) {
            for (int k = 0; k < LONGS.length; k++) {
                assertEquals(x + LONGS[k], inst.function("add" + k).call(x)[0], x + " + " + LONGS[k]);
                assertEquals((x + LONGS[k]) * 2, inst.function("tee" + k).call(x)[0], x + " + " + LONGS[k]);
            }
        }
    }

    @Test
    void branchesOnLocalBits() {
        ModuleBuilder b = new ModuleBuilder();
        for (int k = 0; k < VALUES.length; k++) {
            b.func("br" + k, t(I32), t(I32), Code.of().op(Opcode.BLOCK, Code.bt(I32)).i32(1).get(0).i32(VALUES[k])
                    .op(Opcode.I32_AND).op(Opcode.BR_IF, 0).op(Opcode.DROP).i32(0).op(Opcode.END).end());
            b.func("if" + k, t(I32), t(I32), Code.of().get(0).i32(VALUES[k]).op(Opcode.I32_AND)
                    .op(Opcode.IF, Code.bt(I32)).i32(1).op(Opcode.ELSE).i32(0).op(Opcode.END).end());
        }
        assertStartsWith(codeOf(b, 0), Op.I32_CONST, 1, Op.BR_IF_AND_C, 0, VALUES[0]);
        assertStartsWith(codeOf(b, 1), Op.IF_FALSE_AND_C, 0, VALUES[0]);
        WasmInstance inst = instantiate(b);
        for (int x : VALUES) {
            for (int k = 0; k < VALUES.length; k++) {
                assertEquals(b((x & VALUES[k]) != 0), inst.function("br" + k).call(x)[0], x + " & " + VALUES[k]);
                assertEquals(b((x & VALUES[k]) != 0), inst.function("if" + k).call(x)[0], x + " & " + VALUES[k]);
            }
        }
    }

    @Test
    void f64TeesSumsAndMultiplyAdd() {
        ModuleBuilder b = new ModuleBuilder();
        org.ssvm.model.ValType f64 = org.ssvm.model.ValType.F64;
        // locals: 0 x, 1 y, 2 t
        b.func("teeAdd", t(f64, f64), t(f64), t(f64), Code.of().get(0).get(1).f64(2.0).op(Opcode.F64_MUL)
                .op(Opcode.LOCAL_TEE, 2).op(Opcode.F64_ADD).get(2).op(Opcode.F64_MUL).end());
        b.func("teeMul", t(f64, f64), t(f64), t(f64), Code.of().get(0).get(1).op(Opcode.F64_SUB)
                .op(Opcode.LOCAL_TEE, 2).get(1).op(Opcode.F64_MUL).get(2).op(Opcode.F64_ADD).end());
        b.func("mulAdd", t(f64, f64), t(f64), Code.of().get(0).get(1).op(Opcode.F64_SUB).get(0).op(Opcode.F64_MUL)
                .get(1).op(Opcode.F64_ADD).end());
        b.func("sum", t(f64, f64), t(f64), Code.of().get(0).get(1).op(Opcode.F64_ADD).end());
        assertStartsWith(codeOf(b, 0), Op.LOCAL_GET2, 0, 1, Op.I64_CONST, 0, 0x4000_0000, Op.F64_MUL,
                Op.F64_TEE_ADD, 2, Op.F64_MUL_L, 2, Op.RETURN);
        assertStartsWith(codeOf(b, 1), Op.LOCAL_GET2, 0, 1, Op.F64_SUB, Op.F64_TEE_MUL_L, 2, 1, Op.F64_ADD_L, 2);
        assertStartsWith(codeOf(b, 2), Op.LOCAL_GET2, 0, 1, Op.F64_SUB, Op.F64_MUL_ADD_LL, 0, 1, Op.RETURN);
        assertStartsWith(codeOf(b, 3), Op.F64_ADD_LL, 0, 1, Op.RETURN);
        WasmInstance inst = instantiate(b);
        double[] values = {0.0, -0.0, 1.5, -3.25, Double.NaN, Double.POSITIVE_INFINITY, 1e300, Double.MIN_VALUE};
        for (double x : values) {
            for (double y : values) {
                String what = x + " " + y;
                assertSameDouble((x + y * 2.0) * (y * 2.0), inst.function("teeAdd").call(x, y)[0], what);
                assertSameDouble((x - y) * y + (x - y), inst.function("teeMul").call(x, y)[0], what);
                assertSameDouble((x - y) * x + y, inst.function("mulAdd").call(x, y)[0], what);
                assertSameDouble(x + y, inst.function("sum").call(x, y)[0], what);
            }
        }
    }

    /** Equal doubles, any NaN matching any NaN (Wasm leaves NaN payloads open). */
    private static void assertSameDouble(double want, Object got, String what) {
        double g = (double) got;
        assertEquals(Double.isNaN(want) ? "NaN" : Long.toHexString(Double.doubleToRawLongBits(want)),
                Double.isNaN(g) ? "NaN" : Long.toHexString(Double.doubleToRawLongBits(g)), what);
    }
}
