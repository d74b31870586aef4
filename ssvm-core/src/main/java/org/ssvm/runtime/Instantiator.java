package org.ssvm.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssvm.LinkException;
import org.ssvm.TrapException;
import org.ssvm.metering.Meter;
import org.ssvm.model.DataSegment;
import org.ssvm.model.ElementSegment;
import org.ssvm.model.Export;
import org.ssvm.model.FuncType;
import org.ssvm.model.Import;
import org.ssvm.model.ImportDesc;
import org.ssvm.model.Limits;
import org.ssvm.model.Module;
import org.ssvm.model.SegmentMode;
import org.ssvm.model.TableType;

/**
 * Instantiates a validated module following the WebAssembly 2.0 steps: match imports, allocate tables,
 * memories and globals, initialize active element then data segments in order, run the start function.
 *
 * <p>A trap while initializing segments stops there, but what was already written stays written: tables and
 * memories may be shared with other instances that observe it.
 */
public final class Instantiator {
    private Instantiator() {}

    /**
     * Builds an instance.
     *
     * @param module  a validated module
     * @param externs one resolved entity per import, in import order: {@link FunctionInstance}, {@link Table},
     *                {@link Memory} or {@link Global}
     * @param engine  creates the module's own functions
     * @throws LinkException when an import is missing or does not match its declared type
     * @throws TrapException when segment initialization or the start function traps
     */
    public static Instance instantiate(Module module, List<?> externs, ExecutionEngine engine) {
        return instantiate(module, externs, engine, new Meter(), Memory.MAX_PAGES);
    }

    /**
     * Builds an instance under resource limits.
     *
     * @param meter           the instance's {@link Instance#meter()} (gas, statistics, interruption); may be
     *                        shared by several instances
     * @param memoryPageLimit the most pages each memory the module defines may have; a module whose memory
     *                        needs more at the start fails with a {@link LinkException}, and
     *                        {@code memory.grow} beyond it returns -1 (imported memories keep their own limit)
     * @throws LinkException when an import is missing or does not match, or a memory exceeds the page limit
     * @throws TrapException when segment initialization or the start function traps
     */
    public static Instance instantiate(Module module, List<?> externs, ExecutionEngine engine, Meter meter,
                                       long memoryPageLimit) {
        List<Import> imports = module.imports();
        if (externs.size() != imports.size()) {
            throw new LinkException("expected " + imports.size() + " imports, got " + externs.size());
        }
        FunctionInstance[] functions = new FunctionInstance[module.functionCount()];
        Table[] tables = new Table[module.tableCount()];
        Memory[] memories = new Memory[module.memoryCount()];
        Global[] globals = new Global[module.globalCount()];
        int nf = 0;
        int nt = 0;
        int nm = 0;
        int ng = 0;
        for (int i = 0; i < imports.size(); i++) {
            Import imp = imports.get(i);
            Object ext = externs.get(i);
            // instanceof rather than a pattern switch, whose bootstrap costs about a millisecond of every start
            ImportDesc d = imp.desc();
            if (d instanceof ImportDesc.Func f) {
                FuncType expected = module.types().get(f.typeIndex());
                if (!(ext instanceof FunctionInstance fi) || !fi.type().equals(expected)) {
                    throw incompatible(imp, ext);
                }
                functions[nf++] = fi;
            } else if (d instanceof ImportDesc.Table t) {
                if (!(ext instanceof Table table) || table.type().elementType() != t.type().elementType()
                        || !currentLimits(table).matches(t.type().limits())) {
                    throw incompatible(imp, ext);
                }
                tables[nt++] = table;
            } else if (d instanceof ImportDesc.Memory m) {
                if (!(ext instanceof Memory mem) || !currentLimits(mem).matches(m.type().limits())) {
                    throw incompatible(imp, ext);
                }
                memories[nm++] = mem;
            } else if (d instanceof ImportDesc.Global g) {
                if (!(ext instanceof Global global) || !global.type().equals(g.type())) {
                    throw incompatible(imp, ext);
                }
                globals[ng++] = global;
            }
        }

        Map<String, Object> exports = new LinkedHashMap<>();
        Instance instance = new Instance(module, functions, tables, memories, globals, exports);
        instance.meter = meter;
        for (int i = 0; i < module.functions().size(); i++) {
            int index = nf + i;
            functions[index] = engine.function(instance, index, module.types().get(module.functions().get(i)),
                    module.bodies().get(i));
        }
        for (TableType t : module.tables()) {
            tables[nt++] = new Table(t, null);
        }
        for (var m : module.memories()) {
            if (m.limits().min() > memoryPageLimit) {
                throw new LinkException("memory " + nm + " needs " + m.limits().min()
                        + " pages, more than the memory page limit of " + memoryPageLimit);
            }
            memories[nm++] = new Memory(m, memoryPageLimit);
        }
        for (var g : module.globals()) {
            Global global = new Global(g.type());
            ConstEval.eval(g.init(), instance, global);
            globals[ng++] = global;
        }
        for (Export e : module.exports()) {
            Object entity = switch (e.kind()) {
                case FUNC -> functions[e.index()];
                case TABLE -> tables[e.index()];
                case MEMORY -> memories[e.index()];
                case GLOBAL -> globals[e.index()];
            };
            exports.put(e.name(), entity);
        }

        // Element segments' references are computed before any is applied (they only read globals/functions).
        Global scratch = new Global(null);
        List<ElementSegment> elems = module.elements();
        for (int i = 0; i < elems.size(); i++) {
            ElementSegment seg = elems.get(i);
            Object[] refs = new Object[seg.init().size()];
            for (int j = 0; j < refs.length; j++) {
                ConstEval.eval(seg.init().get(j), instance, scratch);
                refs[j] = scratch.ref;
            }
            instance.elements[i] = refs;
        }
        List<DataSegment> data = module.data();
        for (int i = 0; i < data.size(); i++) {
            instance.data[i] = data.get(i).bytes();
        }

        for (int i = 0; i < elems.size(); i++) {
            ElementSegment seg = elems.get(i);
            if (seg.mode() == SegmentMode.ACTIVE) {
                ConstEval.eval(seg.offset(), instance, scratch);
                tableInit(instance, seg.tableIndex(), i, scratch.bits & 0xFFFF_FFFFL, 0, instance.elements[i].length);
                instance.dropElementSegment(i);
            } else if (seg.mode() == SegmentMode.DECLARATIVE) {
                instance.dropElementSegment(i);
            }
        }
        for (int i = 0; i < data.size(); i++) {
            DataSegment seg = data.get(i);
            if (seg.mode() == SegmentMode.ACTIVE) {
                ConstEval.eval(seg.offset(), instance, scratch);
                memoryInit(instance, seg.memoryIndex(), i, scratch.bits & 0xFFFF_FFFFL, 0, seg.bytes().length);
                instance.dropDataSegment(i);
            }
        }
        if (module.start() != null) {
            FunctionInstance start = functions[module.start()];
            int slots = Math.max(FunctionInstance.slotCount(start.type().params()),
                    FunctionInstance.slotCount(start.type().results()));
            start.invoke(new long[slots + 1], new Object[slots + 1], 0);
        }
        return instance;
    }

