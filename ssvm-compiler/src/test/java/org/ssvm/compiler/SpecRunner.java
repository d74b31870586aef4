package org.ssvm.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ssvm.EngineKind;
import org.ssvm.LinkException;
import org.ssvm.Linker;
import org.ssvm.TrapException;
import org.ssvm.WasmException;
import org.ssvm.WasmFunction;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.model.FuncType;
import org.ssvm.model.GlobalType;
import org.ssvm.model.Limits;
import org.ssvm.model.MemoryType;
import org.ssvm.model.TableType;
import org.ssvm.model.ValType;
import org.ssvm.runtime.FunctionInstance;
import org.ssvm.runtime.Global;
import org.ssvm.runtime.Memory;
import org.ssvm.runtime.Table;

/**
 * Runs the execution commands of one spec .wast script (converted by wabt's {@code wast2json}) on an engine:
 * modules, register, actions, assert_return, assert_trap, assert_exhaustion, assert_uninstantiable and
 * assert_unlinkable. Validation and decoding assertions are the decoder's and validator's business and are
 * skipped. A test-only stand-in until the project's own WAST runner is merged.
 */
final class SpecRunner {
    /** An externref value of the scripts: {@code (ref.extern n)}. */
    record HostRef(long n) {}

    final List<String> failures = new ArrayList<>();
    int passed;

    private final Path dir;
    private final WasmRuntime runtime;
    private final Linker linker;
    private final Map<String, WasmInstance> named = new HashMap<>();
    private WasmInstance current;

    SpecRunner(Path dir, EngineKind engine) {
        this.dir = dir;
        this.runtime = WasmRuntime.builder().engine(engine).maxCallDepth(10_000).threadStackSize(64L << 20).build();
        this.linker = runtime.linker();
        defineSpectest();
    }

    @SuppressWarnings("unchecked")
    void run(Path json) throws IOException {
        Map<String, Object> script = (Map<String, Object>) Json.parse(Files.readString(json, StandardCharsets.UTF_8));
        try {
            for (Object o : (List<Object>) script.get("commands")) {
                Map<String, Object> c = (Map<String, Object>) o;
                String where = json.getFileName() + ":" + ((Number) c.get("line")).intValue();
                try {
                    command(c, where);
                } catch (RuntimeException | StackOverflowError e) {
                    failures.add(where + " " + c.get("type") + ": unexpected " + e);
                }
            }
        } finally {
            runtime.close();
        }
    }

    @SuppressWarnings("unchecked")
    private void command(Map<String, Object> c, String where) {
        String type = (String) c.get("type");
        switch (type) {
            case "module" -> {
                current = null;
                WasmInstance inst = linker.instantiate(WasmModule.fromPath(dir.resolve((String) c.get("filename"))));
                current = inst;
                if (c.get("name") != null) {
                    named.put((String) c.get("name"), inst);
                }
                passed++;
            }
            case "register" -> {
                WasmInstance inst = c.get("name") != null ? named.get((String) c.get("name")) : current;
                linker.register((String) c.get("as"), inst);
            }
            case "action" -> {
                act((Map<String, Object>) c.get("action"));
                passed++;
            }
            case "assert_return" -> {
                Map<String, Object> action = (Map<String, Object>) c.get("action");
                Object[] got = act(action);
                List<Object> expected = (List<Object>) c.get("expected");
                String problem = compare(got, expected);
                if (problem == null) {
                    passed++;
                } else {
                    failures.add(where + " " + action.get("field") + ": " + problem);
                }
            }
            case "assert_trap", "assert_exhaustion" -> {
                String text = (String) c.get("text");
                try {
                    act((Map<String, Object>) c.get("action"));
                    failures.add(where + " " + type + ": no trap, expected " + text);
                } catch (TrapException e) {
                    if (e.getMessage() != null && e.getMessage().startsWith(text)) {
                        passed++;
                    } else {
                        failures.add(where + " " + type + ": trap '" + e.getMessage() + "', expected " + text);
                    }
                }
            }
            case "assert_uninstantiable" -> {
                try {
                    linker.instantiate(WasmModule.fromPath(dir.resolve((String) c.get("filename"))));
                    failures.add(where + " instantiated, expected trap " + c.get("text"));
                } catch (TrapException e) {
                    passed++;
                }
            }
            case "assert_unlinkable" -> {
                try {
                    linker.instantiate(WasmModule.fromPath(dir.resolve((String) c.get("filename"))));
                    failures.add(where + " linked, expected " + c.get("text"));
                } catch (LinkException e) {
                    passed++;
                }
            }
            default -> { } // assert_invalid, assert_malformed: not about execution
        }
    }

