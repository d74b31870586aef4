package org.ssvm.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ssvm.binary.ByteWriter;
import org.ssvm.model.FuncType;
import org.ssvm.model.Module;
import org.ssvm.model.Opcode;
import org.ssvm.model.ValType;

/**
 * Parses instructions, plain and folded, and writes their binary encoding. Used for function bodies and
 * constant expressions; resolves local, label and module-level identifiers.
 */
final class InstrParser extends TokenCursor {
    private final Module module;
    private final Scopes scopes;
    private Map<String, Integer> locals = Map.of();
    /** Enclosing block labels, innermost last; null for unnamed blocks. */
    private final ArrayList<String> labels = new ArrayList<>();

    InstrParser(Lexer lx, Module module, Scopes scopes) {
        super(lx, 0);
        this.module = module;
        this.scopes = scopes;
    }

    /** Starts a new body or expression at token {@code at} with the given local names. */
    void reset(int at, Map<String, Integer> localNames) {
        this.pos = at;
        this.locals = localNames;
        labels.clear();
    }

    /** A constant expression: instructions up to the closing parenthesis, then {@code end}. */
    byte[] expr() {
        ByteWriter w = new ByteWriter();
        instrs(w);
        w.u8(0x0B);
        return w.toByteArray();
    }

    /** Instructions up to {@code )}, {@code end} or {@code else}, which are left unconsumed. */
    void instrs(ByteWriter w) {
        while (true) {
            int k = kind();
            if (k == Lexer.LPAREN) {
                folded(w);
            } else if (k == Lexer.ATOM && !atKeyword("end") && !atKeyword("else")) {
                plain(w);
            } else if (k == Lexer.RPAREN || k == Lexer.EOF || k == Lexer.ATOM) {
                return;
            } else {
                throw error("unexpected token");
            }
        }
    }

    private void plain(ByteWriter w) {
        int at = pos;
        String name = atom();
        switch (name) {
            case "block", "loop" -> {
                String label = optId();
                w.u8(name.equals("block") ? 0x02 : 0x03);
                blockType(w);
                labels.add(label);
                instrs(w);
                expectKeyword("end");
                endLabel(label);
                labels.removeLast();
                w.u8(0x0B);
            }
            case "if" -> {
                String label = optId();
                w.u8(0x04);
                blockType(w);
                labels.add(label);
                instrs(w);
                if (atKeyword("else")) {
                    pos++;
                    endLabel(label);
                    // an empty else branch is left out, as the reference interpreter and wabt encode it
                    if (!atKeyword("end")) {
                        w.u8(0x05);
                        instrs(w);
                    }
                }
                expectKeyword("end");
                endLabel(label);
                labels.removeLast();
                w.u8(0x0B);
            }
            default -> operator(at, name, w);
        }
    }

    /** Exactly one folded instruction (segment offsets and element expressions in abbreviated form). */
    void foldedOne(ByteWriter w) {
        folded(w);
    }

    private void folded(ByteWriter w) {
        pos++;
        int at = pos;
        String name = atom();
        switch (name) {
            case "block", "loop" -> {
                String label = optId();
                w.u8(name.equals("block") ? 0x02 : 0x03);
                blockType(w);
                labels.add(label);
                instrs(w);
                expectRParen();
                labels.removeLast();
                w.u8(0x0B);
            }
            case "if" -> {
                String label = optId();
                ByteWriter bt = new ByteWriter();
                blockType(bt);
                while (atLParen() && !atParenKeyword("then")) {
                    folded(w);
                }
                w.u8(0x04).bytes(bt.toByteArray());
                labels.add(label);
                expectParenKeyword("then");
                instrs(w);
                expectRParen();
                if (atParenKeyword("else")) {
                    pos += 2;
                    if (!atRParen()) { // an empty else branch is left out, as in the plain form
                        w.u8(0x05);
                        instrs(w);
                    }
                    expectRParen();
                }
                expectRParen();
                labels.removeLast();
                w.u8(0x0B);
            }
            case "local", "param", "result", "type", "then", "else", "export", "import" ->
                    // declaration clauses out of place, not operators
                    throw errorAt(at, "unexpected token");
            default -> {
                ByteWriter self = new ByteWriter();
                operator(at, name, self);
                while (atLParen()) {
                    folded(w);
                }
                expectRParen();
                w.bytes(self.toByteArray());
            }
        }
    }

