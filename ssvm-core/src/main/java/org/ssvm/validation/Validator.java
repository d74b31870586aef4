package org.ssvm.validation;

import static org.ssvm.validation.ModuleContext.inRange;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ssvm.ValidationException;
import org.ssvm.model.DataSegment;
import org.ssvm.model.ElementSegment;
import org.ssvm.model.Export;
import org.ssvm.model.ExternKind;
import org.ssvm.model.Expr;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Global;
import org.ssvm.model.Import;
import org.ssvm.model.ImportDesc;
import org.ssvm.model.Limits;
import org.ssvm.model.MemoryType;
import org.ssvm.model.Module;
import org.ssvm.model.SegmentMode;
import org.ssvm.model.TableType;

/**
 * Validates a whole module against the WebAssembly 2.0 rules: imports, definitions, limits, constant
 * expressions, segments, the start function, exports and every function body. Messages start with the
 * reference interpreter's wording (for example "type mismatch" or "unknown global 3"), followed by where in
 * parentheses.
 */
public final class Validator {
    /** Largest table size in 2.0 (table limits are u32). */
    private static final long MAX_TABLE_SIZE = 0xFFFF_FFFFL;

    private final Module module;
    private final ModuleContext ctx;
    private final ConstantExpressions constants;

    private Validator(Module module) {
        this.module = module;
        this.ctx = new ModuleContext(module);
        this.constants = new ConstantExpressions(ctx);
    }

    /**
     * Validates {@code m}.
     *
     * @throws ValidationException with the spec's category first when the module is invalid
     */
    public static void validate(Module m) {
        new Validator(m).run();
    }

    private void run() {
        checkImports();
        checkFunctions();
        checkTables();
        checkMemories();
        checkGlobals();
        checkElements();
        checkData();
        checkStart();
        checkExports();
        checkBodies();
    }

    private void checkImports() {
        List<Import> imports = module.imports();
        for (int i = 0; i < imports.size(); i++) {
            Import imp = imports.get(i);
            String where = "import " + i + " \"" + imp.module() + "\" \"" + imp.name() + "\"";
            // instanceof rather than a pattern switch, whose bootstrap costs about a millisecond of every start
            ImportDesc d = imp.desc();
            if (d instanceof ImportDesc.Func f) {
                requireType(f.typeIndex(), where);
            } else if (d instanceof ImportDesc.Table t) {
                checkTableType(t.type(), where);
            } else if (d instanceof ImportDesc.Memory m) {
                checkMemoryType(m.type(), where);
            }
        }
    }

    private void checkFunctions() {
        List<Integer> functions = module.functions();
        for (int i = 0; i < functions.size(); i++) {
            requireType(functions.get(i), "function " + (ctx.importedFuncCount + i));
        }
    }

    private void requireType(int typeIndex, String where) {
        if (!ctx.hasType(typeIndex)) {
            throw new ValidationException("unknown type " + Integer.toUnsignedString(typeIndex) + " (in " + where + ")");
        }
    }

    private void checkTables() {
        int imported = ctx.tableTypes.length - module.tables().size();
        for (int i = 0; i < module.tables().size(); i++) {
            checkTableType(module.tables().get(i), "table " + (imported + i));
        }
    }

    private void checkMemories() {
        int imported = ctx.memoryCount - module.memories().size();
        for (int i = 0; i < module.memories().size(); i++) {
            checkMemoryType(module.memories().get(i), "memory " + (imported + i));
        }
        if (ctx.memoryCount > 1) {
            throw new ValidationException("multiple memories (the module has " + ctx.memoryCount
                    + "; WebAssembly 2.0 allows one)");
        }
    }

    private static void checkTableType(TableType type, String where) {
        if (!type.elementType().isReference()) {
            throw new ValidationException("malformed reference type (in " + where + ")");
        }
        checkLimits(type.limits(), MAX_TABLE_SIZE, "table size must be at most 2^32-1", where);
    }

    private static void checkMemoryType(MemoryType type, String where) {
        checkLimits(type.limits(), MemoryType.MAX_PAGES_32, "memory size must be at most 65536 pages (4GiB)", where);
    }

    private static void checkLimits(Limits limits, long range, String rangeMessage, String where) {
        if (Long.compareUnsigned(limits.min(), range) > 0) {
            throw new ValidationException(rangeMessage + " (in " + where + ": minimum " + Long.toUnsignedString(limits.min()) + ")");
        }
        if (limits.hasMax()) {
            if (Long.compareUnsigned(limits.max(), range) > 0) {
                throw new ValidationException(rangeMessage + " (in " + where + ": maximum "
                        + Long.toUnsignedString(limits.max()) + ")");
            }
            if (Long.compareUnsigned(limits.min(), limits.max()) > 0) {
                throw new ValidationException("size minimum must not be greater than maximum (in " + where + ": "
                        + Long.toUnsignedString(limits.min()) + " > " + Long.toUnsignedString(limits.max()) + ")");
            }
        }
    }

