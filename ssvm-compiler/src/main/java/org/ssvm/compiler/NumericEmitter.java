package org.ssvm.compiler;

import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import org.ssvm.model.Opcode;

/**
 * Emits the numeric instructions (constants aside): arithmetic on JVM values, the rest through
 * {@link org.ssvm.runtime.NumericOps} and {@link Rt}. Comparisons reduce their operands to one JVM conditional
 * jump and hand it to a {@link Conditions} callback, which fuses it with a following br_if/if or makes it 0/1.
 */
final class NumericEmitter {
    /** Receives a comparison as a JVM conditional jump consuming {@code operands} Wasm values. */
    @FunctionalInterface
    interface Conditions {
        void condition(java.lang.classfile.Opcode jump, int operands);
    }

    private static final ClassDesc CD_RT = JvmTypes.CD_RT;
    private static final ClassDesc CD_NUM = ClassDesc.of("org.ssvm.runtime.NumericOps");
    private static final ClassDesc CD_INTEGER = ClassDesc.of("java.lang.Integer");
    private static final ClassDesc CD_LONG = ClassDesc.of("java.lang.Long");
    private static final ClassDesc CD_FLOAT = ClassDesc.of("java.lang.Float");
    private static final ClassDesc CD_DOUBLE = ClassDesc.of("java.lang.Double");
    private static final ClassDesc CD_MATH = ClassDesc.of("java.lang.Math");

    private final CodeBuilder cb;
    private final Conditions conditions;

    NumericEmitter(CodeBuilder cb, Conditions conditions) {
        this.cb = cb;
        this.conditions = conditions;
    }

    private static void rt(CodeBuilder cb, String name, String descriptor) {
        cb.invokestatic(CD_RT, name, MethodTypeDesc.ofDescriptor(descriptor));
    }

    private void rt(String name, String descriptor) { rt(cb, name, descriptor); }

    private void call(ClassDesc owner, String name, String descriptor) {
        cb.invokestatic(owner, name, MethodTypeDesc.ofDescriptor(descriptor));
    }

    private void num(String name, String descriptor) { call(CD_NUM, name, descriptor); }

