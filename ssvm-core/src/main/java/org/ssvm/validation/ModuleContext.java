package org.ssvm.validation;

import java.util.List;
import org.ssvm.model.ElementSegment;
import org.ssvm.model.FuncType;
import org.ssvm.model.Global;
import org.ssvm.model.Import;
import org.ssvm.model.ImportDesc;
import org.ssvm.model.Module;
import org.ssvm.model.TableType;

/**
 * What a function body may refer to (the spec's context C), flattened into int-coded arrays so that
 * validating a body never searches the module's lists. Built once per module.
 */
public final class ModuleContext {
    final int[][] typeParams;
    final int[][] typeResults;
    /** Type index of each function in the function index space (may be out of range before checking). */
    final int[] funcTypes;
    final int importedFuncCount;
    /** Element type of each table in the table index space. */
    final int[] tableTypes;
    final int memoryCount;
    final int[] globalTypes;
    final boolean[] globalMutable;
    final int importedGlobalCount;
    /** Element type of each element segment. */
    final int[] elemTypes;
    /** Number of data segments. */
    final int dataSegments;
    final boolean hasDataCount;
    /** Functions that may be named by {@code ref.func} inside bodies (the spec's C.refs). */
    final boolean[] declaredFuncs;

    /** Builds the context of {@code m}; {@link Validator} fills {@link #declaredFuncs} as it checks. */
    public ModuleContext(Module m) {
        List<FuncType> types = m.types();
        typeParams = new int[types.size()][];
        typeResults = new int[types.size()][];
        for (int i = 0; i < types.size(); i++) {
            typeParams[i] = ValueTypes.of(types.get(i).params());
            typeResults[i] = ValueTypes.of(types.get(i).results());
        }

        int nf = 0;
        int nt = 0;
        int ng = 0;
        int nm = 0;
        for (Import imp : m.imports()) {
            switch (imp.desc().kind()) { // an enum switch: a pattern switch costs a bootstrap at every start
                case FUNC -> nf++;
                case TABLE -> nt++;
                case MEMORY -> nm++;
                case GLOBAL -> ng++;
            }
        }
        importedFuncCount = nf;
        importedGlobalCount = ng;
        funcTypes = new int[nf + m.functions().size()];
        tableTypes = new int[nt + m.tables().size()];
        globalTypes = new int[ng + m.globals().size()];
        globalMutable = new boolean[globalTypes.length];
        memoryCount = nm + m.memories().size();
        int fi = 0;
        int ti = 0;
        int gi = 0;
        for (Import imp : m.imports()) {
            ImportDesc d = imp.desc();
            if (d instanceof ImportDesc.Func f) {
                funcTypes[fi++] = f.typeIndex();
            } else if (d instanceof ImportDesc.Table t) {
                tableTypes[ti++] = ValueTypes.of(t.type().elementType());
            } else if (d instanceof ImportDesc.Global g) {
                globalMutable[gi] = g.type().mutable();
                globalTypes[gi++] = ValueTypes.of(g.type().valueType());
            }
        }
        for (int typeIndex : m.functions()) {
            funcTypes[fi++] = typeIndex;
        }
        for (TableType t : m.tables()) {
            tableTypes[ti++] = ValueTypes.of(t.elementType());
        }
        for (Global g : m.globals()) {
            globalMutable[gi] = g.type().mutable();
            globalTypes[gi++] = ValueTypes.of(g.type().valueType());
        }
        List<ElementSegment> elems = m.elements();
        elemTypes = new int[elems.size()];
        for (int i = 0; i < elemTypes.length; i++) {
            elemTypes[i] = ValueTypes.of(elems.get(i).type());
        }
        dataSegments = m.data().size();
        hasDataCount = m.dataCount() != null;
        declaredFuncs = new boolean[funcTypes.length];
    }

    /** Size of the function index space. */
    public int functionCount() { return funcTypes.length; }

    /** Whether {@code index} (an unsigned u32 held in an int) is below {@code count}. */
    static boolean inRange(int index, int count) {
        return index >= 0 && index < count;
    }

    boolean hasType(int typeIndex) {
        return inRange(typeIndex, typeParams.length);
    }
}
