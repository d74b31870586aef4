package org.ssvm.runtime;

import java.util.Map;
import org.ssvm.model.Module;

/**
 * A module instance: the runtime entities of one instantiated module, in their index spaces (imports first).
 * Engines read these arrays directly.
 */
public final class Instance {
    private final Module module;
    final FunctionInstance[] functions;
    final Table[] tables;
    final Memory[] memories;
    final Global[] globals;
    final Map<String, Object> exports;

    Instance(Module module, FunctionInstance[] functions, Table[] tables, Memory[] memories, Global[] globals,
             Map<String, Object> exports) {
        this.module = module;
        this.functions = functions;
        this.tables = tables;
        this.memories = memories;
        this.globals = globals;
        this.exports = exports;
    }

    public Module module() { return module; }

    public FunctionInstance function(int index) { return functions[index]; }

    public Table table(int index) { return tables[index]; }

    public Memory memory(int index) { return memories[index]; }

    public Global global(int index) { return globals[index]; }

    /**
     * The exported entity with this name (a {@link FunctionInstance}, {@link Table}, {@link Memory} or
     * {@link Global}), or null.
     */
    public Object export(String name) { return exports.get(name); }
}
