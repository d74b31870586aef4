package org.ssvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ssvm.model.ValType.F64;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.model.ValType.I64;
import static org.ssvm.testing.Code.bt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssvm.EngineKind;
import org.ssvm.TrapException;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.model.Limits;
import org.ssvm.model.Opcode;
import org.ssvm.model.ValType;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;

/**
 * Differential testing: random well-typed functions (nested blocks with values underneath, br_if/br_table
 * carrying values, loops, if/else, select, calls with several results, memory, trapping arithmetic) run in the
 * interpreter, the compiler, and the compiler with every block split into its own method; all must agree.
 */
class RandomProgramsTest {
    private static final ValType[] TYPES = {I32, I64, F64};

    /** Generates the body of one function that takes (i32, i64, f64) and returns one value. */
    private static final class Gen {
        final Random rnd;
        final Code code = Code.of();
        final List<ValType> locals = new ArrayList<>();
        final int callable;
        final int pairFunc;

        Gen(Random rnd, int callable, int pairFunc) {
            this.rnd = rnd;
            this.callable = callable;
            this.pairFunc = pairFunc;
        }

        int newLocal(ValType t) {
            locals.add(t);
            return 3 + locals.size() - 1;
        }

        void value(ValType t, int depth) {
            int choice = depth <= 0 ? rnd.nextInt(2) : rnd.nextInt(14);
            switch (choice) {
                case 0 -> constant(t);
                case 1 -> code.get(t == I32 ? 0 : t == I64 ? 1 : 2);
                case 2, 3 -> {
                    value(t, depth - 1);
                    value(t, depth - 1);
                    code.op(binary(t));
                }
                case 4 -> { // br_if carrying t over a value of another type
                    ValType junk = TYPES[rnd.nextInt(3)];
                    code.op(Opcode.BLOCK, bt(t));
                    value(junk, depth - 1);
                    value(t, depth - 1);
                    value(I32, depth - 1);
                    code.op(Opcode.BR_IF, 0).op(Opcode.DROP).op(Opcode.DROP);
                    value(t, depth - 1);
                    code.op(Opcode.END);
                }
                case 5 -> {
                    value(I32, depth - 1);
                    code.op(Opcode.IF, bt(t));
                    value(t, depth - 1);
                    code.op(Opcode.ELSE);
                    value(t, depth - 1);
                    code.op(Opcode.END);
                }
                case 6 -> {
                    value(t, depth - 1);
                    value(t, depth - 1);
                    value(I32, depth - 1);
                    code.op(Opcode.SELECT);
                }
                case 7 -> { // br_table: to the inner block (then negated/incremented) or past it
                    code.op(Opcode.BLOCK, bt(t)).op(Opcode.BLOCK, bt(t));
                    value(t, depth - 1);
                    value(I32, depth - 1);
                    code.op(Opcode.BR_TABLE, 3, 0, 1, 0, 1).op(Opcode.END);
                    constant(t);
                    code.op(binary(t)).op(Opcode.END);
                }
                case 8 -> { // a counted loop branching back with a value on the stack
                    int counter = newLocal(I32);
                    code.i32(1 + rnd.nextInt(4)).set(counter);
                    code.op(Opcode.LOOP, bt(t));
                    value(t, depth - 1);
                    code.get(counter).i32(1).op(Opcode.I32_SUB).op(Opcode.LOCAL_TEE, counter)
                            .op(Opcode.BR_IF, 0).op(Opcode.END);
                }
                case 9 -> { // locals written inside a block and read after it
                    int l = newLocal(t);
                    code.op(Opcode.BLOCK, Code.VOID);
                    value(t, depth - 1);
                    code.set(l);
                    value(I32, depth - 1);
                    code.op(Opcode.BR_IF, 0);
                    value(t, depth - 1);
                    code.set(l).op(Opcode.END).get(l);
                }
                case 10 -> { // call another function, or one with two results
                    if (callable >= 0 && rnd.nextBoolean()) {
                        code.get(0).get(1).get(2).op(Opcode.CALL, callable);
                        convert(F64, t); // all generated functions return f64
                    } else {
                        value(I32, depth - 1);
                        value(I64, depth - 1);
                        code.op(Opcode.CALL, pairFunc); // (i32, i64) -> (i64, i32)
                        if (rnd.nextBoolean()) {
                            code.op(Opcode.DROP);
                            convert(I64, t);
                        } else {
                            int keep = newLocal(I32);
                            code.set(keep).op(Opcode.DROP).get(keep);
                            convert(I32, t);
                        }
                    }
                }
                case 11 -> { // memory: store, then load somewhere (possibly out of bounds)
                    value(I32, depth - 1);
                    code.i32(0xFFF0).op(Opcode.I32_AND);
                    value(I64, depth - 1);
                    code.mem(Opcode.I64_STORE, rnd.nextInt(8));
                    value(I32, depth - 1); // now and then out of bounds
                    code.i32(rnd.nextInt(8) == 0 ? 0x1FFFF : 0xFFF0).op(Opcode.I32_AND)
                            .mem(Opcode.I64_LOAD, rnd.nextInt(4));
                    convert(I64, t);
                }
                case 12 -> { // a return from inside nested blocks
                    value(I32, depth - 1);
                    code.op(Opcode.IF, Code.VOID);
                    value(F64, depth - 1);
                    code.op(Opcode.RETURN).op(Opcode.END);
                    value(t, depth - 1);
                }
                default -> {
                    ValType from = TYPES[rnd.nextInt(3)];
                    value(from, depth - 1);
                    convert(from, t);
                }
            }
        }

