package org.ssvm.validation;

import org.ssvm.model.FuncType;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Module;
import org.ssvm.model.ValType;

/** Test helper: builds modules programmatically. */
final class Modules {
    static final ValType[] NONE = new ValType[0];

    private Modules() {
    }

    static ValType[] types(ValType... ts) {
        return ts;
    }

    /** Index of {@code type} in the module's type section, adding it if absent. */
    static int type(Module m, FuncType type) {
        int i = m.types().indexOf(type);
        if (i >= 0) {
            return i;
        }
        m.types().add(type);
        return m.types().size() - 1;
    }

    /** Adds a defined function with binary-like code offset 0 and returns its function index. */
    static int func(Module m, FuncType type, ValType[] locals, byte[] body) {
        m.functions().add(type(m, type));
        m.bodies().add(new FunctionBody(locals, body, 0));
        return m.functionCount() - 1;
    }

    static int func(Module m, FuncType type, byte[] body) {
        return func(m, type, NONE, body);
    }

    /** A module with one function of the given type and body. */
    static Module single(FuncType type, ValType[] locals, byte[] body) {
        Module m = new Module();
        func(m, type, locals, body);
        return m;
    }

    static Module single(FuncType type, byte[] body) {
        return single(type, NONE, body);
    }

    static FuncType sig(ValType[] params, ValType... results) {
        return new FuncType(params, results);
    }
}