    private void endLabel(String label) {
        if (atId()) {
            int at = pos;
            String id = optId();
            if (!id.equals(label)) {
                throw errorAt(at, "mismatching label");
            }
        }
    }

    /** A non-block instruction whose name was just read: writes opcode and immediates. */
    private void operator(int at, String name, ByteWriter w) {
        Opcode op = Opcode.byTextName(name);
        if (op == null || op == Opcode.END || op == Opcode.ELSE || op == Opcode.BLOCK || op == Opcode.LOOP
                || op == Opcode.IF) {
            throw errorAt(at, "unknown operator " + name);
        }
        if (op == Opcode.SELECT && atParenKeyword("result")) {
            List<ValType> types = new ArrayList<>();
            while (atParenKeyword("result")) {
                pos += 2;
                while (!atRParen()) {
                    types.add(valType());
                }
                pos++;
            }
            w.u8(0x1C).u32(types.size());
            for (ValType t : types) {
                w.u8(t.code());
            }
            return;
        }
        if (op.prefix() == 0) {
            w.u8(op.code());
        } else {
            w.u8(op.prefix()).u32(op.code());
        }
        switch (op.immediate()) {
            case NONE -> { }
            case LABEL -> w.u32(label());
            case BR_TABLE -> {
                List<Integer> targets = new ArrayList<>();
                while (atVar()) {
                    targets.add(label());
                }
                if (targets.isEmpty()) {
                    throw error("unexpected token");
                }
                w.u32(targets.size() - 1);
                for (int t : targets) {
                    w.u32(t);
                }
            }
            case FUNC -> w.u32(resolve(scopes.funcs, "function"));
            case CALL_INDIRECT -> {
                int table = atVar() ? resolve(scopes.tables, "table") : 0;
                int type = typeUse();
                w.u32(type).u32(table);
            }
            case LOCAL -> w.u32(resolve(locals, "local"));
            case GLOBAL -> w.u32(resolve(scopes.globals, "global"));
            case TABLE -> w.u32(atVar() ? resolve(scopes.tables, "table") : 0);
            case MEMARG -> memarg(op, w);
            case MEMORY -> w.u8(0);
            case I32 -> w.s32((int) intLiteral(32));
            case I64 -> w.s64(intLiteral(64));
            case F32 -> w.i32LE(f32Literal());
            case F64 -> w.i64LE(f64Literal());
            case HEAPTYPE -> w.u8(heapType().code());
            case MEMORY_INIT -> w.u32(resolve(scopes.datas, "data segment")).u8(0);
            case DATA -> w.u32(resolve(scopes.datas, "data segment"));
            case ELEM -> w.u32(resolve(scopes.elems, "elem segment"));
            case MEMORY_COPY -> w.u8(0).u8(0);
            case TABLE_INIT -> {
                int first = resolveEither();
                if (atVar()) {
                    int elem = resolve(scopes.elems, "elem segment");
                    w.u32(elem).u32(first);
                } else {
                    w.u32(first).u32(0);
                }
            }
            case TABLE_COPY -> {
                if (atVar()) {
                    int dst = resolve(scopes.tables, "table");
                    int src = resolve(scopes.tables, "table");
                    w.u32(dst).u32(src);
                } else {
                    w.u32(0).u32(0);
                }
            }
            case V128 -> v128Const(w);
            case SHUFFLE -> {
                for (int i = 0; i < 16; i++) {
                    if (!atAtom()) {
                        throw error("invalid lane length");
                    }
                    w.u8(laneIndex(true));
                }
                if (atAtom()) {
                    throw error("invalid lane length");
                }
            }
            case LANE -> w.u8(laneIndex(false));
            case MEMARG_LANE -> {
                memarg(op, w);
                w.u8(laneIndex(false));
            }
            default -> throw errorAt(at, "unknown operator " + name);
        }
    }

    /**
     * {@code table.init}'s first operand: a table if a second index follows, else the element segment. Looked
     * up lazily because an identifier's space depends on what follows.
     */
    private int resolveEither() {
        boolean two = atVar() && isVarAt(pos + 1);
        return resolve(two ? scopes.tables : scopes.elems, two ? "table" : "elem segment");
    }

