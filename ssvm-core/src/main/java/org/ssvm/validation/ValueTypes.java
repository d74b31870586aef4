package org.ssvm.validation;

import java.util.Arrays;
import org.ssvm.model.ValType;

/**
 * Value types coded as small ints, so that the validator's operand stack is a plain {@code int[]} and
 * validating an instruction allocates nothing. {@link #UNKNOWN} is the spec's "unknown" type that pops out
 * of the stack in unreachable code and matches every type.
 */
public final class ValueTypes {
    public static final int UNKNOWN = 0;
    public static final int I32 = 1;
    public static final int I64 = 2;
    public static final int F32 = 3;
    public static final int F64 = 4;
    public static final int V128 = 5;
    public static final int FUNCREF = 6;
    public static final int EXTERNREF = 7;

    /** The empty type list; shared so that frames and signatures never allocate one. */
    public static final int[] EMPTY = new int[0];

    private static final String[] NAMES = {"any", "i32", "i64", "f32", "f64", "v128", "funcref", "externref"};
    private static final ValType[] VAL_TYPES = {
        null, ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128, ValType.FUNCREF, ValType.EXTERNREF
    };
    /** One shared single-element list per type, used for block types like {@code (result i32)}. */
    private static final int[][] SINGLE = new int[8][];
    /** Binary encoding byte to code, -1 where the byte encodes no value type. */
    private static final int[] FROM_BYTE = new int[256];

    static {
        for (int t = 0; t < SINGLE.length; t++) {
            SINGLE[t] = new int[] {t};
        }
        Arrays.fill(FROM_BYTE, -1);
        for (int t = I32; t <= EXTERNREF; t++) {
            FROM_BYTE[VAL_TYPES[t].code()] = t;
        }
    }

    private ValueTypes() {
    }

    /** The code of a model value type. */
    public static int of(ValType type) {
        return FROM_BYTE[type.code()];
    }

    /** The codes of a list of model value types. */
    public static int[] of(ValType[] types) {
        if (types.length == 0) {
            return EMPTY;
        }
        int[] result = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            result[i] = of(types[i]);
        }
        return result;
    }

    /** The code for the value type encoded by {@code b} in the binary format, or -1. */
    public static int fromByte(int b) {
        return b >= 0 && b < 256 ? FROM_BYTE[b] : -1;
    }

    /** The model type of a code, or null for {@link #UNKNOWN}. */
    public static ValType toValType(int type) {
        return VAL_TYPES[type];
    }

    /** A shared one-element list holding {@code type}; callers must not modify it. */
    public static int[] single(int type) {
        return SINGLE[type];
    }

    public static boolean isNumeric(int t) { return t == UNKNOWN || (t >= I32 && t <= F64); }

    public static boolean isVector(int t) { return t == UNKNOWN || t == V128; }

    public static boolean isReference(int t) { return t == UNKNOWN || t == FUNCREF || t == EXTERNREF; }

    public static String name(int type) {
        return NAMES[type];
    }

    /** Renders {@code types[from..to)} as {@code [i32 f64]}. */
    public static String list(int[] types, int from, int to) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(' ');
            }
            sb.append(NAMES[types[i]]);
        }
        return sb.append(']').toString();
    }
}