    void emit(Opcode op) {
        switch (op) {
            case I32_EQZ -> conditions.condition(java.lang.classfile.Opcode.IFEQ, 1);
            case I32_EQ -> conditions.condition(java.lang.classfile.Opcode.IF_ICMPEQ, 2);
            case I32_NE -> conditions.condition(java.lang.classfile.Opcode.IF_ICMPNE, 2);
            case I32_LT_S -> conditions.condition(java.lang.classfile.Opcode.IF_ICMPLT, 2);
            case I32_GT_S -> conditions.condition(java.lang.classfile.Opcode.IF_ICMPGT, 2);
            case I32_LE_S -> conditions.condition(java.lang.classfile.Opcode.IF_ICMPLE, 2);
            case I32_GE_S -> conditions.condition(java.lang.classfile.Opcode.IF_ICMPGE, 2);
            case I32_LT_U -> unsignedCompare(false, java.lang.classfile.Opcode.IFLT);
            case I32_GT_U -> unsignedCompare(false, java.lang.classfile.Opcode.IFGT);
            case I32_LE_U -> unsignedCompare(false, java.lang.classfile.Opcode.IFLE);
            case I32_GE_U -> unsignedCompare(false, java.lang.classfile.Opcode.IFGE);
            case I64_EQZ -> {
                cb.lconst_0();
                cb.lcmp();
                conditions.condition(java.lang.classfile.Opcode.IFEQ, 1);
            }
            case I64_EQ -> longCompare(java.lang.classfile.Opcode.IFEQ);
            case I64_NE -> longCompare(java.lang.classfile.Opcode.IFNE);
            case I64_LT_S -> longCompare(java.lang.classfile.Opcode.IFLT);
            case I64_GT_S -> longCompare(java.lang.classfile.Opcode.IFGT);
            case I64_LE_S -> longCompare(java.lang.classfile.Opcode.IFLE);
            case I64_GE_S -> longCompare(java.lang.classfile.Opcode.IFGE);
            case I64_LT_U -> unsignedCompare(true, java.lang.classfile.Opcode.IFLT);
            case I64_GT_U -> unsignedCompare(true, java.lang.classfile.Opcode.IFGT);
            case I64_LE_U -> unsignedCompare(true, java.lang.classfile.Opcode.IFLE);
            case I64_GE_U -> unsignedCompare(true, java.lang.classfile.Opcode.IFGE);
            // NaN makes every ordered comparison false: fcmpg gives 1 for lt/le, fcmpl gives -1 for gt/ge
            case F32_EQ -> floatCompare(false, false, java.lang.classfile.Opcode.IFEQ);
            case F32_NE -> floatCompare(false, false, java.lang.classfile.Opcode.IFNE);
            case F32_LT -> floatCompare(false, true, java.lang.classfile.Opcode.IFLT);
            case F32_GT -> floatCompare(false, false, java.lang.classfile.Opcode.IFGT);
            case F32_LE -> floatCompare(false, true, java.lang.classfile.Opcode.IFLE);
            case F32_GE -> floatCompare(false, false, java.lang.classfile.Opcode.IFGE);
            case F64_EQ -> floatCompare(true, false, java.lang.classfile.Opcode.IFEQ);
            case F64_NE -> floatCompare(true, false, java.lang.classfile.Opcode.IFNE);
            case F64_LT -> floatCompare(true, true, java.lang.classfile.Opcode.IFLT);
            case F64_GT -> floatCompare(true, false, java.lang.classfile.Opcode.IFGT);
            case F64_LE -> floatCompare(true, true, java.lang.classfile.Opcode.IFLE);
            case F64_GE -> floatCompare(true, false, java.lang.classfile.Opcode.IFGE);

            case I32_CLZ -> call(CD_INTEGER, "numberOfLeadingZeros", "(I)I");
            case I32_CTZ -> call(CD_INTEGER, "numberOfTrailingZeros", "(I)I");
            case I32_POPCNT -> call(CD_INTEGER, "bitCount", "(I)I");
            case I32_ADD -> cb.iadd();
            case I32_SUB -> cb.isub();
            case I32_MUL -> cb.imul();
            case I32_DIV_S -> num("i32DivS", "(II)I");
            case I32_DIV_U -> num("i32DivU", "(II)I");
            case I32_REM_S -> num("i32RemS", "(II)I");
            case I32_REM_U -> num("i32RemU", "(II)I");
            case I32_AND -> cb.iand();
            case I32_OR -> cb.ior();
            case I32_XOR -> cb.ixor();
            case I32_SHL -> cb.ishl();
            case I32_SHR_S -> cb.ishr();
            case I32_SHR_U -> cb.iushr();
            case I32_ROTL -> call(CD_INTEGER, "rotateLeft", "(II)I");
            case I32_ROTR -> call(CD_INTEGER, "rotateRight", "(II)I");
            case I64_CLZ -> {
                call(CD_LONG, "numberOfLeadingZeros", "(J)I");
                cb.i2l();
            }
            case I64_CTZ -> {
                call(CD_LONG, "numberOfTrailingZeros", "(J)I");
                cb.i2l();
            }
            case I64_POPCNT -> {
                call(CD_LONG, "bitCount", "(J)I");
                cb.i2l();
            }
            case I64_ADD -> cb.ladd();
            case I64_SUB -> cb.lsub();
            case I64_MUL -> cb.lmul();
            case I64_DIV_S -> num("i64DivS", "(JJ)J");
            case I64_DIV_U -> num("i64DivU", "(JJ)J");
            case I64_REM_S -> num("i64RemS", "(JJ)J");
            case I64_REM_U -> num("i64RemU", "(JJ)J");
            case I64_AND -> cb.land();
            case I64_OR -> cb.lor();
            case I64_XOR -> cb.lxor();
            case I64_SHL -> {
                cb.l2i();
                cb.lshl();
            }
            case I64_SHR_S -> {
                cb.l2i();
                cb.lshr();
            }
            case I64_SHR_U -> {
                cb.l2i();
                cb.lushr();
            }
            case I64_ROTL -> {
                cb.l2i();
                call(CD_LONG, "rotateLeft", "(JI)J");
            }
            case I64_ROTR -> {
                cb.l2i();
                call(CD_LONG, "rotateRight", "(JI)J");
            }

            case F32_ABS -> rt("f32Abs", "(F)F");
            case F32_NEG -> rt("f32Neg", "(F)F");
            case F32_COPYSIGN -> rt("f32Copysign", "(FF)F");
            case F32_CEIL -> num("f32Ceil", "(F)F");
            case F32_FLOOR -> num("f32Floor", "(F)F");
            case F32_TRUNC -> num("f32Trunc", "(F)F");
            case F32_NEAREST -> num("f32Nearest", "(F)F");
            case F32_SQRT -> num("f32Sqrt", "(F)F");
            case F32_ADD -> cb.fadd();
            case F32_SUB -> cb.fsub();
            case F32_MUL -> cb.fmul();
            case F32_DIV -> cb.fdiv();
            case F32_MIN -> num("f32Min", "(FF)F");
            case F32_MAX -> num("f32Max", "(FF)F");
            case F64_ABS -> rt("f64Abs", "(D)D");
            case F64_NEG -> rt("f64Neg", "(D)D");
            case F64_COPYSIGN -> rt("f64Copysign", "(DD)D");
            case F64_CEIL -> num("f64Ceil", "(D)D");
            case F64_FLOOR -> num("f64Floor", "(D)D");
            case F64_TRUNC -> num("f64Trunc", "(D)D");
            case F64_NEAREST -> num("f64Nearest", "(D)D");
            case F64_SQRT -> call(CD_MATH, "sqrt", "(D)D");
            case F64_ADD -> cb.dadd();
            case F64_SUB -> cb.dsub();
            case F64_MUL -> cb.dmul();
            case F64_DIV -> cb.ddiv();
            case F64_MIN -> num("f64Min", "(DD)D");
            case F64_MAX -> num("f64Max", "(DD)D");

            case I32_WRAP_I64 -> cb.l2i();
            case I32_TRUNC_F32_S -> num("i32TruncF32S", "(F)I");
            case I32_TRUNC_F32_U -> num("i32TruncF32U", "(F)I");
            case I32_TRUNC_F64_S -> num("i32TruncF64S", "(D)I");
            case I32_TRUNC_F64_U -> num("i32TruncF64U", "(D)I");
            case I64_EXTEND_I32_S -> cb.i2l();
            case I64_EXTEND_I32_U -> call(CD_INTEGER, "toUnsignedLong", "(I)J");
            case I64_TRUNC_F32_S -> num("i64TruncF32S", "(F)J");
            case I64_TRUNC_F32_U -> num("i64TruncF32U", "(F)J");
            case I64_TRUNC_F64_S -> num("i64TruncF64S", "(D)J");
            case I64_TRUNC_F64_U -> num("i64TruncF64U", "(D)J");
            case F32_CONVERT_I32_S -> cb.i2f();
            case F32_CONVERT_I32_U -> num("f32ConvertI32U", "(I)F");
            case F32_CONVERT_I64_S -> cb.l2f();
            case F32_CONVERT_I64_U -> num("f32ConvertI64U", "(J)F");
            case F32_DEMOTE_F64 -> cb.d2f();
            case F64_CONVERT_I32_S -> cb.i2d();
            case F64_CONVERT_I32_U -> num("f64ConvertI32U", "(I)D");
            case F64_CONVERT_I64_S -> cb.l2d();
            case F64_CONVERT_I64_U -> num("f64ConvertI64U", "(J)D");
            case F64_PROMOTE_F32 -> cb.f2d();
            case I32_REINTERPRET_F32 -> call(CD_FLOAT, "floatToRawIntBits", "(F)I");
            case I64_REINTERPRET_F64 -> call(CD_DOUBLE, "doubleToRawLongBits", "(D)J");
            case F32_REINTERPRET_I32 -> call(CD_FLOAT, "intBitsToFloat", "(I)F");
            case F64_REINTERPRET_I64 -> call(CD_DOUBLE, "longBitsToDouble", "(J)D");
            case I32_EXTEND8_S -> cb.i2b();
            case I32_EXTEND16_S -> cb.i2s();
            case I64_EXTEND8_S -> {
                cb.l2i();
                cb.i2b();
                cb.i2l();
            }
            case I64_EXTEND16_S -> {
                cb.l2i();
                cb.i2s();
                cb.i2l();
            }
            case I64_EXTEND32_S -> {
                cb.l2i();
                cb.i2l();
            }
            case I32_TRUNC_SAT_F32_S -> num("i32TruncSatF32S", "(F)I");
            case I32_TRUNC_SAT_F32_U -> num("i32TruncSatF32U", "(F)I");
            case I32_TRUNC_SAT_F64_S -> num("i32TruncSatF64S", "(D)I");
            case I32_TRUNC_SAT_F64_U -> num("i32TruncSatF64U", "(D)I");
            case I64_TRUNC_SAT_F32_S -> num("i64TruncSatF32S", "(F)J");
            case I64_TRUNC_SAT_F32_U -> num("i64TruncSatF32U", "(F)J");
            case I64_TRUNC_SAT_F64_S -> num("i64TruncSatF64S", "(D)J");
            case I64_TRUNC_SAT_F64_U -> num("i64TruncSatF64U", "(D)J");
            default -> throw new UnsupportedOperationException("the compiler does not handle " + op.textName());
        }
    }