    private boolean isVarAt(int i) {
        if (lx.kind(i) == Lexer.ID) {
            return true;
        }
        if (lx.kind(i) != Lexer.ATOM) {
            return false;
        }
        char c = lx.firstChar(i);
        return c >= '0' && c <= '9';
    }

    /**
     * A lane index (u8). The reference interpreter calls a non-natural "unexpected token" after an
     * extract/replace/load/store lane instruction but "malformed lane index" inside a shuffle.
     */
    private int laneIndex(boolean shuffle) {
        int at = pos;
        if (!atAtom()) {
            throw error("unexpected token");
        }
        String t = atom();
        long v;
        try {
            v = Numbers.parseU32(t);
        } catch (NumberFormatException e) {
            throw errorAt(at, shuffle ? "malformed lane index" : "unexpected token");
        }
        if (v > 255) {
            throw errorAt(at, "malformed lane index");
        }
        return (int) v;
    }

    private void v128Const(ByteWriter w) {
        int at = pos;
        String shape = atAtom() ? atom() : "";
        int lanes;
        switch (shape) {
            case "i8x16" -> lanes = 16;
            case "i16x8" -> lanes = 8;
            case "i32x4", "f32x4" -> lanes = 4;
            case "i64x2", "f64x2" -> lanes = 2;
            default -> throw errorAt(at, "unexpected token");
        }
        // the lane count is checked before any literal, as the reference interpreter does
        int literals = 0;
        while (lx.kind(pos + literals) == Lexer.ATOM) {
            literals++;
        }
        if (literals != lanes) {
            throw errorAt(pos + Math.min(literals, lanes), "wrong number of lane literals");
        }
        for (int i = 0; i < lanes; i++) {
            switch (shape) {
                case "i8x16" -> w.u8((int) intLiteral(8));
                case "i16x8" -> {
                    int v = (int) intLiteral(16);
                    w.u8(v).u8(v >> 8);
                }
                case "i32x4" -> w.i32LE((int) intLiteral(32));
                case "i64x2" -> w.i64LE(intLiteral(64));
                case "f32x4" -> w.i32LE(f32Literal());
                default -> w.i64LE(f64Literal());
            }
        }
    }

    private void memarg(Opcode op, ByteWriter w) {
        long offset = 0;
        int alignLog = op.naturalAlignment();
        if (atAtom() && text().startsWith("offset=")) {
            offset = keywordValue("offset=");
        }
        if (atAtom() && text().startsWith("align=")) {
            int at = pos;
            long align = keywordValue("align=");
            if (align == 0 || (align & (align - 1)) != 0) {
                throw errorAt(at, "alignment must be a power of two");
            }
            alignLog = Long.numberOfTrailingZeros(align);
        }
        w.u32(alignLog).u32((int) offset);
    }

    private long keywordValue(String prefix) {
        int at = pos;
        String t = atom().substring(prefix.length());
        try {
            return Numbers.parseU32(t);
        } catch (NumberFormatException e) {
            throw errorAt(at, e.getMessage().equals(Numbers.RANGE) ? "i32 constant out of range"
                    : "unknown operator");
        }
    }

    private int label() {
        if (atId()) {
            int at = pos;
            String id = optId();
            for (int i = labels.size() - 1; i >= 0; i--) {
                if (id.equals(labels.get(i))) {
                    return labels.size() - 1 - i;
                }
            }
            throw errorAt(at, "unknown label");
        }
        return (int) u32();
    }

    /** An index: a number, or an identifier looked up in {@code space} ("unknown WHAT" if absent). */
    int resolve(Map<String, Integer> space, String what) {
        if (atId()) {
            int at = pos;
            Integer idx = space.get(idName(pos++));
            if (idx == null) {
                throw errorAt(at, "unknown " + what);
            }
            return idx;
        }
        if (!atVar()) {
            throw error("unexpected token");
        }
        return (int) u32();
    }

