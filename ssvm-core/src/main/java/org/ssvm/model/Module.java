package org.ssvm.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A WebAssembly module as decoded from binary or parsed from text, before validation. This is plain data:
 * the lists are mutable so that the decoder and the text parser can fill them in order.
 *
 * <p>Index spaces follow the spec: imported functions, tables, memories and globals come first, in import
 * order, followed by the ones the module defines.
 */
public final class Module {
    private final List<FuncType> types = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    /** Type index of each function the module defines. */
    private final List<Integer> functions = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<Global> globals = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private Integer start;
    private final List<ElementSegment> elements = new ArrayList<>();
    /** The data count section's value, or null when the section is absent. */
    private Integer dataCount;
    private final List<FunctionBody> bodies = new ArrayList<>();
    private final List<DataSegment> data = new ArrayList<>();
    private final List<CustomSection> customSections = new ArrayList<>();
    private final NameSection names = new NameSection();

    public List<FuncType> types() { return types; }

    public List<Import> imports() { return imports; }

    /** Type indices of the functions defined (not imported) by this module. */
    public List<Integer> functions() { return functions; }

    /** Tables defined (not imported) by this module. */
    public List<TableType> tables() { return tables; }

    /** Memories defined (not imported) by this module. */
    public List<MemoryType> memories() { return memories; }

    /** Globals defined (not imported) by this module. */
    public List<Global> globals() { return globals; }

    public List<Export> exports() { return exports; }

    /** The start function's index, or null. */
    public Integer start() { return start; }

    public void setStart(Integer start) { this.start = start; }

    public List<ElementSegment> elements() { return elements; }

    public Integer dataCount() { return dataCount; }

    public void setDataCount(Integer dataCount) { this.dataCount = dataCount; }

    /** Bodies of the defined functions, parallel to {@link #functions()}. */
    public List<FunctionBody> bodies() { return bodies; }

    public List<DataSegment> data() { return data; }

    public List<CustomSection> customSections() { return customSections; }

    public NameSection names() { return names; }

    /** Number of imports of the given kind. */
    public int importCount(ExternKind kind) {
        int n = 0;
        for (Import imp : imports) {
            if (imp.desc().kind() == kind) {
                n++;
            }
        }
        return n;
    }

    /** Size of the function index space (imported plus defined). */
    public int functionCount() { return importCount(ExternKind.FUNC) + functions.size(); }

    public int tableCount() { return importCount(ExternKind.TABLE) + tables.size(); }

    public int memoryCount() { return importCount(ExternKind.MEMORY) + memories.size(); }

    public int globalCount() { return importCount(ExternKind.GLOBAL) + globals.size(); }

    /**
     * The type index of the function at {@code funcIndex} in the function index space, or -1 when out of range.
     */
    public int functionTypeIndex(int funcIndex) {
        int seen = 0;
        for (Import imp : imports) {
            if (imp.desc() instanceof ImportDesc.Func f) {
                if (seen == funcIndex) {
                    return f.typeIndex();
                }
                seen++;
            }
        }
        int local = funcIndex - seen;
        return local >= 0 && local < functions.size() ? functions.get(local) : -1;
    }

    /** Type of each function in the index space; null entries where a type index is out of range. */
    public FuncType[] functionTypes() {
        FuncType[] result = new FuncType[functionCount()];
        int i = 0;
        for (Import imp : imports) {
            if (imp.desc() instanceof ImportDesc.Func f) {
                result[i++] = typeOrNull(f.typeIndex());
            }
        }
        for (int typeIndex : functions) {
            result[i++] = typeOrNull(typeIndex);
        }
        return result;
    }

    /** Type of each table in the index space. */
    public TableType[] tableTypes() {
        List<TableType> all = new ArrayList<>();
        for (Import imp : imports) {
            if (imp.desc() instanceof ImportDesc.Table t) {
                all.add(t.type());
            }
        }
        all.addAll(tables);
        return all.toArray(TableType[]::new);
    }

    /** Type of each memory in the index space. */
    public MemoryType[] memoryTypes() {
        List<MemoryType> all = new ArrayList<>();
        for (Import imp : imports) {
            if (imp.desc() instanceof ImportDesc.Memory m) {
                all.add(m.type());
            }
        }
        all.addAll(memories);
        return all.toArray(MemoryType[]::new);
    }

    /** Type of each global in the index space. */
    public GlobalType[] globalTypes() {
        List<GlobalType> all = new ArrayList<>();
        for (Import imp : imports) {
            if (imp.desc() instanceof ImportDesc.Global g) {
                all.add(g.type());
            }
        }
        for (Global g : globals) {
            all.add(g.type());
        }
        return all.toArray(GlobalType[]::new);
    }

    private FuncType typeOrNull(int typeIndex) {
        return typeIndex >= 0 && typeIndex < types.size() ? types.get(typeIndex) : null;
    }
}
