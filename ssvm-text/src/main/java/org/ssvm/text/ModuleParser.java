package org.ssvm.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ssvm.binary.ByteWriter;
import org.ssvm.model.DataSegment;
import org.ssvm.model.ElementSegment;
import org.ssvm.model.Export;
import org.ssvm.model.Expr;
import org.ssvm.model.ExternKind;
import org.ssvm.model.FuncType;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Global;
import org.ssvm.model.GlobalType;
import org.ssvm.model.Import;
import org.ssvm.model.ImportDesc;
import org.ssvm.model.Limits;
import org.ssvm.model.MemoryType;
import org.ssvm.model.Module;
import org.ssvm.model.SegmentMode;
import org.ssvm.model.TableType;
import org.ssvm.model.ValType;

/**
 * Parses one text module into a {@link Module}. Two passes: the first walks the module fields to assign every
 * identifier its index and to read the explicit type definitions; the second parses each field in order.
 * Implicit function types (type uses without a matching definition) are appended after the explicit ones.
 */
final class ModuleParser extends TokenCursor {
    private final Module module = new Module();
    private final Scopes scopes = new Scopes();
    private final InstrParser code;
    // running indices of pass 2
    private int funcIndex;
    private int tableIndex;
    private int memoryIndex;
    private int globalIndex;

    ModuleParser(Lexer lx, int pos) {
        super(lx, pos);
        this.code = new InstrParser(lx, module, scopes);
    }

    /**
     * Parses {@code (module $id? field*)} or, when the text does not start with {@code (module}, a bare list of
     * fields up to the end of input. Leaves the cursor after the module.
     */
    Module parse() {
        if (atParenKeyword("module")) {
            pos += 2;
            String id = optId();
            if (id != null) {
                module.names().setModuleName(id.substring(1));
            }
            fields();
            expectRParen();
        } else {
            fields();
            if (!atEof()) {
                throw error("unexpected token");
            }
        }
        module.setDataCount(module.data().size());
        return module;
    }

    private void fields() {
        int first = pos;
        declare();
        pos = first;
        while (atLParen()) {
            field();
        }
    }

    // ---------------------------------------------------------------- pass 1

    private void declare() {
        int funcs = 0;
        int tables = 0;
        int memories = 0;
        int globals = 0;
        int elems = 0;
        int datas = 0;
        String definedKind = null;
        boolean start = false;
        while (atLParen()) {
            int fieldStart = pos;
            pos++;
            if (!atAtom()) {
                throw error("unexpected token");
            }
            String kw = atom();
            switch (kw) {
                case "type" -> {
                    String id = optId();
                    define(scopes.types, id, module.types().size(), "type");
                    expectParenKeyword("func");
                    List<ValType> params = new ArrayList<>();
                    List<ValType> results = new ArrayList<>();
                    code.reset(pos, Map.of());
                    code.inlineSignature(params, results, new ArrayList<>());
                    pos = code.position();
                    expectRParen();
                    expectRParen();
                    module.types().add(new FuncType(params.toArray(ValType[]::new),
                            results.toArray(ValType[]::new)));
                }
                case "import" -> {
                    if (definedKind != null) {
                        throw errorAt(fieldStart, "import after " + definedKind);
                    }
                    string();
                    string();
                    if (!atLParen() || lx.kind(pos + 1) != Lexer.ATOM) {
                        throw error("unexpected token");
                    }
                    pos++;
                    String kind = atom();
                    String id = optId();
                    switch (kind) {
                        case "func" -> define(scopes.funcs, id, funcs++, "func");
                        case "table" -> define(scopes.tables, id, tables++, "table");
                        case "memory" -> define(scopes.memories, id, memories++, "memory");
                        case "global" -> define(scopes.globals, id, globals++, "global");
                        default -> throw errorAt(pos - 1, "unexpected token");
                    }
                    pos = fieldStart;
                    skipGroup();
                }
                case "func", "table", "memory", "global" -> {
                    String id = optId();
                    while (atParenKeyword("export")) {
                        skipGroup();
                    }
                    boolean imported = atParenKeyword("import");
                    if (imported && definedKind != null) {
                        throw errorAt(fieldStart, "import after " + definedKind);
                    }
                    if (!imported && definedKind == null) {
                        definedKind = kw.equals("func") ? "function" : kw;
                    }
                    switch (kw) {
                        case "func" -> define(scopes.funcs, id, funcs++, "func");
                        case "table" -> {
                            define(scopes.tables, id, tables++, "table");
                            if (!imported && atAtom() && atParenKeywordAt(pos + 1, "elem")) {
                                elems++;
                            }
                        }
                        case "memory" -> {
                            define(scopes.memories, id, memories++, "memory");
                            if (atParenKeyword("data")) {
                                datas++;
                            }
                        }
                        default -> define(scopes.globals, id, globals++, "global");
                    }
                    pos = fieldStart;
                    skipGroup();
                }
                case "elem" -> {
                    define(scopes.elems, optId(), elems++, "elem");
                    pos = fieldStart;
                    skipGroup();
                }
                case "data" -> {
                    define(scopes.datas, optId(), datas++, "data");
                    pos = fieldStart;
                    skipGroup();
                }
                case "start" -> {
                    if (start) {
                        throw errorAt(fieldStart, "multiple start sections");
                    }
                    start = true;
                    pos = fieldStart;
                    skipGroup();
                }
                case "export" -> {
                    pos = fieldStart;
                    skipGroup();
                }
                default -> throw errorAt(pos - 1, "unknown operator " + kw);
            }
        }
    }

