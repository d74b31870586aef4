package org.ssvm.metering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.testing.Code.VOID;
import static org.ssvm.testing.Code.bt;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.ssvm.model.Opcode;
import org.ssvm.testing.Code;

class MeteringPlanTest {
    private static long[] costs(MeteringPlan p) {
        return IntStream.range(0, p.regionCount()).mapToLong(p::cost).toArray();
    }

    @Test
    void ifElseSplitsAfterIfElseAndEnd() {
        byte[] code = Code.of().get(0).op(Opcode.I32_EQZ).op(Opcode.IF, bt(I32)).i32(1).op(Opcode.ELSE).i32(2)
                .op(Opcode.END).end();
        MeteringPlan p = MeteringPlan.of(code, CostTable.DEFAULT);
        assertArrayEquals(new long[] {3, 2, 2, 1}, costs(p));
        // local.get 0 = 2 bytes, i32.eqz 1, if bt 2 -> then starts at 5; i32.const 1 = 2, else 1 -> 8; 2+1 -> 11
        assertEquals(0, p.start(0));
        assertEquals(5, p.start(1));
        assertEquals(8, p.start(2));
        assertEquals(11, p.start(3));
        assertEquals(1, p.regionAt(5));
        assertEquals(-1, p.regionAt(6));
        assertEquals(true, p.isCheckpoint(0));
        assertEquals(false, p.isCheckpoint(1));
    }

    @Test
    void loopHeaderIsACheckpointAndBlockDoesNotSplit() {
        byte[] code = Code.of().op(Opcode.BLOCK, VOID).op(Opcode.LOOP, VOID).get(0).op(Opcode.BR_IF, 1)
                .op(Opcode.BR, 0).op(Opcode.END).op(Opcode.END).end();
        MeteringPlan p = MeteringPlan.of(code, CostTable.DEFAULT);
        // [block loop] [local.get br_if] [br] [end] [end] [end]
        assertArrayEquals(new long[] {2, 2, 1, 1, 1, 1}, costs(p));
        assertEquals(true, p.isCheckpoint(1));
        assertEquals(false, p.isCheckpoint(2));
        assertEquals(2, p.instructionCount(1));
    }

    @Test
    void callsEndRegionsAndCostsComeFromTheTable() {
        byte[] code = Code.of().i32(1).op(Opcode.CALL, 0).i32(2).op(Opcode.I32_ADD).end();
        CostTable t = CostTable.parse("default 2\ncall 10\ni32.add 5");
        MeteringPlan p = MeteringPlan.of(code, t);
        assertArrayEquals(new long[] {12, 9}, costs(p));
        assertEquals(2, p.instructionCount(0));
        assertEquals(3, p.instructionCount(1));
    }

    @Test
    void prefixedInstructionsAndImmediatesAreSkipped() {
        // v128.const (16 bytes), i64.const with a long LEB, memory.fill, then a branch
        Code c = Code.of().op(Opcode.V128_CONST);
        for (int i = 0; i < 16; i++) {
            c.raw(0xFF);
        }
        byte[] code = c.op(Opcode.DROP).i64(Long.MIN_VALUE).op(Opcode.DROP).i32(0).i32(0).i32(0)
                .op(Opcode.MEMORY_FILL, 0).op(Opcode.RETURN).end();
        MeteringPlan p = MeteringPlan.of(code, CostTable.DEFAULT);
        assertArrayEquals(new long[] {9, 1}, costs(p));
    }
}
