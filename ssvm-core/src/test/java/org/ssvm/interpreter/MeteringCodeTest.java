package org.ssvm.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.testing.ModuleBuilder.t;

import org.junit.jupiter.api.Test;
import org.ssvm.metering.CostTable;
import org.ssvm.metering.MeteringConfig;
import org.ssvm.model.FuncType;
import org.ssvm.model.Opcode;
import org.ssvm.runtime.Memory;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;

/** What metering and interruption add to pre-decoded code: nothing when off, one op per charge point when on. */
class MeteringCodeTest {
    private static int[] compile(MeteringConfig config) {
        ModuleBuilder b = new ModuleBuilder();
        // a loop with a call: regions [loop] [9 ending in br_if] [local.get call] [drop end] [local.get end]
        b.func("f", t(I32), t(I32), t(I32), Code.of().op(Opcode.LOOP, Code.VOID)
                .get(1).get(0).op(Opcode.I32_ADD).set(1)
                .get(0).i32(1).op(Opcode.I32_SUB).op(Opcode.LOCAL_TEE, 0)
                .op(Opcode.BR_IF, 0).get(0).op(Opcode.CALL, 0).op(Opcode.DROP)
                .op(Opcode.END).get(1).end());
        var m = b.module;
        FuncType type = m.types().get(m.functions().get(0));
        return Compiler.compile(m, type, m.bodies().get(0), new Memory(new org.ssvm.model.MemoryType(
                org.ssvm.model.Limits.of(0))), config, new org.ssvm.metering.Meter()).code();
    }

    private static int count(int[] code, int op) {
        int n = 0;
        for (int v : code) {
            n += v == op ? 1 : 0;
        }
        return n;
    }

    @Test
    void offEmitsNothingInterruptibleAddsOnePollPerEntryAndLoop() {
        int[] plain = compile(new MeteringConfig(null, false));
        int[] polled = compile(new MeteringConfig(null, true));
        assertEquals(plain.length + 2, polled.length);
        assertEquals(Op.CHECK, polled[0], "entry poll");
        assertEquals(Op.CHECK, polled[1], "loop header poll: the back edge lands on it");
    }

    @Test
    void meteringEmitsOneChargePerReachableRegionAndNoPolls() {
        int[] plain = compile(new MeteringConfig(null, false));
        int[] metered = compile(new MeteringConfig(CostTable.DEFAULT, true));
        // regions: [loop] [... br_if] [local.get call] [drop end] [local.get end]: 5 charges of 4 ints
        assertEquals(plain.length + 5 * 4, metered.length);
        assertEquals(Op.GAS, metered[0]);
        assertEquals(1, metered[1]);
        assertEquals(0, metered[2]);
        assertEquals(1, metered[3]);
        assertEquals(Op.GAS, metered[4], "the loop body's charge is the back edge's target");
        assertEquals(9, metered[5]);
    }
}