    /** Comparisons and eqz: their result is an i32 from the {@link Conditions} callback. */
    static boolean isComparison(Opcode op) {
        String sig = op.signature();
        return sig != null && sig.endsWith(":i") && op.prefix() == 0
                && (op.ordinal() >= Opcode.I32_EQZ.ordinal() && op.ordinal() <= Opcode.F64_GE.ordinal());
    }

    static java.lang.classfile.Opcode negate(java.lang.classfile.Opcode jump) {
        return switch (jump) {
            case IFEQ -> java.lang.classfile.Opcode.IFNE;
            case IFNE -> java.lang.classfile.Opcode.IFEQ;
            case IFLT -> java.lang.classfile.Opcode.IFGE;
            case IFGE -> java.lang.classfile.Opcode.IFLT;
            case IFGT -> java.lang.classfile.Opcode.IFLE;
            case IFLE -> java.lang.classfile.Opcode.IFGT;
            case IF_ICMPEQ -> java.lang.classfile.Opcode.IF_ICMPNE;
            case IF_ICMPNE -> java.lang.classfile.Opcode.IF_ICMPEQ;
            case IF_ICMPLT -> java.lang.classfile.Opcode.IF_ICMPGE;
            case IF_ICMPGE -> java.lang.classfile.Opcode.IF_ICMPLT;
            case IF_ICMPGT -> java.lang.classfile.Opcode.IF_ICMPLE;
            case IF_ICMPLE -> java.lang.classfile.Opcode.IF_ICMPGT;
            case IFNULL -> java.lang.classfile.Opcode.IFNONNULL;
            case IFNONNULL -> java.lang.classfile.Opcode.IFNULL;
            default -> throw new IllegalArgumentException("not a conditional jump: " + jump);
        };
    }

