package org.ssvm.wast;

import org.ssvm.Linker;
import org.ssvm.model.FuncType;
import org.ssvm.model.GlobalType;
import org.ssvm.model.Limits;
import org.ssvm.model.MemoryType;
import org.ssvm.model.TableType;
import org.ssvm.model.ValType;
import org.ssvm.runtime.Global;
import org.ssvm.runtime.Memory;
import org.ssvm.runtime.Table;

/**
 * The {@code spectest} host module that the spec scripts import from: print functions that do nothing
 * visible, four globals holding 666, a 10..20 funcref table and a 1..2 page memory.
 */
final class SpecTestHost {
    private SpecTestHost() {
    }

    static void define(Linker linker) {
        printFunction(linker, "print");
        printFunction(linker, "print_i32", ValType.I32);
        printFunction(linker, "print_i64", ValType.I64);
        printFunction(linker, "print_f32", ValType.F32);
        printFunction(linker, "print_f64", ValType.F64);
        printFunction(linker, "print_i32_f32", ValType.I32, ValType.F32);
        printFunction(linker, "print_f64_f64", ValType.F64, ValType.F64);
        linker.global("spectest", "global_i32", global(ValType.I32, 666));
        linker.global("spectest", "global_i64", global(ValType.I64, 666));
        linker.global("spectest", "global_f32", global(ValType.F32, Float.floatToRawIntBits(666.6f)));
        linker.global("spectest", "global_f64", global(ValType.F64, Double.doubleToRawLongBits(666.6)));
        linker.table("spectest", "table", new Table(new TableType(ValType.FUNCREF, Limits.of(10, 20)), null));
        linker.memory("spectest", "memory", new Memory(new MemoryType(Limits.of(1, 2))));
    }

    private static void printFunction(Linker linker, String name, ValType... params) {
        linker.function("spectest", name, new FuncType(params, new ValType[0]),
                (caller, slots, refs, base) -> { });
    }

    private static Global global(ValType type, long bits) {
        Global g = new Global(new GlobalType(type, false));
        g.bits = bits;
        return g;
    }
}