        void constant(ValType t) {
            switch (t) {
                case I32 -> code.i32(rnd.nextInt(7) - 3);
                case I64 -> code.i64(rnd.nextBoolean() ? rnd.nextLong() : rnd.nextInt(5) - 2);
                default -> code.f64(rnd.nextInt(9) - 4 + rnd.nextDouble());
            }
        }

        Opcode binary(ValType t) {
            Opcode[] ops = switch (t) {
                case I32 -> new Opcode[] {Opcode.I32_ADD, Opcode.I32_SUB, Opcode.I32_MUL, Opcode.I32_DIV_S,
                        Opcode.I32_REM_U, Opcode.I32_SHL, Opcode.I32_ROTR, Opcode.I32_XOR, Opcode.I32_LT_U,
                        Opcode.I32_GE_S};
                case I64 -> new Opcode[] {Opcode.I64_ADD, Opcode.I64_SUB, Opcode.I64_MUL, Opcode.I64_DIV_U,
                        Opcode.I64_REM_S, Opcode.I64_SHR_S, Opcode.I64_ROTL, Opcode.I64_AND};
                default -> new Opcode[] {Opcode.F64_ADD, Opcode.F64_SUB, Opcode.F64_MUL, Opcode.F64_DIV,
                        Opcode.F64_MIN, Opcode.F64_COPYSIGN};
            };
            return ops[rnd.nextInt(ops.length)];
        }

        void convert(ValType from, ValType to) {
            if (from == to) {
                return;
            }
            switch (from.textName() + ">" + to.textName()) {
                case "i32>i64" -> code.op(Opcode.I64_EXTEND_I32_S);
                case "i32>f64" -> code.op(Opcode.F64_CONVERT_I32_U);
                case "i64>i32" -> code.op(Opcode.I32_WRAP_I64);
                case "i64>f64" -> code.op(Opcode.F64_CONVERT_I64_S);
                case "f64>i32" -> code.op(Opcode.I32_TRUNC_SAT_F64_S);
                default -> code.op(Opcode.I64_TRUNC_SAT_F64_S); // f64>i64
            }
        }
    }

