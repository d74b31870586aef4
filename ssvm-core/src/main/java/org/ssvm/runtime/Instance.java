package org.ssvm.runtime;

import java.util.Map;
import org.ssvm.metering.Meter;
import org.ssvm.model.FuncType;
import org.ssvm.model.Module;

/**
 * A module instance: the runtime entities of one instantiated module, in their index spaces (imports first).
 * Engines read these arrays directly. Built by {@link Instantiator}.
 */
public final class Instance {
    private final Module module;
    final FunctionInstance[] functions;
    final Table[] tables;
    final Memory[] memories;
    final Global[] globals;
    final Map<String, Object> exports;
    final FuncType[] types;
    /** Element segments' references; an entry becomes empty when the segment is dropped. */
    final Object[][] elements;
    /** Data segments' bytes; an entry becomes empty when the segment is dropped. */
    final byte[][] data;
    /** Gas, statistics and interruption of this instance's code; set by {@link Instantiator}. */
    Meter meter = new Meter();

    Instance(Module module, FunctionInstance[] functions, Table[] tables, Memory[] memories, Global[] globals,
             Map<String, Object> exports) {
        this.module = module;
        this.functions = functions;
        this.tables = tables;
        this.memories = memories;
        this.globals = globals;
        this.exports = exports;
        this.types = module.types().toArray(FuncType[]::new);
        this.elements = new Object[module.elements().size()][];
        this.data = new byte[module.data().size()][];
    }

    public Module module() { return module; }

    /** The meter engines charge this instance's code to, and poll for interruption. */
    public Meter meter() { return meter; }

    public FunctionInstance function(int index) { return functions[index]; }

    public Table table(int index) { return tables[index]; }

    public Memory memory(int index) { return memories[index]; }

    public Global global(int index) { return globals[index]; }

    /**
     * The exported entity with this name (a {@link FunctionInstance}, {@link Table}, {@link Memory} or
     * {@link Global}), or null.
     */
    public Object export(String name) { return exports.get(name); }

    /** All exports by name, in declaration order (read-only). */
    public Map<String, Object> exports() { return java.util.Collections.unmodifiableMap(exports); }

    // ---- direct views for engines (the arrays themselves, not copies) ----

    /** The function index space. Engines must not modify it. */
    public FunctionInstance[] functions() { return functions; }

    /** The global index space. Engines must not modify it. */
    public Global[] globals() { return globals; }

    /** The table index space. Engines must not modify it. */
    public Table[] tables() { return tables; }

    /** The memory index space. Engines must not modify it. */
    public Memory[] memories() { return memories; }

    /** The module's type section. */
    public FuncType type(int typeIndex) { return types[typeIndex]; }

    /** The references of element segment {@code index}; empty once dropped. */
    public Object[] elementSegment(int index) { return elements[index]; }

    /** {@code elem.drop}. */
    public void dropElementSegment(int index) { elements[index] = EMPTY_REFS; }

    /** The bytes of data segment {@code index}; empty once dropped. */
    public byte[] dataSegment(int index) { return data[index]; }

    /** {@code data.drop}. */
    public void dropDataSegment(int index) { data[index] = EMPTY_BYTES; }

    private static final Object[] EMPTY_REFS = new Object[0];
    private static final byte[] EMPTY_BYTES = new byte[0];
}