    ValType valType() {
        int at = pos;
        if (!atAtom()) {
            throw error("unexpected token");
        }
        ValType t = switch (atom()) {
            case "i32" -> ValType.I32;
            case "i64" -> ValType.I64;
            case "f32" -> ValType.F32;
            case "f64" -> ValType.F64;
            case "v128" -> ValType.V128;
            case "funcref" -> ValType.FUNCREF;
            case "externref" -> ValType.EXTERNREF;
            default -> null;
        };
        if (t == null) {
            // an obsolete type name used to be a keyword of the text format: say so the way the spec does
            throw errorAt(at, lx.text(at).equals("anyfunc") ? "unknown operator anyfunc" : "unexpected token");
        }
        return t;
    }

    ValType heapType() {
        int at = pos;
        String t = atAtom() ? atom() : "";
        return switch (t) {
            case "func" -> ValType.FUNCREF;
            case "extern" -> ValType.EXTERNREF;
            default -> throw errorAt(at, "unexpected token");
        };
    }

    /** A parsed type use: an explicit {@code (type $t)}, checked against its inline signature, or none. */
    private record ParsedTypeUse(Integer explicit, List<ValType> params, List<ValType> results) {
    }

    /** Parses {@code (type $t)?} followed by an inline signature without parameter names. */
    private ParsedTypeUse parseTypeUse() {
        int at = pos;
        Integer explicit = null;
        if (atParenKeyword("type")) {
            pos += 2;
            explicit = resolve(scopes.types, "type");
            expectRParen();
        }
        List<ValType> params = new ArrayList<>();
        List<ValType> results = new ArrayList<>();
        boolean inline = inlineSignature(params, results, null);
        if (explicit != null) {
            checkInline(at, explicit, inline, params, results);
        }
        return new ParsedTypeUse(explicit, params, results);
    }

    /** Block type: written as 0x40, a value type, or a (possibly implicit) type index. */
    private void blockType(ByteWriter w) {
        ParsedTypeUse use = parseTypeUse();
        if (use.explicit() != null) {
            w.s64(use.explicit());
        } else if (use.params().isEmpty() && use.results().size() <= 1) {
            w.u8(use.results().isEmpty() ? 0x40 : use.results().getFirst().code());
        } else {
            w.s64(typeIndexOf(module, use.params(), use.results()));
        }
    }

    /** A type use without parameter names (call_indirect): returns the type index. */
    private int typeUse() {
        ParsedTypeUse use = parseTypeUse();
        return use.explicit() != null ? use.explicit() : typeIndexOf(module, use.params(), use.results());
    }

    void checkInline(int at, int explicit, boolean inline, List<ValType> params, List<ValType> results) {
        if (!inline) {
            return;
        }
        if (explicit >= module.types().size()) {
            throw errorAt(at, "unknown type");
        }
        FuncType declared = module.types().get(explicit);
        if (!declared.equals(new FuncType(params.toArray(ValType[]::new), results.toArray(ValType[]::new)))) {
            throw errorAt(at, "inline function type");
        }
    }

    /**
     * Reads {@code (param ...)* (result ...)*}. Parameter identifiers are allowed only when {@code names} is
     * non-null (they are collected there, null for unnamed). Returns whether any clause was present.
     */
    boolean inlineSignature(List<ValType> params, List<ValType> results, List<String> names) {
        boolean any = false;
        while (atParenKeyword("param")) {
            any = true;
            pos += 2;
            if (atId()) {
                if (names == null) {
                    throw error("unexpected token");
                }
                names.add(optId());
                params.add(valType());
                expectRParen();
                continue;
            }
            while (!atRParen()) {
                params.add(valType());
                if (names != null) {
                    names.add(null);
                }
            }
            pos++;
        }
        while (atParenKeyword("result")) {
            any = true;
            pos += 2;
            while (!atRParen()) {
                results.add(valType());
            }
            pos++;
        }
        if (atParenKeyword("param") || atParenKeyword("type")) {
            throw error("unexpected token");
        }
        return any;
    }

    /** The index of the first type equal to this signature, appending it to the type section if none. */
    static int typeIndexOf(Module module, List<ValType> params, List<ValType> results) {
        FuncType t = new FuncType(params.toArray(ValType[]::new), results.toArray(ValType[]::new));
        List<FuncType> types = module.types();
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).equals(t)) {
                return i;
            }
        }
        types.add(t);
        return types.size() - 1;
    }
}