    /** {@code table.init}: copies {@code n} references of element segment {@code seg} into the table. */
    public static void tableInit(Instance instance, int tableIndex, int seg, long dst, long src, long n) {
        Object[] refs = instance.elements[seg];
        Table table = instance.tables[tableIndex];
        if (src + n > refs.length || dst + n > table.size()) {
            throw new TrapException("out of bounds table access");
        }
        System.arraycopy(refs, (int) src, table.array(), (int) dst, (int) n);
    }

    /** {@code memory.init}: copies {@code n} bytes of data segment {@code seg} into memory. */
    public static void memoryInit(Instance instance, int memoryIndex, int seg, long dst, long src, long n) {
        byte[] bytes = instance.data[seg];
        Memory memory = instance.memories[memoryIndex];
        if (src + n > bytes.length || dst + n > memory.byteSize()) {
            throw Memory.outOfBounds();
        }
        System.arraycopy(bytes, (int) src, memory.array(), (int) dst, (int) n);
    }

    private static Limits currentLimits(Table table) {
        Limits declared = table.type().limits();
        return new Limits(table.size(), declared.max(), declared.hasMax());
    }

    private static Limits currentLimits(Memory memory) {
        Limits declared = memory.type().limits();
        return new Limits(memory.pages(), declared.max(), declared.hasMax());
    }

    private static LinkException incompatible(Import imp, Object ext) {
        return new LinkException("incompatible import type: " + imp.module() + "." + imp.name() + " wants "
                + imp.desc().kind().textName() + ", got " + describe(ext));
    }

    private static String describe(Object ext) {
        return switch (ext) {
            case FunctionInstance f -> "function " + f.type();
            case Table t -> "table " + t.type().elementType() + " " + t.size();
            case Memory m -> "memory of " + m.pages() + " pages";
            case Global g -> "global " + g.type();
            case null -> "nothing";
            default -> ext.getClass().getName();
        };
    }
}