    @SuppressWarnings("unchecked")
    private Object[] act(Map<String, Object> action) {
        WasmInstance inst = action.get("module") != null ? named.get((String) action.get("module")) : current;
        if (inst == null) {
            throw new WasmException("no module for action");
        }
        String field = (String) action.get("field");
        if (action.get("type").equals("get")) {
            Global g = inst.global(field);
            long[] s = {g.bits, g.bitsHigh};
            return new Object[] {s, new Object[] {g.ref}, g.type().valueType()};
        }
        WasmFunction f = inst.function(field);
        FuncType ft = f.type();
        List<Object> args = (List<Object>) action.get("args");
        int n = Math.max(FunctionInstance.slotCount(ft.params()), FunctionInstance.slotCount(ft.results())) + 1;
        long[] s = new long[n];
        Object[] r = new Object[n];
        int at = 0;
        for (Object a : args) {
            Map<String, Object> v = (Map<String, Object>) a;
            at = write(v, s, r, at);
        }
        f.invoke(s, r, 0);
        return new Object[] {s, r, null};
    }

    @SuppressWarnings("unchecked")
    private static int write(Map<String, Object> v, long[] s, Object[] r, int at) {
        String type = (String) v.get("type");
        Object value = v.get("value");
        switch (type) {
            case "i32", "f32" -> s[at] = Long.parseUnsignedLong((String) value) & 0xFFFF_FFFFL;
            case "i64", "f64" -> s[at] = Long.parseUnsignedLong((String) value);
            case "v128" -> {
                byte[] bytes = lanes((String) v.get("lane_type"), (List<Object>) value);
                s[at] = le(bytes, 0);
                s[at + 1] = le(bytes, 8);
                return at + 2;
            }
            case "externref" -> r[at] = "null".equals(value) ? null : new HostRef(Long.parseLong((String) value));
            case "funcref" -> r[at] = null;
            default -> throw new IllegalArgumentException("value type " + type);
        }
        return at + 1;
    }

    private static byte[] lanes(String laneType, List<Object> values) {
        int width = switch (laneType) {
            case "i8" -> 1;
            case "i16" -> 2;
            case "i32", "f32" -> 4;
            default -> 8;
        };
        byte[] b = new byte[16];
        for (int i = 0; i < values.size(); i++) {
            String str = (String) values.get(i);
            long bits = str.startsWith("nan") ? 0 : Long.parseUnsignedLong(str);
            for (int k = 0; k < width; k++) {
                b[i * width + k] = (byte) (bits >>> (8 * k));
            }
        }
        return b;
    }

    private static long le(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** Null when the results match, else what differs. */
    @SuppressWarnings("unchecked")
    private static String compare(Object[] got, List<Object> expected) {
        long[] s = (long[]) got[0];
        Object[] r = (Object[]) got[1];
        int at = 0;
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> e = (Map<String, Object>) expected.get(i);
            String type = (String) e.get("type");
            Object value = e.get("value");
            boolean ok;
            String actual;
            switch (type) {
                case "i32" -> {
                    ok = (int) s[at] == (int) Long.parseUnsignedLong((String) value);
                    actual = Integer.toUnsignedString((int) s[at]);
                }
                case "i64" -> {
                    ok = s[at] == Long.parseUnsignedLong((String) value);
                    actual = Long.toUnsignedString(s[at]);
                }
                case "f32" -> {
                    ok = floatMatches((String) value, (int) s[at]);
                    actual = Integer.toUnsignedString((int) s[at]);
                }
                case "f64" -> {
                    ok = doubleMatches((String) value, s[at]);
                    actual = Long.toUnsignedString(s[at]);
                }
                case "v128" -> {
                    ok = v128Matches((String) e.get("lane_type"), (List<Object>) value, s[at], s[at + 1]);
                    actual = Long.toHexString(s[at + 1]) + ":" + Long.toHexString(s[at]);
                    at++;
                }
                case "externref" -> {
                    Object want = "null".equals(value) ? null : new HostRef(Long.parseLong((String) value));
                    ok = java.util.Objects.equals(want, r[at]);
                    actual = String.valueOf(r[at]);
                }
                case "funcref" -> {
                    ok = "null".equals(value) ? r[at] == null : r[at] != null;
                    actual = String.valueOf(r[at]);
                }
                default -> throw new IllegalArgumentException("value type " + type);
            }
            if (!ok) {
                return "result " + i + " is " + actual + ", expected " + value;
            }
            at++;
        }
        return null;
    }

