package org.ssvm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssvm.model.FunctionBody;
import org.ssvm.text.wast.Command;
import org.ssvm.text.wast.Expected;
import org.ssvm.text.wast.ModuleSource;
import org.ssvm.text.wast.Script;
import org.ssvm.text.wast.Value;
import org.ssvm.text.wast.Wast;

/**
 * const.wast pairs modules returning one float constant with the exactly rounded result. The constant in the
 * emitted body ({@code f32.const}/{@code f64.const} bytes) must equal the expected bits.
 */
class ConstSuiteRoundingTest {

    @Test
    void everyRoundingCaseOfConstWast() throws IOException {
        String text = Files.readString(SpecSuiteParseTest.suiteDir().resolve("const.wast"));
        Script script = Wast.parse(text, "const.wast");
        FunctionBody last = null;
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Command c : script.commands()) {
            if (c instanceof Command.DefineModule d && d.module().source() instanceof ModuleSource.Text t) {
                last = t.module().bodies().size() == 1 ? t.module().bodies().getFirst() : null;
            } else if (c instanceof Command.AssertReturn r && last != null && r.expected().size() == 1
                    && r.expected().getFirst() instanceof Expected.Exact e) {
                byte[] code = last.code();
                long actual;
                long want;
                if (e.value() instanceof Value.F32 f && code[0] == 0x43) {
                    actual = le(code, 1, 4);
                    want = f.bits() & 0xFFFF_FFFFL;
                } else if (e.value() instanceof Value.F64 f && code[0] == 0x44) {
                    actual = le(code, 1, 8);
                    want = f.bits();
                } else {
                    continue;
                }
                checked++;
                if (actual != want) {
                    wrong.add("line " + r.line() + ": got " + Long.toHexString(actual) + " want "
                            + Long.toHexString(want));
                }
            }
        }
        System.out.println("const.wast: " + checked + " float rounding cases checked");
        assertTrue(checked >= 300, "expected the suite's rounding cases, found " + checked);
        assertEquals(List.of(), wrong);
    }

    private static long le(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }
}