    /**
     * Pushes 1 if the branch {@code jump} (consuming the operands on the stack) would be taken, else 0. Done by a
     * tiny helper the JIT inlines: 3 bytes of bytecode instead of 8, which keeps big functions under HotSpot's
     * size limit for compilation.
     */
    static void bool(CodeBuilder cb, java.lang.classfile.Opcode jump) {
        switch (jump) {
            case IFEQ -> rt(cb, "isZero", "(I)I");
            case IFNE -> rt(cb, "nonZero", "(I)I");
            case IFLT -> rt(cb, "isNeg", "(I)I");
            case IFGE -> rt(cb, "nonNeg", "(I)I");
            case IFGT -> rt(cb, "isPos", "(I)I");
            case IFLE -> rt(cb, "nonPos", "(I)I");
            case IF_ICMPEQ -> rt(cb, "eq", "(II)I");
            case IF_ICMPNE -> rt(cb, "ne", "(II)I");
            case IF_ICMPLT -> rt(cb, "lt", "(II)I");
            case IF_ICMPGE -> rt(cb, "ge", "(II)I");
            case IF_ICMPGT -> rt(cb, "gt", "(II)I");
            case IF_ICMPLE -> rt(cb, "le", "(II)I");
            case IFNULL -> rt(cb, "isNull", "(Ljava/lang/Object;)I");
            default -> throw new IllegalArgumentException("not a conditional jump: " + jump);
        }
    }

    private void unsignedCompare(boolean wide, java.lang.classfile.Opcode jump) {
        if (wide) {
            call(CD_LONG, "compareUnsigned", "(JJ)I");
        } else {
            call(CD_INTEGER, "compareUnsigned", "(II)I");
        }
        conditions.condition(jump, 2);
    }

    private void longCompare(java.lang.classfile.Opcode jump) {
        cb.lcmp();
        conditions.condition(jump, 2);
    }

    private void floatCompare(boolean dbl, boolean nanIsGreater, java.lang.classfile.Opcode jump) {
        if (dbl) {
            if (nanIsGreater) {
                cb.dcmpg();
            } else {
                cb.dcmpl();
            }
        } else if (nanIsGreater) {
            cb.fcmpg();
        } else {
            cb.fcmpl();
        }
        conditions.condition(jump, 2);
    }
}