    private static boolean floatMatches(String want, int bits) {
        return switch (want) {
            case "nan:canonical" -> (bits & 0x7FFF_FFFF) == 0x7FC0_0000;
            case "nan:arithmetic" -> (bits & 0x7FC0_0000) == 0x7FC0_0000;
            default -> bits == (int) Long.parseUnsignedLong(want);
        };
    }

    private static boolean doubleMatches(String want, long bits) {
        return switch (want) {
            case "nan:canonical" -> (bits & Long.MAX_VALUE) == 0x7FF8_0000_0000_0000L;
            case "nan:arithmetic" -> (bits & 0x7FF8_0000_0000_0000L) == 0x7FF8_0000_0000_0000L;
            default -> bits == Long.parseUnsignedLong(want);
        };
    }

    private static boolean v128Matches(String laneType, List<Object> lanes, long lo, long hi) {
        byte[] got = new byte[16];
        for (int k = 0; k < 8; k++) {
            got[k] = (byte) (lo >>> (8 * k));
            got[8 + k] = (byte) (hi >>> (8 * k));
        }
        int width = 16 / lanes.size();
        for (int i = 0; i < lanes.size(); i++) {
            long bits = 0;
            for (int k = width - 1; k >= 0; k--) {
                bits = bits << 8 | (got[i * width + k] & 0xFF);
            }
            String want = (String) lanes.get(i);
            boolean ok = switch (laneType) {
                case "f32" -> floatMatches(want, (int) bits);
                case "f64" -> doubleMatches(want, bits);
                default -> {
                    long mask = width == 8 ? -1L : (1L << (8 * width)) - 1;
                    yield (bits & mask) == (Long.parseUnsignedLong(want) & mask);
                }
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private void defineSpectest() {
        for (String name : new String[] {"print", "print_i32", "print_i64", "print_f32", "print_f64", "print_i32_f32",
                "print_f64_f64"}) {
            ValType[] params = switch (name) {
                case "print_i32" -> new ValType[] {ValType.I32};
                case "print_i64" -> new ValType[] {ValType.I64};
                case "print_f32" -> new ValType[] {ValType.F32};
                case "print_f64" -> new ValType[] {ValType.F64};
                case "print_i32_f32" -> new ValType[] {ValType.I32, ValType.F32};
                case "print_f64_f64" -> new ValType[] {ValType.F64, ValType.F64};
                default -> new ValType[0];
            };
            linker.function("spectest", name, new FuncType(params, new ValType[0]), (caller, s, r, base) -> { });
        }
        linker.global("spectest", "global_i32", global(ValType.I32, 666));
        linker.global("spectest", "global_i64", global(ValType.I64, 666));
        linker.global("spectest", "global_f32", global(ValType.F32, Float.floatToRawIntBits(666.6f)));
        linker.global("spectest", "global_f64", global(ValType.F64, Double.doubleToRawLongBits(666.6)));
        linker.table("spectest", "table", new Table(new TableType(ValType.FUNCREF, Limits.of(10, 20)), null));
        linker.memory("spectest", "memory", new Memory(new MemoryType(Limits.of(1, 2))));
    }

    private static Global global(ValType t, long bits) {
        Global g = new Global(new GlobalType(t, false));
        g.bits = bits;
        return g;
    }
}
