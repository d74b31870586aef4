package org.ssvm.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssvm.model.Opcode;

class CostTableTest {
    @TempDir
    Path dir;

    @Test
    void defaultTableChargesOnePerInstruction() {
        for (Opcode op : Opcode.values()) {
            assertEquals(1, CostTable.DEFAULT.cost(op), op.textName());
        }
    }

    @Test
    void textIsCanonicalAndReadsBackAsTheSameTable() {
        assertEquals("default 1\n", CostTable.DEFAULT.toString());
        CostTable t = CostTable.parse("i32.div_s 20\ndefault 2\nselect 7\ncall 0\n");
        CostTable same = CostTable.uniform(2).with(Opcode.CALL, 0).with(Opcode.SELECT, 7).with(Opcode.I32_DIV_S, 20);
        assertEquals(t.toString(), same.toString(), "equal tables, equal texts, whatever order they were made in");
        CostTable back = CostTable.parse(t.toString());
        for (Opcode op : Opcode.values()) {
            assertEquals(t.cost(op), back.cost(op), op.textName());
        }
        assertTrue(!t.toString().equals(CostTable.uniform(2).toString()));
    }

    @Test
    void parsesNamesDefaultAndComments() {
        CostTable t = CostTable.parse("""
                # a comment line

                default 3
                i32.div_s 20   # trailing comment
                  call    7
                select 4
                v128.const 9
                memory.grow 1000
                """);
        assertEquals(20, t.cost(Opcode.I32_DIV_S));
        assertEquals(7, t.cost(Opcode.CALL));
        assertEquals(4, t.cost(Opcode.SELECT));
        assertEquals(4, t.cost(Opcode.SELECT_T), "select covers the typed form");
        assertEquals(9, t.cost(Opcode.V128_CONST));
        assertEquals(1000, t.cost(Opcode.MEMORY_GROW));
        assertEquals(3, t.cost(Opcode.I32_ADD));
        assertEquals(3, t.cost(Opcode.END));
    }

    @Test
    void defaultIsOneWhenAbsentAndZeroIsAllowed() {
        CostTable t = CostTable.parse("nop 0\r\nend 0\n");
        assertEquals(0, t.cost(Opcode.NOP));
        assertEquals(0, t.cost(Opcode.END));
        assertEquals(1, t.cost(Opcode.I64_MUL));
    }

    @Test
    void errorsNameTheLine() {
        assertError("i32.add 1\ni32.frobnicate 2", "line 2: unknown instruction 'i32.frobnicate'");
        assertError("i32.add", "line 1: expected 'NAME COST' or 'default COST', got 'i32.add'");
        assertError("i32.add 1 2", "line 1: expected 'NAME COST'");
        assertError("i32.add x", "line 1: cost 'x' is not an integer");
        assertError("\n\ni32.add -1", "line 3: cost -1 is outside 0..1000000");
        assertError("i32.add 1000001", "line 1: cost 1000001 is outside");
        assertError("i32.add 1\ni32.add 2", "line 2: i32.add given twice");
        assertError("default 1\ndefault 2", "line 2: default given twice");
    }

    private static void assertError(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostTable.parse(text));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void loadsFromFileAndNamesTheFileInErrors() throws IOException {
        Path good = dir.resolve("costs.txt");
        Files.writeString(good, "default 2\ncall 10\n");
        CostTable t = CostTable.load(good);
        assertEquals(10, t.cost(Opcode.CALL));
        assertEquals(2, t.cost(Opcode.BR));
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "call ten\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostTable.load(bad));
        assertEquals(bad + ": line 1: cost 'ten' is not an integer", e.getMessage());
        assertThrows(IOException.class, () -> CostTable.load(dir.resolve("missing.txt")));
    }

    @Test
    void withChangesOneCost() {
        CostTable t = CostTable.DEFAULT.with(Opcode.I32_ADD, 10);
        assertEquals(10, t.cost(Opcode.I32_ADD));
        assertEquals(1, CostTable.DEFAULT.cost(Opcode.I32_ADD));
        assertThrows(IllegalArgumentException.class, () -> t.with(Opcode.NOP, -1));
    }
}
