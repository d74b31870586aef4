package org.ssvm.runtime.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ssvm.model.Limits;
import org.ssvm.model.MemoryType;
import org.ssvm.model.Opcode;
import org.ssvm.runtime.Memory;

/** The dispatch contract: every SIMD opcode is handled and moves the stack pointer as its signature says. */
class SimdOpsTest {

    private static int slots(String types) {
        int n = 0;
        for (char c : types.toCharArray()) {
            n += c == 'v' ? 2 : 1;
        }
        return n;
    }

    @Test
    void everySimdOpcodeIsHandledWithItsStackEffect() {
        Memory mem = new Memory(new MemoryType(Limits.of(1)));
        Set<Opcode> simd = EnumSet.noneOf(Opcode.class);
        for (Opcode op : Opcode.values()) {
            if (op.prefix() != Opcode.PREFIX_FD) {
                continue;
            }
            simd.add(op);
            String[] sig = op.signature().split(":", -1);
            long[] s = new long[16];
            int sp = 8;
            int lane = op.laneCount() > 0 ? op.laneCount() - 1 : 0;
            int after;
            boolean memory = op.immediate() == Opcode.Immediate.MEMARG || op.immediate() == Opcode.Immediate.MEMARG_LANE;
            if (memory) {
                String params = sig[0].substring(1); // the address is popped by the caller
                after = sig[1].isEmpty()
                        ? SimdOps.store(op, mem, 64, s, sp, lane)
                        : SimdOps.load(op, mem, 64, s, sp, lane);
                assertEquals(sp - slots(params) + slots(sig[1]), after, op.toString());
            } else {
                after = SimdOps.execute(op, s, sp, lane, 1, 2);
                assertEquals(sp - slots(sig[0]) + slots(sig[1]), after, op.toString());
            }
        }
        assertEquals(236, simd.size(), "WebAssembly 2.0 has 236 SIMD instructions");
    }

    @Test
    void nonSimdOpcodesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SimdOps.execute(Opcode.I32_ADD, new long[4], 2, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> SimdOps.execute(Opcode.V128_LOAD, new long[4], 2, 0, 0, 0));
        Memory mem = new Memory(new MemoryType(Limits.of(1)));
        assertThrows(IllegalArgumentException.class, () -> SimdOps.load(Opcode.I8X16_ADD, mem, 0, new long[4], 2, 0));
        assertThrows(IllegalArgumentException.class, () -> SimdOps.store(Opcode.V128_LOAD, mem, 0, new long[4], 2, 0));
    }

    @Test
    void scalarOperandsIgnoreUpperSlotBits() {
        // i32 operands only use the low 32 bits of their slot
        long[] s = {0, 0, 0xFFFFFFFF00000001L, 0};
        assertEquals(4, SimdOps.execute(Opcode.I32X4_SPLAT, s, 3, 0, 0, 0));
        assertEquals(0x0000000100000001L, s[2]);
        assertEquals(0x0000000100000001L, s[3]);
        long[] t = {0x0102030405060708L, 0, 0xDEADBEEF00000009L};
        assertEquals(2, SimdOps.execute(Opcode.I64X2_SHL, t, 3, 0, 0, 0));
        assertEquals(0x0102030405060708L << 9, t[0]);
    }

    @AfterAll
    static void report() {
        Set<Opcode> missing = EnumSet.noneOf(Opcode.class);
        for (Opcode op : Opcode.values()) {
            if (op.prefix() == Opcode.PREFIX_FD && !Run.EXERCISED.contains(op)) {
                missing.add(op);
            }
        }
        System.out.println("SIMD opcodes exercised by hand-written tests run so far: " + Run.EXERCISED.size()
                + "; not yet: " + missing);
    }
}
