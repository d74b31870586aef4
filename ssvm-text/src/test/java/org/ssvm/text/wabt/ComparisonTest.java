package org.ssvm.text.wabt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssvm.model.Module;
import org.ssvm.text.Wat;

/** The differential test's own machinery: block type normalization and section comparison. */
class ComparisonTest {

    @Test
    void blockTypeIndicesWithAShortFormAreRewritten() {
        Module m = Wat.parseModule("""
                (module
                  (type $e (func))
                  (type $r (func (result i32)))
                  (type $p (func (param i32)))
                  (func
                    (block (type $e))
                    (drop (block (type $r) (i32.const 1)))
                    (i32.const 0) (block (type $p) (drop))))
                """);
        assertEquals("02000b" + "020141010b1a" + "410002021a0b" + "0b",
                HexFormat.of().formatHex(m.bodies().getFirst().code()));
        assertEquals(2, BlockTypes.normalize(m));
        // empty type -> 0x40, one result -> the value type, a parameter keeps the index
        assertEquals("02400b" + "027f41010b1a" + "410002021a0b" + "0b",
                HexFormat.of().formatHex(m.bodies().getFirst().code()));
        assertEquals(0, BlockTypes.normalize(m));
    }

    @Test
    void differencesNameSectionAndEntry() {
        Module a = Wat.parseModule("(module (func (result i32) (i32.const 1)) (export \"f\" (func 0)))");
        Module b = Wat.parseModule("(module (func (result i32) (i32.const 2)) (export \"g\" (func 0)))");
        assertEquals(List.of(), ModuleSections.differences(ModuleSections.render(a), ModuleSections.render(a)));
        List<String> diffs = ModuleSections.differences(ModuleSections.render(a), ModuleSections.render(b));
        assertEquals(2, diffs.size(), diffs.toString());
        assertTrue(diffs.get(0).startsWith("exports[0]: ours "), diffs.get(0));
        assertTrue(diffs.get(1).startsWith("code[0]: ours locals [] code 41010b, wabt locals [] code 41020b"),
                diffs.get(1));
        Module c = Wat.parseModule("(module (memory 1) (memory 2))");
        Module d = Wat.parseModule("(module (memory 1))");
        assertTrue(ModuleSections.differences(ModuleSections.render(c), ModuleSections.render(d)).getFirst()
                .startsWith("memories: 2 entries, wabt 1"));
    }
}
