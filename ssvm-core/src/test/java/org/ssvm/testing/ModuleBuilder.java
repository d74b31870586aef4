package org.ssvm.testing;

import java.util.List;
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

/** Builds {@link Module}s for tests; every method returns the index of what it added. */
public final class ModuleBuilder {
    public final Module module = new Module();

    public static ValType[] t(ValType... types) { return types; }

    public int type(ValType[] params, ValType... results) {
        FuncType ft = new FuncType(params, results);
        int i = module.types().indexOf(ft);
        if (i >= 0) {
            return i;
        }
        module.types().add(ft);
        return module.types().size() - 1;
    }

    public int importFunc(String mod, String name, ValType[] params, ValType... results) {
        module.imports().add(new Import(mod, name, new ImportDesc.Func(type(params, results))));
        return module.importCount(ExternKind.FUNC) - 1;
    }

    public void importMemory(String mod, String name, Limits limits) {
        module.imports().add(new Import(mod, name, new ImportDesc.Memory(new MemoryType(limits))));
    }

    public void importTable(String mod, String name, TableType type) {
        module.imports().add(new Import(mod, name, new ImportDesc.Table(type)));
    }

    public void importGlobal(String mod, String name, GlobalType type) {
        module.imports().add(new Import(mod, name, new ImportDesc.Global(type)));
    }

    /** Adds a function; {@code export} may be null. Returns its index in the function index space. */
    public int func(String export, ValType[] params, ValType[] results, ValType[] locals, byte[] body) {
        module.functions().add(type(params, results));
        module.bodies().add(new FunctionBody(locals, body, -1));
        int index = module.functionCount() - 1;
        if (export != null) {
            module.exports().add(new Export(export, ExternKind.FUNC, index));
        }
        return index;
    }

    public int func(String export, ValType[] params, ValType[] results, byte[] body) {
        return func(export, params, results, new ValType[0], body);
    }

    public int memory(String export, Limits limits) {
        module.memories().add(new MemoryType(limits));
        int index = module.memoryCount() - 1;
        if (export != null) {
            module.exports().add(new Export(export, ExternKind.MEMORY, index));
        }
        return index;
    }

    public int table(String export, ValType elem, Limits limits) {
        module.tables().add(new TableType(elem, limits));
        int index = module.tableCount() - 1;
        if (export != null) {
            module.exports().add(new Export(export, ExternKind.TABLE, index));
        }
        return index;
    }

    public int global(String export, ValType type, boolean mutable, Expr init) {
        module.globals().add(new Global(new GlobalType(type, mutable), init));
        int index = module.globalCount() - 1;
        if (export != null) {
            module.exports().add(new Export(export, ExternKind.GLOBAL, index));
        }
        return index;
    }

    public int activeElem(int table, int offset, int... funcs) {
        module.elements().add(new ElementSegment(SegmentMode.ACTIVE, table, Expr.i32Const(offset),
                ValType.FUNCREF, refs(funcs)));
        return module.elements().size() - 1;
    }

    public int passiveElem(int... funcs) {
        module.elements().add(new ElementSegment(SegmentMode.PASSIVE, 0, null, ValType.FUNCREF, refs(funcs)));
        return module.elements().size() - 1;
    }

    private static List<Expr> refs(int... funcs) {
        return java.util.Arrays.stream(funcs).mapToObj(Expr::refFunc).toList();
    }

    public int activeData(int offset, byte[] bytes) {
        module.data().add(new DataSegment(SegmentMode.ACTIVE, 0, Expr.i32Const(offset), bytes));
        return module.data().size() - 1;
    }

    public int passiveData(byte[] bytes) {
        module.data().add(new DataSegment(SegmentMode.PASSIVE, 0, null, bytes));
        module.setDataCount(module.data().size());
        return module.data().size() - 1;
    }

    public void start(int func) { module.setStart(func); }
}
