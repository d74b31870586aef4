package org.ssvm.text.wast;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ssvm.model.Module;
import org.ssvm.model.ValType;
import org.ssvm.text.Lexer;
import org.ssvm.text.TokenCursor;
import org.ssvm.text.Wat;

/** Parser of WAST scripts (the spec test format): modules, actions and assertions. */
public final class Wast extends TokenCursor {
    private Wast(Lexer lx) {
        super(lx, 0);
    }

    /**
     * Parses a script. Text modules are parsed at once; binary and quoted modules are kept as they are.
     *
     * @param fileName used in error messages only
     * @throws org.ssvm.DecodeException when the script itself is malformed
     */
    public static Script parse(String text, String fileName) {
        Wast p = new Wast(Lexer.tokenize(text));
        List<Command> commands = new ArrayList<>();
        try {
            if (p.atModuleField()) {
                // a script made of bare module fields is one module
                int[] end = new int[1];
                Module m = Wat.parseModuleAt(p.lx, 0, end);
                return new Script(fileName, List.of(new Command.DefineModule(1,
                        new ModuleDef(1, null, new ModuleSource.Text(m, text)))));
            }
            while (!p.atEofPublic()) {
                commands.add(p.command());
            }
        } catch (org.ssvm.DecodeException e) {
            throw new org.ssvm.DecodeException(fileName + ": " + e.getMessage(), -1);
        }
        return new Script(fileName, commands);
    }

    private boolean atEofPublic() { return atEof(); }

    private boolean atModuleField() {
        if (!atLParen() || lx.kind(pos + 1) != Lexer.ATOM) {
            return false;
        }
        return switch (lx.text(pos + 1)) {
            case "type", "import", "func", "table", "memory", "global", "export", "start", "elem", "data" -> true;
            default -> false;
        };
    }

    private Command command() {
        int line = lx.line(pos);
        if (!atLParen() || lx.kind(pos + 1) != Lexer.ATOM) {
            throw error("unexpected token");
        }
        String kw = lx.text(pos + 1);
        switch (kw) {
            case "module" -> {
                return new Command.DefineModule(line, module(false));
            }
            case "invoke", "get" -> {
                return new Command.Perform(line, action());
            }
            default -> {
            }
        }
        pos += 2;
        Command c = switch (kw) {
            case "register" -> {
                String name = name();
                yield new Command.Register(line, name, optId());
            }
            case "assert_return" -> {
                Action a = action();
                List<Expected> expected = new ArrayList<>();
                while (atLParen()) {
                    expected.add(expected());
                }
                yield new Command.AssertReturn(line, a, expected);
            }
            case "assert_trap" -> {
                if (atParenKeyword("module")) {
                    ModuleDef m = module(false);
                    yield new Command.AssertTrap(line, null, m, message());
                }
                Action a = action();
                yield new Command.AssertTrap(line, a, null, message());
            }
            case "assert_exhaustion" -> {
                Action a = action();
                yield new Command.AssertExhaustion(line, a, message());
            }
            case "assert_invalid" -> {
                ModuleDef m = module(false);
                yield new Command.AssertInvalid(line, m, message());
            }
            case "assert_malformed" -> {
                ModuleDef m = module(true);
                yield new Command.AssertMalformed(line, m, message());
            }
            case "assert_unlinkable" -> {
                ModuleDef m = module(false);
                yield new Command.AssertUnlinkable(line, m, message());
            }
            case "assert_uninstantiable" -> {
                ModuleDef m = module(false);
                yield new Command.AssertUninstantiable(line, m, message());
            }
            default -> throw errorAt(pos - 1, "unknown command " + kw);
        };
        expectRParen();
        return c;
    }

    private String message() {
        return new String(string(), StandardCharsets.UTF_8);
    }

