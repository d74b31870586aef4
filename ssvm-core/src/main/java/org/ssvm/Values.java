package org.ssvm;

import org.ssvm.model.ValType;
import org.ssvm.runtime.FunctionInstance;

/**
 * Conversions between Java values and the raw slot convention: i32 {@link Integer}, i64 {@link Long}, f32
 * {@link Float}, f64 {@link Double}, v128 {@link V128}, funcref {@link FunctionInstance} (or a
 * {@link WasmFunction}), externref any object; null is the null reference.
 */
final class Values {
    private Values() {}

    /** Writes {@code value} of type {@code type} at {@code slot}; returns the next slot. */
    static int write(ValType type, Object value, long[] slots, Object[] refs, int slot) {
        switch (type) {
            case I32 -> slots[slot] = ((Number) value).intValue();
            case I64 -> slots[slot] = ((Number) value).longValue();
            case F32 -> slots[slot] = Float.floatToRawIntBits(((Number) value).floatValue()) & 0xFFFF_FFFFL;
            case F64 -> slots[slot] = Double.doubleToRawLongBits(((Number) value).doubleValue());
            case V128 -> {
                V128 v = (V128) value;
                slots[slot] = v.low();
                slots[slot + 1] = v.high();
                return slot + 2;
            }
            case FUNCREF -> refs[slot] = value instanceof WasmFunction f ? f.raw() : (FunctionInstance) value;
            case EXTERNREF -> refs[slot] = value;
        }
        return slot + 1;
    }

    /** Reads the value of type {@code type} at {@code slot}. */
    static Object read(ValType type, long[] slots, Object[] refs, int slot) {
        return switch (type) {
            case I32 -> (int) slots[slot];
            case I64 -> slots[slot];
            case F32 -> Float.intBitsToFloat((int) slots[slot]);
            case F64 -> Double.longBitsToDouble(slots[slot]);
            case V128 -> new V128(slots[slot], slots[slot + 1]);
            case FUNCREF, EXTERNREF -> refs[slot];
        };
    }

    static int slots(ValType type) { return type == ValType.V128 ? 2 : 1; }
}