    private void checkGlobals() {
        List<Global> globals = module.globals();
        for (int i = 0; i < globals.size(); i++) {
            Global g = globals.get(i);
            constants.check(g.init(), ValueTypes.of(g.type().valueType()),
                    "global " + (ctx.importedGlobalCount + i) + " initializer");
        }
    }

    private void checkElements() {
        List<ElementSegment> elements = module.elements();
        for (int i = 0; i < elements.size(); i++) {
            ElementSegment seg = elements.get(i);
            String where = "element segment " + i;
            if (!seg.type().isReference()) {
                throw new ValidationException("malformed reference type (in " + where + ")");
            }
            int type = ValueTypes.of(seg.type());
            if (seg.mode() == SegmentMode.ACTIVE) {
                int table = seg.tableIndex();
                if (!inRange(table, ctx.tableTypes.length)) {
                    throw new ValidationException("unknown table " + Integer.toUnsignedString(table) + " (in " + where + ")");
                }
                constants.check(requireOffset(seg.offset(), where), ValueTypes.I32, where + " offset");
                if (ctx.tableTypes[table] != type) {
                    throw new ValidationException("type mismatch (in " + where + ": elements are " + seg.type()
                            + " but table " + table + " holds " + ValueTypes.name(ctx.tableTypes[table]) + ")");
                }
            }
            List<Expr> init = seg.init();
            for (int j = 0; j < init.size(); j++) {
                constants.check(init.get(j), type, where + " element " + j);
            }
        }
    }

    private void checkData() {
        List<DataSegment> data = module.data();
        for (int i = 0; i < data.size(); i++) {
            DataSegment seg = data.get(i);
            if (seg.mode() == SegmentMode.ACTIVE) {
                String where = "data segment " + i;
                if (!inRange(seg.memoryIndex(), ctx.memoryCount)) {
                    throw new ValidationException("unknown memory " + Integer.toUnsignedString(seg.memoryIndex())
                            + " (in " + where + ")");
                }
                constants.check(requireOffset(seg.offset(), where), ValueTypes.I32, where + " offset");
            }
        }
    }

    private static Expr requireOffset(Expr offset, String where) {
        if (offset == null) {
            throw new ValidationException("type mismatch (in " + where + ": an active segment needs an offset)");
        }
        return offset;
    }

    private void checkStart() {
        Integer start = module.start();
        if (start == null) {
            return;
        }
        if (!inRange(start, ctx.funcTypes.length)) {
            throw new ValidationException("unknown function " + Integer.toUnsignedString(start) + " (in the start section)");
        }
        int type = ctx.funcTypes[start];
        if (ctx.typeParams[type].length != 0 || ctx.typeResults[type].length != 0) {
            throw new ValidationException("start function must have type [] -> [] (function " + start + " has type "
                    + module.types().get(type) + ")");
        }
    }

    private void checkExports() {
        Set<String> names = new HashSet<>();
        List<Export> exports = module.exports();
        for (Export e : exports) {
            int count = switch (e.kind()) {
                case FUNC -> ctx.funcTypes.length;
                case TABLE -> ctx.tableTypes.length;
                case MEMORY -> ctx.memoryCount;
                case GLOBAL -> ctx.globalTypes.length;
            };
            if (!inRange(e.index(), count)) {
                String kind = e.kind() == ExternKind.FUNC ? "function" : e.kind().textName();
                throw new ValidationException("unknown " + kind + " " + Integer.toUnsignedString(e.index())
                        + " (in export \"" + e.name() + "\")");
            }
            if (!names.add(e.name())) {
                throw new ValidationException("duplicate export name (\"" + e.name() + "\")");
            }
            if (e.kind() == ExternKind.FUNC) {
                ctx.declaredFuncs[e.index()] = true;
            }
        }
    }

    private void checkBodies() {
        List<FunctionBody> bodies = module.bodies();
        if (bodies.size() != module.functions().size()) {
            throw new ValidationException("function and code section have inconsistent lengths ("
                    + module.functions().size() + " functions, " + bodies.size() + " bodies)");
        }
        FunctionValidator fv = new FunctionValidator(ctx);
        for (int i = 0; i < bodies.size(); i++) {
            fv.validate(ctx.importedFuncCount + i, bodies.get(i));
        }
    }
}
