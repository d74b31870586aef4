package org.ssvm.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A function signature. Immutable; equal signatures are interchangeable (structural equality). */
public final class FuncType {
    private final ValType[] params;
    private final ValType[] results;
    private final int hash;

    public FuncType(ValType[] params, ValType[] results) {
        this.params = params.clone();
        this.results = results.clone();
        this.hash = 31 * Arrays.hashCode(this.params) + Arrays.hashCode(this.results);
    }

    public static FuncType of(ValType[] params, ValType... results) {
        return new FuncType(params, results);
    }

    public int paramCount() { return params.length; }

    public int resultCount() { return results.length; }

    public ValType param(int i) { return params[i]; }

    public ValType result(int i) { return results[i]; }

    /** A copy of the parameter types. */
    public ValType[] params() { return params.clone(); }

    /** A copy of the result types. */
    public ValType[] results() { return results.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof FuncType other && hash == other.hash
                && Arrays.equals(params, other.params) && Arrays.equals(results, other.results);
    }

    @Override
    public int hashCode() { return hash; }

    /** Text-format rendering, e.g. {@code (func (param i32 i64) (result f32))}. */
    @Override
    public String toString() {
        return "(func" + (params.length == 0 ? "" : " (param " + join(params) + ")")
                + (results.length == 0 ? "" : " (result " + join(results) + ")") + ")";
    }

    private static String join(ValType[] types) {
        return Arrays.stream(types).map(ValType::textName).collect(Collectors.joining(" "));
    }
}
