package org.ssvm.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OffsetTableTest {
    @Test
    void answersTheInstructionCoveringAPosition() {
        OffsetTable.Builder b = new OffsetTable.Builder();
        b.add(0, 0);
        b.add(2, 3);
        b.add(5, 4);
        b.add(200, 100_000); // deltas that take several LEB128 bytes
        b.add(70_000, 100_001);
        OffsetTable t = b.build();
        assertEquals(0, t.offsetAt(0));
        assertEquals(0, t.offsetAt(1));
        assertEquals(3, t.offsetAt(2));
        assertEquals(3, t.offsetAt(4));
        assertEquals(4, t.offsetAt(199));
        assertEquals(100_000, t.offsetAt(200));
        assertEquals(100_000, t.offsetAt(69_999));
        assertEquals(100_001, t.offsetAt(70_000));
        assertEquals(100_001, t.offsetAt(1 << 30));
    }

    @Test
    void fusingReplacesTheFusedEntriesByTheLastOriginalInstruction() {
        OffsetTable.Builder b = new OffsetTable.Builder();
        b.add(0, 0);  // i32.const
        b.add(2, 2);  // local.get
        b.add(4, 4);  // i32.lt_s
        b.replaceFrom(2, 5); // local.get, i32.lt_s and br_if became one instruction
        b.add(5, 7);
        OffsetTable t = b.build();
        assertEquals(0, t.offsetAt(1));
        assertEquals(5, t.offsetAt(2));
        assertEquals(5, t.offsetAt(4));
        assertEquals(7, t.offsetAt(5));
    }

    @Test
    void emptyTableAndPositionsBeforeTheFirstInstruction() {
        assertEquals(-1, new OffsetTable.Builder().build().offsetAt(3));
        OffsetTable.Builder b = new OffsetTable.Builder();
        b.add(4, 9);
        assertEquals(-1, b.build().offsetAt(3));
    }

    @Test
    void smallStepsTakeTwoBytesAnEntry() {
        OffsetTable.Builder b = new OffsetTable.Builder();
        for (int i = 0; i < 1000; i++) {
            b.add(i * 3, i * 4);
        }
        OffsetTable t = b.build();
        assertEquals(2000, t.byteSize());
        assertTrue(t.offsetAt(2999) == 3996);
    }
}
