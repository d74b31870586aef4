package org.ssvm.wast;

import org.ssvm.model.ValType;
import org.ssvm.runtime.FunctionInstance;
import org.ssvm.text.wast.Expected;
import org.ssvm.text.wast.Value;

/** Compares a result in the raw slot convention with a script's expectation. */
final class ResultMatcher {
    private static final int F32_CANONICAL_NAN = 0x7FC0_0000;
    private static final long F64_CANONICAL_NAN = 0x7FF8_0000_0000_0000L;

    private ResultMatcher() {
    }

    /** Whether the value of {@code type} at {@code slot} matches {@code expected}. */
    static boolean matches(Expected expected, ValType type, long[] slots, Object[] refs, int slot) {
        return switch (expected) {
            case Expected.Exact e -> matchesExact(e.value(), type, slots, refs, slot);
            case Expected.CanonicalNan n -> isNan(n.type(), type, slots[slot], true);
            case Expected.ArithmeticNan n -> isNan(n.type(), type, slots[slot], false);
            case Expected.V128Lanes v -> type == ValType.V128 && matchesLanes(v, slots[slot], slots[slot + 1]);
            case Expected.AnyRefFunc f -> type == ValType.FUNCREF && refs[slot] instanceof FunctionInstance;
            case Expected.AnyRefExtern x -> type == ValType.EXTERNREF && refs[slot] != null;
            case Expected.Either either -> either.alternatives().stream()
                    .anyMatch(alt -> matches(alt, type, slots, refs, slot));
        };
    }

    private static boolean matchesExact(Value value, ValType type, long[] slots, Object[] refs, int slot) {
        return switch (value) {
            case Value.I32 v -> type == ValType.I32 && (int) slots[slot] == v.bits();
            case Value.I64 v -> type == ValType.I64 && slots[slot] == v.bits();
            case Value.F32 v -> type == ValType.F32 && (int) slots[slot] == v.bits();
            case Value.F64 v -> type == ValType.F64 && slots[slot] == v.bits();
            case Value.V128 v -> type == ValType.V128 && slots[slot] == v.lo() && slots[slot + 1] == v.hi();
            case Value.RefNull n -> type == n.type() && refs[slot] == null;
            case Value.RefExtern x -> type == ValType.EXTERNREF && new HostRef(x.id()).equals(refs[slot]);
            case Value.RefFunc f -> type == ValType.FUNCREF && refs[slot] instanceof FunctionInstance;
        };
    }

    private static boolean isNan(ValType wanted, ValType type, long bits, boolean canonical) {
        if (wanted != type) {
            return false;
        }
        return type == ValType.F32 ? isNan32((int) bits, canonical) : isNan64(bits, canonical);
    }

    private static boolean isNan32(int bits, boolean canonical) {
        int magnitude = bits & 0x7FFF_FFFF;
        return canonical ? magnitude == F32_CANONICAL_NAN : (magnitude & F32_CANONICAL_NAN) == F32_CANONICAL_NAN;
    }

    private static boolean isNan64(long bits, boolean canonical) {
        long magnitude = bits & 0x7FFF_FFFF_FFFF_FFFFL;
        return canonical ? magnitude == F64_CANONICAL_NAN : (magnitude & F64_CANONICAL_NAN) == F64_CANONICAL_NAN;
    }

    private static boolean matchesLanes(Expected.V128Lanes v, long lo, long hi) {
        int lanes = v.lanes().size();
        for (int i = 0; i < lanes; i++) {
            Expected lane = v.lanes().get(i);
            long bits;
            if (v.laneType() == ValType.F32) {
                long half = i < 2 ? lo : hi;
                bits = (half >>> (32 * (i % 2))) & 0xFFFF_FFFFL;
            } else {
                bits = i == 0 ? lo : hi;
            }
            long[] one = {bits};
            if (!matches(lane, v.laneType(), one, new Object[1], 0)) {
                return false;
            }
        }
        return true;
    }

    /** A readable rendering of the value at {@code slot}, for failure messages. */
    static String describe(ValType type, long[] slots, Object[] refs, int slot) {
        return switch (type) {
            case I32 -> "i32:" + (int) slots[slot];
            case I64 -> "i64:" + slots[slot];
            case F32 -> "f32:" + Float.intBitsToFloat((int) slots[slot])
                    + " (0x" + Integer.toHexString((int) slots[slot]) + ")";
            case F64 -> "f64:" + Double.longBitsToDouble(slots[slot]) + " (0x" + Long.toHexString(slots[slot]) + ")";
            case V128 -> "v128:0x" + String.format("%016x%016x", slots[slot + 1], slots[slot]);
            case FUNCREF, EXTERNREF -> type + ":" + refs[slot];
        };
    }
}
