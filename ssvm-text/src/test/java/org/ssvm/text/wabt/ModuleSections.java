package org.ssvm.text.wabt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssvm.model.DataSegment;
import org.ssvm.model.ElementSegment;
import org.ssvm.model.Expr;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Global;
import org.ssvm.model.Module;

/**
 * A decoded module rendered as readable lines, one list per section, so that two modules can be compared
 * section by section and a difference shown as the two differing lines. Custom sections (including names)
 * and the data count section are left out: wabt writes neither the same way as we do, and neither changes
 * what the module means.
 */
final class ModuleSections {
    private static final HexFormat HEX = HexFormat.of();

    private ModuleSections() {
    }

    /** Section name to its entries, in binary section order. */
    static Map<String, List<String>> render(Module m) {
        Map<String, List<String>> s = new LinkedHashMap<>();
        s.put("types", strings(m.types()));
        s.put("imports", strings(m.imports()));
        s.put("functions", strings(m.functions()));
        s.put("tables", strings(m.tables()));
        s.put("memories", strings(m.memories()));
        List<String> globals = new ArrayList<>();
        for (Global g : m.globals()) {
            globals.add(g.type() + " init " + hex(g.init()));
        }
        s.put("globals", globals);
        s.put("exports", strings(m.exports()));
        s.put("start", m.start() == null ? List.of() : List.of(m.start().toString()));
        List<String> elements = new ArrayList<>();
        for (ElementSegment e : m.elements()) {
            List<String> init = new ArrayList<>();
            for (Expr x : e.init()) {
                init.add(hex(x));
            }
            elements.add(e.mode() + " table " + e.tableIndex() + " offset " + hex(e.offset()) + " " + e.type()
                    + " " + init);
        }
        s.put("elements", elements);
        List<String> code = new ArrayList<>();
        for (FunctionBody b : m.bodies()) {
            code.add("locals " + Arrays.toString(b.locals()) + " code " + HEX.formatHex(b.code()));
        }
        s.put("code", code);
        List<String> data = new ArrayList<>();
        for (DataSegment d : m.data()) {
            data.add(d.mode() + " memory " + d.memoryIndex() + " offset " + hex(d.offset()) + " "
                    + HEX.formatHex(d.bytes()));
        }
        s.put("data", data);
        return s;
    }

    /**
     * The differences between two renderings: per differing section, the entry count if it differs, else the
     * first differing entry; empty when the modules agree.
     */
    static List<String> differences(Map<String, List<String>> ours, Map<String, List<String>> theirs) {
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : ours.entrySet()) {
            List<String> a = e.getValue();
            List<String> b = theirs.get(e.getKey());
            if (a.equals(b)) {
                continue;
            }
            if (a.size() != b.size()) {
                diffs.add(e.getKey() + ": " + a.size() + " entries, wabt " + b.size() + ": " + a + " vs " + b);
                continue;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).equals(b.get(i))) {
                    diffs.add(e.getKey() + "[" + i + "]: ours " + a.get(i) + ", wabt " + b.get(i));
                    break;
                }
            }
        }
        return diffs;
    }

    private static List<String> strings(List<?> items) {
        List<String> out = new ArrayList<>(items.size());
        for (Object o : items) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    private static String hex(Expr e) {
        return e == null ? "-" : HEX.formatHex(e.code());
    }
}