    private boolean atParenKeywordAt(int i, String kw) {
        return lx.kind(i) == Lexer.LPAREN && lx.kind(i + 1) == Lexer.ATOM && lx.is(i + 1, kw);
    }

    private void define(Map<String, Integer> space, String id, int index, String what) {
        if (id == null) {
            return;
        }
        if (space.putIfAbsent(id, index) != null) {
            throw error("duplicate " + what + " " + id);
        }
    }

    // ---------------------------------------------------------------- pass 2

    private void field() {
        int start = pos;
        pos++;
        String kw = atom();
        switch (kw) {
            case "type" -> {
                // read completely in the first pass
                pos = start;
                skipGroup();
                return;
            }
            case "import" -> importField();
            case "func" -> func();
            case "table" -> table();
            case "memory" -> memory();
            case "global" -> global();
            case "export" -> {
                String name = name();
                expectLParen();
                String kind = atom();
                ExternKind ek;
                int index;
                switch (kind) {
                    case "func" -> {
                        ek = ExternKind.FUNC;
                        index = ref(scopes.funcs, "function");
                    }
                    case "table" -> {
                        ek = ExternKind.TABLE;
                        index = ref(scopes.tables, "table");
                    }
                    case "memory" -> {
                        ek = ExternKind.MEMORY;
                        index = ref(scopes.memories, "memory");
                    }
                    case "global" -> {
                        ek = ExternKind.GLOBAL;
                        index = ref(scopes.globals, "global");
                    }
                    default -> throw errorAt(pos - 1, "unexpected token");
                }
                expectRParen();
                module.exports().add(new Export(name, ek, index));
            }
            case "start" -> module.setStart(ref(scopes.funcs, "function"));
            case "elem" -> elem();
            case "data" -> data();
            default -> throw errorAt(pos - 1, "unknown operator " + kw);
        }
        expectRParen();
    }

    private void inlineExports(ExternKind kind, int index) {
        while (atParenKeyword("export")) {
            pos += 2;
            module.exports().add(new Export(name(), kind, index));
            expectRParen();
        }
    }

    /** {@code (import "m" "n")} inside a definition, or null if absent. */
    private String[] inlineImport() {
        if (!atParenKeyword("import")) {
            return null;
        }
        pos += 2;
        String[] names = {name(), name()};
        expectRParen();
        return names;
    }

    private void importField() {
        String mod = name();
        String nm = name();
        expectLParen();
        String kind = atom();
        String id = optId();
        ImportDesc desc = switch (kind) {
            case "func" -> {
                if (id != null) {
                    module.names().functionNames().put(funcIndex, id.substring(1));
                }
                funcIndex++;
                yield new ImportDesc.Func(funcTypeUse(null));
            }
            case "table" -> {
                tableIndex++;
                yield new ImportDesc.Table(tableType());
            }
            case "memory" -> {
                memoryIndex++;
                yield new ImportDesc.Memory(new MemoryType(limits()));
            }
            case "global" -> {
                globalIndex++;
                yield new ImportDesc.Global(globalType());
            }
            default -> throw errorAt(pos - 1, "unexpected token");
        };
        expectRParen();
        module.imports().add(new Import(mod, nm, desc));
    }

