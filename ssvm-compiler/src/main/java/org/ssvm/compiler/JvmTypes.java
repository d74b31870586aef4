package org.ssvm.compiler;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_float;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import org.ssvm.model.FuncType;
import org.ssvm.model.ValType;

/**
 * How Wasm values live in JVM code: i32 int, i64 long, f32 float, f64 double, v128 an immutable {@code long[2]}
 * (low half first), references Object.
 */
final class JvmTypes {
    private JvmTypes() {}

    static final ClassDesc CD_CTX = ClassDesc.of("org.ssvm.compiler.Ctx");
    static final ClassDesc CD_RT = ClassDesc.of("org.ssvm.compiler.Rt");
    static final ClassDesc CD_V128 = CD_long.arrayType();
    static final ClassDesc CD_BYTES = ClassDesc.ofDescriptor("[B");
    static final ClassDesc CD_OBJECTS = CD_Object.arrayType();
    static final ClassDesc CD_FUNCTION = ClassDesc.of("org.ssvm.runtime.FunctionInstance");
    static final ClassDesc CD_MEMORY = ClassDesc.of("org.ssvm.runtime.Memory");
    static final ClassDesc CD_OPCODE = ClassDesc.of("org.ssvm.model.Opcode");
    static final ClassDesc CD_TRAP = ClassDesc.of("org.ssvm.TrapException");

    static TypeKind kind(ValType t) {
        return switch (t) {
            case I32 -> TypeKind.INT;
            case I64 -> TypeKind.LONG;
            case F32 -> TypeKind.FLOAT;
            case F64 -> TypeKind.DOUBLE;
            default -> TypeKind.REFERENCE;
        };
    }

    static ClassDesc desc(ValType t) {
        return switch (t) {
            case I32 -> CD_int;
            case I64 -> CD_long;
            case F32 -> CD_float;
            case F64 -> CD_double;
            case V128 -> CD_V128;
            default -> CD_Object;
        };
    }

    /** Letter of the raw-slot helpers in {@link Rt} ({@code sI}, {@code gV}, ...). */
    static String letter(ValType t) {
        return switch (t) {
            case I32 -> "I";
            case I64 -> "L";
            case F32 -> "F";
            case F64 -> "D";
            case V128 -> "V";
            default -> "R";
        };
    }

    /** Whether the value takes two JVM stack/local slots. */
    static boolean wide(ValType t) { return t == ValType.I64 || t == ValType.F64; }

    /** The static method type of a compiled function: its parameters, then the context. */
    static MethodTypeDesc methodType(FuncType ft) {
        ClassDesc[] params = new ClassDesc[ft.paramCount() + 2];
        for (int i = 0; i < ft.paramCount(); i++) {
            params[i] = desc(ft.param(i));
        }
        params[ft.paramCount()] = CD_CTX;
        params[ft.paramCount() + 1] = CD_int; // the call depth
        ClassDesc ret = ft.resultCount() == 1 ? desc(ft.result(0)) : CD_void;
        return MethodTypeDesc.of(ret, params);
    }

    /** The bridge from the raw convention: (long[] slots, Object[] refs, int base, Ctx) void. */
    static final MethodTypeDesc BRIDGE_TYPE = MethodTypeDesc.of(CD_void, CD_long.arrayType(), CD_OBJECTS, CD_int, CD_CTX);

    static ValType fromLetter(char c) {
        return switch (c) {
            case 'i' -> ValType.I32;
            case 'l' -> ValType.I64;
            case 'f' -> ValType.F32;
            case 'd' -> ValType.F64;
            case 'v' -> ValType.V128;
            default -> throw new IllegalArgumentException("signature letter " + c);
        };
    }
}
