package org.ssvm.runtime.simd;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ssvm.TrapException;
import org.ssvm.model.Limits;
import org.ssvm.model.MemoryType;
import org.ssvm.model.Opcode;
import org.ssvm.runtime.Memory;
import org.ssvm.runtime.simd.SExpr.Atom;
import org.ssvm.runtime.simd.SExpr.Node;

/**
 * Runs the {@code assert_return} cases of a spec SIMD script whose functions are straight-line code over
 * parameters, locals, constants and non-memory SIMD instructions, evaluating them with {@link SimdOps#execute}.
 * Functions using anything else (memory, control flow, calls) are skipped and counted, so the test can check
 * that the bulk of each script really ran. This is a test harness, not an engine.
 */
final class SimdScriptRunner {
    /** Thrown while reading a function that uses an instruction outside the subset. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String what) { super(what, null, false, false); }
    }

    record Instr(Opcode op, long a, long b, int lane) {}

    static final class Func {
        final List<Character> locals = new ArrayList<>(); // params first
        final Map<String, Integer> names = new HashMap<>();
        Map<String, Expected> globals = Map.of();
        final List<Character> results = new ArrayList<>();
        final List<Instr> body = new ArrayList<>();
        int params;
    }

    int passed;
    int skipped;
    final List<String> failures = new ArrayList<>();
    final Set<Opcode> covered = EnumSet.noneOf(Opcode.class);

    private final Map<String, Map<String, Func>> namedModules = new HashMap<>();
    private final Map<Map<String, Func>, Memory> memories = new HashMap<>();
    private Map<String, Func> current = Map.of();

    void run(String fileName, String text) {
        for (Node form : SExpr.parseAll(text)) {
            switch (form.head()) {
                case "module" -> module(form);
                case "assert_return" -> assertReturn(fileName, form);
                case "assert_trap" -> assertTrap(fileName, form);
                default -> { } // traps, invalid/malformed modules and registrations are other engines' business
            }
        }
    }

    private void module(Node form) {
        Map<String, Func> exports = new HashMap<>();
        int start = 1;
        String name = null;
        if (form.size() > 1 && form.get(1) instanceof Atom a && a.text().startsWith("$")) {
            name = a.text();
            start = 2;
        }
        Memory memory = null;
        List<Node> data = new ArrayList<>();
        boolean text = !(start < form.size() && form.get(start) instanceof Atom);  // not binary/quote
        for (int i = start; text && i < form.size(); i++) {
            if (form.get(i) instanceof Node item && item.head().equals("memory")) {
                long pages = WastLiterals.integer(((Atom) item.get(item.size() - 1)).text(), 32);
                memory = new Memory(new MemoryType(Limits.of(pages)));
            } else if (form.get(i) instanceof Node item && item.head().equals("data")) {
                data.add(item);
            }
        }
        Map<String, Expected> globals = new HashMap<>();
        boolean globalsChange = form.toString().contains("global.set"); // then treat them as unsupported
        for (int i = start; text && !globalsChange && i < form.size(); i++) {
            if (form.get(i) instanceof Node item && item.head().equals("global")
                    && item.get(1) instanceof Atom id && item.get(item.size() - 1) instanceof Node init) {
                try {
                    Expected g = value(init);
                    g.lanes = 0;
                    globals.put(id.text(), g);
                } catch (RuntimeException e) {
                    // not a constant initialiser we can read; functions using it are skipped
                }
            }
        }
        for (Node d : data) {
            if (memory != null) {
                initData(memory, d);
            }
        }
        for (int i = start; text && i < form.size(); i++) {
            if (form.get(i) instanceof Node item && item.head().equals("func")) {
                List<String> exportNames = new ArrayList<>();
                Func f = function(item, exportNames, globals);
                for (String e : exportNames) {
                    exports.put(e, f);
                }
            }
        }
        current = exports;
        if (memory != null) {
            memories.put(exports, memory);
        }
        if (name != null) {
            namedModules.put(name, exports);
        }
    }

    /** Copies an active data segment {@code (data (i32.const off) "bytes"...)} into memory. */
    private static void initData(Memory memory, Node d) {
        Node offsetExpr = (Node) d.get(1);
        if (offsetExpr.head().equals("offset")) {
            offsetExpr = (Node) offsetExpr.get(1);
        }
        long offset = WastLiterals.integer(((Atom) offsetExpr.get(1)).text(), 32);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 2; i < d.size(); i++) {
            String s = ((Atom) d.get(i)).unquoted();
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c != '\\') {
                    bytes.write(c);
                } else if (Character.digit(s.charAt(k + 1), 16) >= 0 && k + 2 < s.length()
                        && Character.digit(s.charAt(k + 2), 16) >= 0) {
                    bytes.write(Integer.parseInt(s.substring(k + 1, k + 3), 16));
                    k += 2;
                } else {
                    char e = s.charAt(++k);
                    bytes.write(switch (e) { case 'n' -> '\n'; case 't' -> '\t'; case 'r' -> '\r'; default -> e; });
                }
            }
        }
        byte[] b = bytes.toByteArray();
        memory.write(offset, b, 0, b.length);
    }

    /** Reads a function; returns null when it is outside the subset (its exports then count as skipped). */
    private Func function(Node item, List<String> exportNames, Map<String, Expected> globals) {
        Func f = new Func();
        f.globals = globals;
        try {
            int i = item.get(1) instanceof Atom a && a.text().startsWith("$") ? 2 : 1;
            for (; i < item.size() && item.get(i) instanceof Node n && isDeclaration(n.head()); i++) {
                switch (n.head()) {
                    case "export" -> exportNames.add(((Atom) n.get(1)).unquoted());
                    case "result" -> {
                        for (int j = 1; j < n.size(); j++) {
                            f.results.add(type(((Atom) n.get(j)).text()));
                        }
                    }
                    case "type" -> throw new Unsupported("type use");
                    default -> { // param or local
                        boolean param = n.head().equals("param");
                        if (param && f.locals.size() != f.params) {
                            throw new Unsupported("param after local");
                        }
                        int j = 1;
                        if (((Atom) n.get(1)).text().startsWith("$")) {
                            f.names.put(((Atom) n.get(1)).text(), f.locals.size());
                            j = 2;
                        }
                        for (; j < n.size(); j++) {
                            f.locals.add(type(((Atom) n.get(j)).text()));
                            f.params += param ? 1 : 0;
                        }
                    }
                }
            }
            flatten(item.items(), i, f);
            return f;
        } catch (Unsupported | ClassCastException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static boolean isDeclaration(String head) {
        return switch (head) {
            case "export", "param", "local", "result", "type" -> true;
            default -> false;
        };
    }

    private static char type(String t) {
        return switch (t) {
            case "i32" -> 'i';
            case "i64" -> 'l';
            case "f32" -> 'f';
            case "f64" -> 'd';
            case "v128" -> 'v';
            default -> throw new Unsupported(t);
        };
    }

    private record Parsed(Instr in, int next) {}

    /** Appends the instructions of {@code items[from..]} in execution order (folded operands first). */
    private static void flatten(List<SExpr> items, int from, Func f) {
        int i = from;
        while (i < items.size()) {
            if (items.get(i) instanceof Node n) {
                Parsed p = instr(n.items(), 0, f);
                flatten(n.items(), p.next(), f);
                f.body.add(p.in());
                i++;
            } else {
                Parsed p = instr(items, i, f);
                f.body.add(p.in());
                i = p.next();
            }
        }
    }

    /** Reads the instruction name and immediates at {@code i}. */
    private static Parsed instr(List<SExpr> items, int i, Func f) {
        String name = ((Atom) items.get(i)).text();
        Opcode op = Opcode.byTextName(name);
        if (op == null) {
            throw new Unsupported(name);
        }
        i++;
        Instr in;
        switch (op) {
            case LOCAL_GET, LOCAL_SET, LOCAL_TEE -> {
                String t = ((Atom) items.get(i++)).text();
                Integer idx = t.startsWith("$") ? f.names.get(t) : Integer.valueOf(t);
                if (idx == null) {
                    throw new Unsupported(t);
                }
                in = new Instr(op, idx, 0, 0);
            }
            case I32_CONST -> in = new Instr(op, WastLiterals.integer(((Atom) items.get(i++)).text(), 32), 0, 0);
            case I64_CONST -> in = new Instr(op, WastLiterals.integer(((Atom) items.get(i++)).text(), 64), 0, 0);
            case F32_CONST -> in = new Instr(op, WastLiterals.f32(((Atom) items.get(i++)).text()) & 0xFFFFFFFFL, 0, 0);
            case F64_CONST -> in = new Instr(op, WastLiterals.f64(((Atom) items.get(i++)).text()), 0, 0);
            case V128_CONST -> {
                Expected v = v128(items, i);
                i += 1 + v.lanes;
                in = new Instr(op, v.lo, v.hi, 0);
            }
            case I8X16_SHUFFLE -> {
                long lo = 0, hi = 0;
                for (int k = 0; k < 16; k++) {
                    long b = WastLiterals.integer(((Atom) items.get(i++)).text(), 8);
                    if (k < 8) { lo |= b << (8 * k); } else { hi |= b << (8 * (k - 8)); }
                }
                in = new Instr(op, lo, hi, 0);
            }
            case I32_ADD -> in = new Instr(op, 0, 0, 0);
            case GLOBAL_GET -> {
                Expected g = f.globals.get(((Atom) items.get(i++)).text());
                if (g == null) {
                    throw new Unsupported(name);
                }
                in = new Instr(op, g.lo, g.hi, g.type == 'v' ? 2 : 1);
            }
            case I64_LOAD -> {
                long offset = 0;
                while (i < items.size() && items.get(i) instanceof Atom a
                        && (a.text().startsWith("offset=") || a.text().startsWith("align="))) {
                    if (a.text().startsWith("offset=")) {
                        offset = WastLiterals.integer(a.text().substring(7), 64);
                    }
                    i++;
                }
                in = new Instr(op, offset, 0, 0);
            }
            default -> {
                if (op.prefix() != Opcode.PREFIX_FD) {
                    throw new Unsupported(name);
                }
                if (op.immediate() == Opcode.Immediate.MEMARG || op.immediate() == Opcode.Immediate.MEMARG_LANE) {
                    long offset = 0;
                    while (i < items.size() && items.get(i) instanceof Atom a
                            && (a.text().startsWith("offset=") || a.text().startsWith("align="))) {
                        if (a.text().startsWith("offset=")) {
                            offset = WastLiterals.integer(a.text().substring(7), 64);
                        }
                        i++;
                    }
                    int lane = 0;
                    if (op.immediate() == Opcode.Immediate.MEMARG_LANE) {
                        lane = (int) WastLiterals.integer(((Atom) items.get(i++)).text(), 32);
                    }
                    return new Parsed(new Instr(op, offset, 0, lane), i);
                }
                int lane = 0;
                if (op.immediate() == Opcode.Immediate.LANE) {
                    lane = (int) WastLiterals.integer(((Atom) items.get(i++)).text(), 32);
                }
                in = new Instr(op, 0, 0, lane);
            }
        }
        return new Parsed(in, i);
    }

    // ------------------------------------------------------------------ values

    /** An expected v128 or scalar: exact bits, or per-lane NaN patterns for float lanes. */
    static final class Expected {
        char type;
        long lo, hi;
        int lanes;
        int laneBits;
        /** Per lane: 0 exact, 1 nan:canonical, 2 nan:arithmetic. */
        int[] kinds = new int[16];
    }

    static Expected v128(List<SExpr> items, int i) {
        String shape = ((Atom) items.get(i)).text();
        Expected e = new Expected();
        e.type = 'v';
        int bits = switch (shape) {
            case "i8x16" -> 8;
            case "i16x8" -> 16;
            case "i32x4", "f32x4" -> 32;
            case "i64x2", "f64x2" -> 64;
            default -> throw new Unsupported(shape);
        };
        e.lanes = 128 / bits;
        e.laneBits = bits;
        for (int k = 0; k < e.lanes; k++) {
            String t = ((Atom) items.get(i + 1 + k)).text();
            long v;
            if (t.endsWith("nan:canonical") || t.endsWith("nan:arithmetic")) {
                e.kinds[k] = t.endsWith("canonical") ? 1 : 2;
                v = 0;
            } else if (shape.equals("f32x4")) {
                v = WastLiterals.f32(t) & 0xFFFFFFFFL;
            } else if (shape.equals("f64x2")) {
                v = WastLiterals.f64(t);
            } else {
                v = WastLiterals.integer(t, bits);
            }
            int pos = k * bits;
            if (pos < 64) { e.lo |= v << pos; } else { e.hi |= v << (pos - 64); }
        }
        return e;
    }

    static Expected value(Node n) {
        String head = n.head();
        if (head.equals("v128.const")) {
            return v128(n.items(), 1);
        }
        Expected e = new Expected();
        e.lanes = 1;
        String t = ((Atom) n.get(1)).text();
        switch (head) {
            case "i32.const" -> { e.type = 'i'; e.lo = WastLiterals.integer(t, 32); e.laneBits = 32; }
            case "i64.const" -> { e.type = 'l'; e.lo = WastLiterals.integer(t, 64); e.laneBits = 64; }
            case "f32.const" -> { e.type = 'f'; e.laneBits = 32; scalarFloat(e, t, 32); }
            case "f64.const" -> { e.type = 'd'; e.laneBits = 64; scalarFloat(e, t, 64); }
            default -> throw new Unsupported(head);
        }
        return e;
    }

    private static void scalarFloat(Expected e, String t, int bits) {
        if (t.endsWith("nan:canonical") || t.endsWith("nan:arithmetic")) {
            e.kinds[0] = t.endsWith("canonical") ? 1 : 2;
        } else {
            e.lo = bits == 32 ? WastLiterals.f32(t) & 0xFFFFFFFFL : WastLiterals.f64(t);
        }
    }

    /** Whether the raw result bits match, honouring NaN patterns (only float lanes carry patterns). */
    static boolean matches(Expected e, long lo, long hi) {
        if (e.type == 'i' || e.type == 'f') {
            lo &= 0xFFFFFFFFL;
            hi = 0;
        }
        for (int k = 0; k < e.lanes; k++) {
            int pos = k * e.laneBits;
            long laneMask = e.laneBits == 64 ? -1L : (1L << e.laneBits) - 1;
            long got = (pos < 64 ? lo >>> pos : hi >>> (pos - 64)) & laneMask;
            long want = (pos < 64 ? e.lo >>> pos : e.hi >>> (pos - 64)) & laneMask;
            boolean ok = switch (e.kinds[k]) {
                case 0 -> got == want;
                case 1 -> e.laneBits == 32 ? (got & 0x7FFFFFFFL) == 0x7FC00000L
                        : (got & Long.MAX_VALUE) == 0x7FF8000000000000L;
                default -> e.laneBits == 32 ? (got & 0x7FC00000L) == 0x7FC00000L
                        : (got & 0x7FF8000000000000L) == 0x7FF8000000000000L;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ assertions

    /** Runs {@code f} with the arguments of an invoke form; returns sp. Traps propagate. */
    private int invoke(Func f, Node invoke, int i, Map<String, Func> module, long[] s) {
        Memory memory = memories.get(module);
        long[][] locals = new long[f.locals.size()][2];
        for (int k = 0; k < f.params; k++) {
            Expected arg = value((Node) invoke.get(i + 1 + k));
            locals[k][0] = arg.lo;
            locals[k][1] = arg.hi;
        }
        int sp = 0;
        for (Instr in : f.body) {
            switch (in.op()) {
                case LOCAL_GET -> {
                    int x = (int) in.a();
                    s[sp++] = locals[x][0];
                    if (f.locals.get(x) == 'v') {
                        s[sp++] = locals[x][1];
                    }
                }
                case LOCAL_SET, LOCAL_TEE -> {
                    int x = (int) in.a();
                    if (f.locals.get(x) == 'v') {
                        locals[x][0] = s[sp - 2];
                        locals[x][1] = s[sp - 1];
                        sp -= in.op() == Opcode.LOCAL_SET ? 2 : 0;
                    } else {
                        locals[x][0] = s[sp - 1];
                        sp -= in.op() == Opcode.LOCAL_SET ? 1 : 0;
                    }
                }
                case I32_CONST, I64_CONST, F32_CONST, F64_CONST -> s[sp++] = in.a();
                case I32_ADD -> { s[sp - 2] = (int) s[sp - 2] + (int) s[sp - 1]; sp--; }
                case GLOBAL_GET -> {
                    s[sp++] = in.a();
                    if (in.lane() == 2) {
                        s[sp++] = in.b();
                    }
                }
                case I64_LOAD -> s[sp - 1] = memory.loadLong(((int) s[sp - 1] & 0xFFFFFFFFL) + in.a());
                case V128_LOAD8_LANE, V128_LOAD16_LANE, V128_LOAD32_LANE, V128_LOAD64_LANE -> {
                    long ea = ((int) s[sp - 3] & 0xFFFFFFFFL) + in.a();
                    s[sp - 3] = s[sp - 2];
                    s[sp - 2] = s[sp - 1];
                    sp = SimdOps.load(in.op(), memory, ea, s, sp - 1, in.lane());
                    covered.add(in.op());
                }
                case V128_STORE, V128_STORE8_LANE, V128_STORE16_LANE, V128_STORE32_LANE, V128_STORE64_LANE -> {
                    long ea = ((int) s[sp - 3] & 0xFFFFFFFFL) + in.a();
                    s[sp - 3] = s[sp - 2];
                    s[sp - 2] = s[sp - 1];
                    sp = SimdOps.store(in.op(), memory, ea, s, sp - 1, in.lane());
                    covered.add(in.op());
                }
                default -> {
                    if (in.op().immediate() == Opcode.Immediate.MEMARG) {
                        long ea = ((int) s[sp - 1] & 0xFFFFFFFFL) + in.a();
                        sp = SimdOps.load(in.op(), memory, ea, s, sp - 1, 0);
                        covered.add(in.op());
                        continue;
                    }
                    sp = SimdOps.execute(in.op(), s, sp, in.lane(), in.a(), in.b());
                    covered.add(in.op());
                }
            }
        }
        return sp;
    }

    private void assertTrap(String file, Node form) {
        Node invoke = (Node) form.get(1);
        if (!invoke.head().equals("invoke") || ((Atom) invoke.get(1)).text().startsWith("$")) {
            return;
        }
        Func f = current.get(((Atom) invoke.get(1)).unquoted());
        if (f == null) {
            skipped++;
            return;
        }
        String message = ((Atom) form.get(2)).unquoted();
        try {
            invoke(f, invoke, 1, current, new long[64]);
            failures.add(file + ": no trap: " + form);
        } catch (TrapException e) {
            if (e.getMessage().equals(message)) {
                passed++;
            } else {
                failures.add(file + ": wrong trap " + e.getMessage() + ": " + form);
            }
        }
    }

    private void assertReturn(String file, Node form) {
        Node invoke = (Node) form.get(1);
        if (!invoke.head().equals("invoke")) {
            return;
        }
        int i = 1;
        Map<String, Func> module = current;
        if (((Atom) invoke.get(1)).text().startsWith("$")) {
            module = namedModules.getOrDefault(((Atom) invoke.get(1)).text(), Map.of());
            i = 2;
        }
        Func f = module.get(((Atom) invoke.get(i)).unquoted());
        if (f == null) {
            skipped++;
            return;
        }
        long[] s = new long[64];
        int sp = invoke(f, invoke, i, module, s);
        List<Expected> want = new ArrayList<>();
        for (int k = 2; k < form.size(); k++) {
            want.add(value((Node) form.get(k)));
        }
        int expectedSlots = 0;
        for (char c : f.results) {
            expectedSlots += c == 'v' ? 2 : 1;
        }
        boolean ok = sp == expectedSlots && want.size() == f.results.size();
        int slot = 0;
        for (int k = 0; ok && k < want.size(); k++) {
            Expected e = want.get(k);
            ok = e.type == 'v' ? matches(e, s[slot], s[slot + 1]) : matches(e, s[slot], 0);
            slot += e.type == 'v' ? 2 : 1;
        }
        if (ok) {
            passed++;
        } else if (failures.size() < 50) {
            failures.add(file + ": " + form + " got " + Long.toHexString(s[0]) + " " + Long.toHexString(s[1]));
        } else {
            failures.add("...");
        }
    }
}