    private void func() {
        int index = funcIndex++;
        String id = optId();
        if (id != null) {
            module.names().functionNames().put(index, id.substring(1));
        }
        inlineExports(ExternKind.FUNC, index);
        String[] imp = inlineImport();
        if (imp != null) {
            module.imports().add(new Import(imp[0], imp[1], new ImportDesc.Func(funcTypeUse(null))));
            return;
        }
        List<String> names = new ArrayList<>();
        int typeIndex = funcTypeUse(names);
        Map<String, Integer> localIds = new HashMap<>();
        Map<Integer, String> localNames = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            declareLocal(localIds, localNames, names.get(i), i);
        }
        int paramCount = names.size();
        List<ValType> locals = new ArrayList<>();
        while (atParenKeyword("local")) {
            pos += 2;
            if (atId()) {
                declareLocal(localIds, localNames, optId(), paramCount + locals.size());
                code.reset(pos, Map.of());
                locals.add(code.valType());
                pos = code.position();
                expectRParen();
                continue;
            }
            code.reset(pos, Map.of());
            while (!code.atRParen()) {
                locals.add(code.valType());
            }
            pos = code.position() + 1;
        }
        if (!localNames.isEmpty()) {
            module.names().localNames().put(index, localNames);
        }
        code.reset(pos, localIds);
        byte[] body = code.expr();
        pos = code.position();
        module.functions().add(typeIndex);
        module.bodies().add(new FunctionBody(locals.toArray(ValType[]::new), body, -1));
    }

    private void declareLocal(Map<String, Integer> ids, Map<Integer, String> names, String id, int index) {
        if (id == null) {
            return;
        }
        if (ids.putIfAbsent(id, index) != null) {
            throw errorAt(pos - 1, "duplicate local " + id);
        }
        names.put(index, id.substring(1));
    }

    /**
     * A function's type use. Parameter names go to {@code names} (one entry per parameter, null if unnamed)
     * when it is non-null. Returns the type index.
     */
    private int funcTypeUse(List<String> names) {
        int at = pos;
        Integer explicit = null;
        if (atParenKeyword("type")) {
            pos += 2;
            explicit = ref(scopes.types, "type");
            expectRParen();
        }
        List<ValType> params = new ArrayList<>();
        List<ValType> results = new ArrayList<>();
        List<String> paramNames = new ArrayList<>();
        code.reset(pos, Map.of());
        boolean inline = code.inlineSignature(params, results, paramNames);
        if (explicit != null) {
            code.checkInline(at, explicit, inline, params, results);
        }
        pos = code.position();
        int typeIndex = explicit != null ? explicit : InstrParser.typeIndexOf(module, params, results);
        if (names != null) {
            if (inline) {
                names.addAll(paramNames);
            } else if (typeIndex < module.types().size()) {
                for (int i = 0; i < module.types().get(typeIndex).paramCount(); i++) {
                    names.add(null);
                }
            }
        }
        return typeIndex;
    }

    private void table() {
        int index = tableIndex++;
        optId();
        inlineExports(ExternKind.TABLE, index);
        String[] imp = inlineImport();
        if (imp != null) {
            module.imports().add(new Import(imp[0], imp[1], new ImportDesc.Table(tableType())));
            return;
        }
        if (atAtom() && atParenKeywordAt(pos + 1, "elem")) {
            ValType type = refType();
            pos += 2;
            List<Expr> init = elemList(type, true);
            expectRParen();
            long n = init.size();
            module.tables().add(new TableType(type, Limits.of(n, n)));
            module.elements().add(new ElementSegment(SegmentMode.ACTIVE, index, Expr.i32Const(0), type, init));
            return;
        }
        module.tables().add(tableType());
    }

    private void memory() {
        int index = memoryIndex++;
        optId();
        inlineExports(ExternKind.MEMORY, index);
        String[] imp = inlineImport();
        if (imp != null) {
            module.imports().add(new Import(imp[0], imp[1], new ImportDesc.Memory(new MemoryType(limits()))));
            return;
        }
        if (atParenKeyword("data")) {
            pos += 2;
            byte[] bytes = strings();
            expectRParen();
            long pages = (bytes.length + MemoryType.PAGE_SIZE - 1L) / MemoryType.PAGE_SIZE;
            module.memories().add(new MemoryType(Limits.of(pages, pages)));
            module.data().add(new DataSegment(SegmentMode.ACTIVE, index, Expr.i32Const(0), bytes));
            return;
        }
        module.memories().add(new MemoryType(limits()));
    }

    private void global() {
        int index = globalIndex++;
        optId();
        inlineExports(ExternKind.GLOBAL, index);
        String[] imp = inlineImport();
        if (imp != null) {
            module.imports().add(new Import(imp[0], imp[1], new ImportDesc.Global(globalType())));
            return;
        }
        GlobalType type = globalType();
        module.globals().add(new Global(type, new Expr(constExpr())));
    }

    private byte[] constExpr() {
        code.reset(pos, Map.of());
        byte[] e = code.expr();
        pos = code.position();
        return e;
    }

    private void elem() {
        optId();
        if (atKeyword("declare")) {
            pos++;
            ValType type = elemType();
            module.elements().add(new ElementSegment(SegmentMode.DECLARATIVE, 0, null, type, elemList(type, false)));
            return;
        }
        int table = 0;
        boolean active = false;
        if (atParenKeyword("table")) {
            pos += 2;
            table = ref(scopes.tables, "table");
            expectRParen();
            active = true;
        } else if (atVar()) {
            table = ref(scopes.tables, "table");
            active = true;
        }
        if (active || atLParen()) {
            Expr offset = offset();
            boolean legacy = !atKeyword("func") && !atKeyword("funcref") && !atKeyword("externref");
            ValType type = legacy ? ValType.FUNCREF : elemType();
            List<Expr> init = legacy ? funcIndices() : elemList(type, false);
            module.elements().add(new ElementSegment(SegmentMode.ACTIVE, table, offset, type, init));
            return;
        }
        ValType type = elemType();
        module.elements().add(new ElementSegment(SegmentMode.PASSIVE, 0, null, type, elemList(type, false)));
    }

    /** {@code (offset instr*)} or a single folded instruction. */
    private Expr offset() {
        if (atParenKeyword("offset")) {
            pos += 2;
            byte[] e = constExpr();
            expectRParen();
            return new Expr(e);
        }
        if (!atLParen()) {
            throw error("unexpected token");
        }
        code.reset(pos, Map.of());
        ByteWriter w = new ByteWriter();
        code.foldedOne(w);
        pos = code.position();
        w.u8(0x0B);
        return new Expr(w.toByteArray());
    }

    private int ref(Map<String, Integer> space, String what) {
        code.reset(pos, Map.of());
        int index = code.resolve(space, what);
        pos = code.position();
        return index;
    }

    /** After {@code declare} or in passive/active segments: {@code func} or a reference type. */
    private ValType elemType() {
        if (atKeyword("func")) {
            return ValType.FUNCREF;
        }
        return refType();
    }

    private ValType refType() {
        code.reset(pos, Map.of());
        ValType t = code.valType();
        if (!t.isReference()) {
            throw errorAt(pos, "unexpected token");
        }
        pos = code.position();
        return t;
    }

    /**
     * The element list after its type: function indices when the type was given as {@code func} (or inline in
     * a table, when the first element is an index), otherwise element expressions.
     */
    private List<Expr> elemList(ValType type, boolean inTable) {
        if (atKeyword("func")) {
            pos++;
            return funcIndices();
        }
        if (inTable && !atLParen()) {
            return funcIndices();
        }
        List<Expr> init = new ArrayList<>();
        while (atLParen()) {
            if (atParenKeyword("item")) {
                pos += 2;
                init.add(new Expr(constExpr()));
                expectRParen();
            } else {
                code.reset(pos, Map.of());
                ByteWriter w = new ByteWriter();
                code.foldedOne(w);
                pos = code.position();
                w.u8(0x0B);
                init.add(new Expr(w.toByteArray()));
            }
        }
        return init;
    }

    private List<Expr> funcIndices() {
        List<Expr> init = new ArrayList<>();
        while (atVar()) {
            init.add(Expr.refFunc(ref(scopes.funcs, "function")));
        }
        return init;
    }

    private void data() {
        optId();
        int memory = 0;
        boolean active = false;
        if (atParenKeyword("memory")) {
            pos += 2;
            memory = ref(scopes.memories, "memory");
            expectRParen();
            active = true;
        } else if (atVar()) {
            memory = ref(scopes.memories, "memory");
            active = true;
        }
        if (active || atLParen()) {
            Expr offset = offset();
            module.data().add(new DataSegment(SegmentMode.ACTIVE, memory, offset, strings()));
            return;
        }
        module.data().add(new DataSegment(SegmentMode.PASSIVE, 0, null, strings()));
    }

    private byte[] strings() {
        ByteWriter w = new ByteWriter();
        while (atString()) {
            w.bytes(string());
        }
        return w.toByteArray();
    }

    private Limits limits() {
        long min = u32();
        if (atVar()) {
            return Limits.of(min, u32());
        }
        return Limits.of(min);
    }

    private TableType tableType() {
        Limits limits = limits();
        return new TableType(refType(), limits);
    }

    private GlobalType globalType() {
        if (atParenKeyword("mut")) {
            pos += 2;
            code.reset(pos, Map.of());
            ValType t = code.valType();
            pos = code.position();
            expectRParen();
            return new GlobalType(t, true);
        }
        code.reset(pos, Map.of());
        ValType t = code.valType();
        pos = code.position();
        return new GlobalType(t, false);
    }
}