    /**
     * {@code (module $id? ...)}. With {@code deferText} (assert_malformed) a text module is kept as quoted
     * source instead of being parsed, because it is expected to fail.
     */
    private ModuleDef module(boolean deferText) {
        int start = pos;
        int line = lx.line(pos);
        expectParenKeyword("module");
        String id = optId();
        if (atKeyword("binary")) {
            pos++;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (atString()) {
                out.writeBytes(string());
            }
            expectRParen();
            return new ModuleDef(line, id, new ModuleSource.Binary(out.toByteArray()));
        }
        if (atKeyword("quote")) {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (atString()) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(new String(string(), StandardCharsets.UTF_8));
            }
            expectRParen();
            return new ModuleDef(line, id, new ModuleSource.Quote(sb.toString()));
        }
        if (deferText) {
            pos = start;
            skipGroup();
            String src = lx.source(lx.start(start), lx.end(pos - 1));
            return new ModuleDef(line, id, new ModuleSource.Quote(src));
        }
        int[] end = new int[1];
        Module m = Wat.parseModuleAt(lx, start, end);
        pos = end[0];
        String src = lx.source(lx.start(start), lx.end(pos - 1));
        return new ModuleDef(line, id, new ModuleSource.Text(m, src));
    }

    private Action action() {
        expectLParen();
        int at = pos;
        String kw = atom();
        String id = optId();
        String name = name();
        Action a;
        if (kw.equals("invoke")) {
            List<Value> args = new ArrayList<>();
            while (atLParen()) {
                args.add(value());
            }
            a = new Action.Invoke(id, name, args);
        } else if (kw.equals("get")) {
            a = new Action.Get(id, name);
        } else {
            throw errorAt(at, "unexpected token");
        }
        expectRParen();
        return a;
    }

    private Value value() {
        Expected e = constant(false);
        return ((Expected.Exact) e).value();
    }

    private Expected expected() {
        if (atParenKeyword("either")) {
            pos += 2;
            List<Expected> alternatives = new ArrayList<>();
            while (atLParen()) {
                alternatives.add(expected());
            }
            expectRParen();
            return new Expected.Either(alternatives);
        }
        return constant(true);
    }

    /** {@code (t.const ...)} or a reference; NaN patterns and unnumbered references only when {@code pattern}. */
    private Expected constant(boolean pattern) {
        expectLParen();
        int at = pos;
        String kw = atom();
        Expected result = switch (kw) {
            case "i32.const" -> new Expected.Exact(new Value.I32((int) intLiteral(32)));
            case "i64.const" -> new Expected.Exact(new Value.I64(intLiteral(64)));
            case "f32.const" -> {
                Expected nan = pattern ? nanPattern(ValType.F32) : null;
                yield nan != null ? nan : new Expected.Exact(new Value.F32(f32Literal()));
            }
            case "f64.const" -> {
                Expected nan = pattern ? nanPattern(ValType.F64) : null;
                yield nan != null ? nan : new Expected.Exact(new Value.F64(f64Literal()));
            }
            case "v128.const" -> v128(pattern);
            case "ref.null" -> {
                String t = atom();
                yield switch (t) {
                    case "func" -> new Expected.Exact(new Value.RefNull(ValType.FUNCREF));
                    case "extern" -> new Expected.Exact(new Value.RefNull(ValType.EXTERNREF));
                    default -> throw errorAt(pos - 1, "unexpected token");
                };
            }
            case "ref.extern" -> {
                if (pattern && atRParen()) {
                    yield new Expected.AnyRefExtern();
                }
                yield new Expected.Exact(new Value.RefExtern(intLiteral(64)));
            }
            case "ref.func" -> {
                if (pattern && atRParen()) {
                    yield new Expected.AnyRefFunc();
                }
                yield new Expected.Exact(new Value.RefFunc(intLiteral(64)));
            }
            default -> throw errorAt(at, "unexpected token");
        };
        expectRParen();
        return result;
    }

    private Expected nanPattern(ValType type) {
        if (atKeyword("nan:canonical")) {
            pos++;
            return new Expected.CanonicalNan(type);
        }
        if (atKeyword("nan:arithmetic")) {
            pos++;
            return new Expected.ArithmeticNan(type);
        }
        return null;
    }

    private Expected v128(boolean pattern) {
        int at = pos;
        String shape = atom();
        long lo = 0;
        long hi = 0;
        int lanes;
        int laneBits;
        switch (shape) {
            case "i8x16" -> { lanes = 16; laneBits = 8; }
            case "i16x8" -> { lanes = 8; laneBits = 16; }
            case "i32x4", "f32x4" -> { lanes = 4; laneBits = 32; }
            case "i64x2", "f64x2" -> { lanes = 2; laneBits = 64; }
            default -> throw errorAt(at, "unexpected token");
        }
        boolean isFloat = shape.charAt(0) == 'f';
        ValType laneType = laneBits == 32 ? ValType.F32 : ValType.F64;
        List<Expected> perLane = new ArrayList<>();
        boolean anyNan = false;
        for (int i = 0; i < lanes; i++) {
            long bits;
            if (isFloat) {
                Expected nan = pattern ? nanPattern(laneType) : null;
                if (nan != null) {
                    perLane.add(nan);
                    anyNan = true;
                    continue;
                }
                bits = laneBits == 32 ? f32Literal() & 0xFFFF_FFFFL : f64Literal();
                perLane.add(new Expected.Exact(laneBits == 32 ? new Value.F32((int) bits) : new Value.F64(bits)));
            } else {
                bits = intLiteral(laneBits);
            }
            long mask = laneBits == 64 ? -1L : (1L << laneBits) - 1;
            int bitPos = i * laneBits;
            if (bitPos < 64) {
                lo |= (bits & mask) << bitPos;
            } else {
                hi |= (bits & mask) << (bitPos - 64);
            }
        }
        if (anyNan) {
            return new Expected.V128Lanes(laneType, perLane);
        }
        return new Expected.Exact(new Value.V128(lo, hi));
    }
}
