package org.ssvm.model;

import java.util.HashMap;
import java.util.Map;

/** Debug names from the {@code name} custom section (or from {@code $identifiers} in the text format). */
public final class NameSection {
    private String moduleName;
    private final Map<Integer, String> functionNames = new HashMap<>();
    private final Map<Integer, Map<Integer, String>> localNames = new HashMap<>();

    public String moduleName() { return moduleName; }

    public void setModuleName(String moduleName) { this.moduleName = moduleName; }

    /** Function index to name; mutable. */
    public Map<Integer, String> functionNames() { return functionNames; }

    /** Function index to (local index to name); mutable. */
    public Map<Integer, Map<Integer, String>> localNames() { return localNames; }

    /** The name of a function, or null. */
    public String functionName(int funcIndex) { return functionNames.get(funcIndex); }
}
