package org.ssvm.compiler;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.ssvm.model.FuncType;

/**
 * The compiled form of one module, shared by all its instances: per defined function the {@link CodeEntry} that
 * calls it from outside and its class, from which its typed method handle (for call_indirect) is looked up on
 * first use; and which functions were left to the interpreter. It keeps no reference to the module itself.
 *
 * <p>Handles are resolved lazily because a short program calls few of its functions through them while looking up
 * every function's costs milliseconds of a cold start. Two threads racing on one look-up store equal handles, so
 * the cache needs no lock.
 */
final class ModuleCode {
    /** Per function: the class holding its methods, null for imports and functions without a method. */
    private final Class<?>[] owners;
    private final CodeEntry[] entries;
    private final FuncType[] types;
    private final MethodHandle[] direct;
    private final boolean[] fallback;
    private final int resultSlots;

    ModuleCode(Class<?>[] owners, CodeEntry[] entries, FuncType[] types, boolean[] fallback, int resultSlots) {
        this.owners = owners;
        this.entries = entries;
        this.types = types;
        this.direct = new MethodHandle[owners.length];
        this.fallback = fallback;
        this.resultSlots = resultSlots;
    }

    /** What calls a defined function in the raw convention, or null when it has no method (the interpreter runs it). */
    CodeEntry entry(int funcIndex) { return entries[funcIndex]; }

    /** The typed static method of a defined function: {@code (params..., Ctx, int depth) result}, or null. */
    MethodHandle direct(int funcIndex) {
        MethodHandle h = direct[funcIndex];
        if (h == null && owners[funcIndex] != null) {
            h = find(funcIndex, ModulePlan.methodName(funcIndex), methodType(types[funcIndex]));
            direct[funcIndex] = h;
        }
        return h;
    }

    private MethodHandle find(int funcIndex, String name, MethodType type) {
        try {
            return MethodHandles.publicLookup().findStatic(owners[funcIndex], name, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("compiled code lacks " + name, e);
        }
    }

    private static MethodType methodType(FuncType type) {
        try {
            return JvmTypes.methodType(type).resolveConstantDesc(MethodHandles.lookup());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isFallback(int funcIndex) { return fallback[funcIndex]; }

    int resultSlots() { return resultSlots; }

    /** Number of defined functions left to the interpreter. */
    int fallbackCount() {
        int n = 0;
        for (boolean b : fallback) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