    @Test
    void compiledProgramsBehaveLikeInterpretedOnes() throws Exception {
        int programs = 0;
        for (int seed = 1; seed <= 150; seed++) {
            ModuleBuilder b = new ModuleBuilder();
            b.memory("mem", Limits.of(1, 1));
            Random rnd = new Random(seed);
            int pair = b.func("pair", new ValType[] {I32, I64}, new ValType[] {I64, I32},
                    Code.of().get(1).get(0).i32(7).op(Opcode.I32_MUL).end());
            int previous = -1;
            for (int f = 0; f < 4; f++) {
                Gen g = new Gen(rnd, previous, pair);
                g.value(F64, 4);
                byte[] body = g.code.end();
                previous = b.func("f" + f, new ValType[] {I32, I64, F64}, new ValType[] {F64},
                        g.locals.toArray(ValType[]::new), body);
            }
            WasmModule module = WasmModule.of(b.module); // the generator must produce valid code
            Object[][] inputs = new Object[6][];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = new Object[] {rnd.nextInt(5) - 1, rnd.nextLong() % 1000, rnd.nextDouble() * 10 - 5};
            }
            String interpreted = runAll(EngineKind.INTERPRETER, module, inputs);
            assertEquals(interpreted, runAll(EngineKind.COMPILER, module, inputs), "seed " + seed);
            assertEquals(interpreted, SplitEverything.run(() -> runAll(EngineKind.COMPILER, module, inputs)),
                    "seed " + seed + ", split");
            programs++;
        }
        assertEquals(150, programs);
    }

    /**
     * The same programs with metering on and a cost table that weighs instructions differently: gas used and
     * instructions counted after every call (traps in mid-region and in callees included) agree too.
     */
    @Test
    void meteredProgramsChargeLikeInterpretedOnes() throws Exception {
        org.ssvm.metering.CostTable costs = org.ssvm.metering.CostTable.parse(
                "default 2\ncall 11\ni32.add 3\nf64.mul 5\nbr_if 7\nend 0");
        for (int seed = 1; seed <= 60; seed++) {
            ModuleBuilder b = new ModuleBuilder();
            b.memory("mem", Limits.of(1, 1));
            Random rnd = new Random(seed);
            int pair = b.func("pair", new ValType[] {I32, I64}, new ValType[] {I64, I32},
                    Code.of().get(1).get(0).i32(7).op(Opcode.I32_MUL).end());
            int previous = -1;
            for (int f = 0; f < 4; f++) {
                Gen g = new Gen(rnd, previous, pair);
                g.value(F64, 4);
                previous = b.func("f" + f, new ValType[] {I32, I64, F64}, new ValType[] {F64},
                        g.locals.toArray(ValType[]::new), g.code.end());
            }
            WasmModule module = WasmModule.of(b.module);
            Object[][] inputs = new Object[6][];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = new Object[] {rnd.nextInt(5) - 1, rnd.nextLong() % 1000, rnd.nextDouble() * 10 - 5};
            }
            String interpreted = runAll(EngineKind.INTERPRETER, module, inputs, costs);
            assertEquals(interpreted, runAll(EngineKind.COMPILER, module, inputs, costs), "seed " + seed);
            assertEquals(interpreted, SplitEverything.run(() -> runAll(EngineKind.COMPILER, module, inputs, costs)),
                    "seed " + seed + ", split");
        }
    }

    private static String runAll(EngineKind engine, WasmModule module, Object[][] inputs) {
        return runAll(engine, module, inputs, null);
    }

    /** Results of every function on every input; with {@code costs}, gas and instructions after each call. */
    private static String runAll(EngineKind engine, WasmModule module, Object[][] inputs,
                                 org.ssvm.metering.CostTable costs) {
        StringBuilder out = new StringBuilder();
        try (WasmRuntime runtime = WasmRuntime.builder().engine(engine).costTable(costs).build()) {
            WasmInstance inst = runtime.linker().instantiate(module);
            for (int f = 0; f < 4; f++) {
                for (Object[] in : inputs) {
                    try {
                        double d = (double) inst.function("f" + f).call(in)[0];
                        out.append(Double.isNaN(d) ? "NaN" : Long.toHexString(Double.doubleToRawLongBits(d)));
                    } catch (TrapException e) {
                        out.append("trap:").append(e.getMessage());
                    }
                    if (costs != null) {
                        out.append(" gas ").append(inst.statistics().gasUsed())
                                .append(" n ").append(inst.statistics().instructions());
                    }
                    out.append(' ');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
