package org.ssvm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpcodeTest {
    @Test
    void everyEncodingAndNameIsUnique() {
        Set<Integer> encodings = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Opcode op : Opcode.values()) {
            assertTrue(encodings.add(op.prefix() << 16 | op.code()), "duplicate encoding " + op);
            if (op != Opcode.SELECT_T) {
                assertTrue(names.add(op.textName()), "duplicate name " + op.textName());
            }
        }
    }

    @Test
    void lookupsFindTheSameInstruction() {
        for (Opcode op : Opcode.values()) {
            Opcode found = op.prefix() == 0 ? Opcode.single(op.code()) : Opcode.prefixed(op.prefix(), op.code());
            assertSame(op, found);
        }
        assertSame(Opcode.I32_ADD, Opcode.byTextName("i32.add"));
        assertSame(Opcode.SELECT, Opcode.byTextName("select"));
        assertEquals(0x6A, Opcode.I32_ADD.code());
        assertEquals(0xFD, Opcode.I8X16_SHUFFLE.prefix());
        assertNull(Opcode.single(0x06));
        assertNull(Opcode.prefixed(0xFD, 154));
    }

    @Test
    void memoryInstructionsCarryTheirNaturalAlignment() {
        assertEquals(2, Opcode.I32_LOAD.naturalAlignment());
        assertEquals(0, Opcode.I64_LOAD8_U.naturalAlignment());
        assertEquals(4, Opcode.V128_LOAD.naturalAlignment());
        assertEquals(3, Opcode.V128_LOAD64_LANE.naturalAlignment());
        assertEquals(2, Opcode.V128_LOAD64_LANE.laneCount());
        assertEquals(-1, Opcode.I32_ADD.naturalAlignment());
    }
}
