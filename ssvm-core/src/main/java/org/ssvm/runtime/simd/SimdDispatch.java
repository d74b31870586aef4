package org.ssvm.runtime.simd;

import org.ssvm.model.Opcode;

/**
 * The interpreter-side switches behind {@link SimdOps#execute}: one method per instruction shape, each small
 * enough for HotSpot to compile. Lane-wise operations go through a per-half switch called once per half.
 */
final class SimdDispatch {
    private SimdDispatch() {}

    private static IllegalArgumentException unexpected(Opcode op) {
        return new IllegalArgumentException("not a non-memory SIMD instruction: " + op);
    }

    // ---------------------------------------------------------------- v128 -> v128

    static int unary(Opcode op, long[] s, int sp) {
        long lo = s[sp - 2], hi = s[sp - 1];
        long rLo, rHi;
        switch (op) {
            case I16X8_EXTEND_LOW_I8X16_S -> { rLo = LaneConversions.extendS8((int) lo); rHi = LaneConversions.extendS8((int) (lo >>> 32)); }
            case I16X8_EXTEND_HIGH_I8X16_S -> { rLo = LaneConversions.extendS8((int) hi); rHi = LaneConversions.extendS8((int) (hi >>> 32)); }
            case I16X8_EXTEND_LOW_I8X16_U -> { rLo = LaneConversions.extendU8((int) lo); rHi = LaneConversions.extendU8((int) (lo >>> 32)); }
            case I16X8_EXTEND_HIGH_I8X16_U -> { rLo = LaneConversions.extendU8((int) hi); rHi = LaneConversions.extendU8((int) (hi >>> 32)); }
            case I32X4_EXTEND_LOW_I16X8_S -> { rLo = LaneConversions.extendS16((int) lo); rHi = LaneConversions.extendS16((int) (lo >>> 32)); }
            case I32X4_EXTEND_HIGH_I16X8_S -> { rLo = LaneConversions.extendS16((int) hi); rHi = LaneConversions.extendS16((int) (hi >>> 32)); }
            case I32X4_EXTEND_LOW_I16X8_U -> { rLo = LaneConversions.extendU16((int) lo); rHi = LaneConversions.extendU16((int) (lo >>> 32)); }
            case I32X4_EXTEND_HIGH_I16X8_U -> { rLo = LaneConversions.extendU16((int) hi); rHi = LaneConversions.extendU16((int) (hi >>> 32)); }
            case I64X2_EXTEND_LOW_I32X4_S -> { rLo = LaneConversions.extendS32((int) lo); rHi = LaneConversions.extendS32((int) (lo >>> 32)); }
            case I64X2_EXTEND_HIGH_I32X4_S -> { rLo = LaneConversions.extendS32((int) hi); rHi = LaneConversions.extendS32((int) (hi >>> 32)); }
            case I64X2_EXTEND_LOW_I32X4_U -> { rLo = LaneConversions.extendU32((int) lo); rHi = LaneConversions.extendU32((int) (lo >>> 32)); }
            case I64X2_EXTEND_HIGH_I32X4_U -> { rLo = LaneConversions.extendU32((int) hi); rHi = LaneConversions.extendU32((int) (hi >>> 32)); }
            case F64X2_CONVERT_LOW_I32X4_S -> { rLo = LaneConversions.convertLowS((int) lo); rHi = LaneConversions.convertLowS((int) (lo >>> 32)); }
            case F64X2_CONVERT_LOW_I32X4_U -> { rLo = LaneConversions.convertLowU((int) lo); rHi = LaneConversions.convertLowU((int) (lo >>> 32)); }
            case F64X2_PROMOTE_LOW_F32X4 -> { rLo = LaneConversions.promote((int) lo); rHi = LaneConversions.promote((int) (lo >>> 32)); }
            case F32X4_DEMOTE_F64X2_ZERO -> { rLo = LaneConversions.demote(lo, hi); rHi = 0; }
            case I32X4_TRUNC_SAT_F64X2_S_ZERO -> { rLo = LaneConversions.truncSatF64S(lo, hi); rHi = 0; }
            case I32X4_TRUNC_SAT_F64X2_U_ZERO -> { rLo = LaneConversions.truncSatF64U(lo, hi); rHi = 0; }
            default -> { rLo = unaryHalf(op, lo); rHi = unaryHalf(op, hi); }
        }
        s[sp - 2] = rLo;
        s[sp - 1] = rHi;
        return sp;
    }

    /** Lane-wise unary operations on one half. */
    static long unaryHalf(Opcode op, long a) {
        return switch (op) {
            case V128_NOT -> ~a;
            case I8X16_ABS -> IntLanes.abs8(a);
            case I8X16_NEG -> IntLanes.neg8(a);
            case I8X16_POPCNT -> IntLanes.popcnt8(a);
            case I16X8_ABS -> IntLanes.abs16(a);
            case I16X8_NEG -> IntLanes.neg16(a);
            case I32X4_ABS -> IntLanes.abs32(a);
            case I32X4_NEG -> IntLanes.neg32(a);
            case I64X2_ABS -> IntLanes.abs64(a);
            case I64X2_NEG -> -a;
            case I16X8_EXTADD_PAIRWISE_I8X16_S -> LaneConversions.extaddPairwiseS8(a);
            case I16X8_EXTADD_PAIRWISE_I8X16_U -> LaneConversions.extaddPairwiseU8(a);
            case I32X4_EXTADD_PAIRWISE_I16X8_S -> LaneConversions.extaddPairwiseS16(a);
            case I32X4_EXTADD_PAIRWISE_I16X8_U -> LaneConversions.extaddPairwiseU16(a);
            case F32X4_ABS -> FloatLanes.abs32(a);
            case F32X4_NEG -> FloatLanes.neg32(a);
            case F32X4_SQRT -> FloatLanes.sqrt32(a);
            case F32X4_CEIL -> FloatLanes.ceil32(a);
            case F32X4_FLOOR -> FloatLanes.floor32(a);
            case F32X4_TRUNC -> FloatLanes.trunc32(a);
            case F32X4_NEAREST -> FloatLanes.nearest32(a);
            case F64X2_ABS -> FloatLanes.abs64(a);
            case F64X2_NEG -> FloatLanes.neg64(a);
            case F64X2_SQRT -> FloatLanes.sqrt64(a);
            case F64X2_CEIL -> FloatLanes.ceil64(a);
            case F64X2_FLOOR -> FloatLanes.floor64(a);
            case F64X2_TRUNC -> FloatLanes.trunc64(a);
            case F64X2_NEAREST -> FloatLanes.nearest64(a);
            case I32X4_TRUNC_SAT_F32X4_S -> LaneConversions.truncSatS32(a);
            case I32X4_TRUNC_SAT_F32X4_U -> LaneConversions.truncSatU32(a);
            case F32X4_CONVERT_I32X4_S -> LaneConversions.convertS32(a);
            case F32X4_CONVERT_I32X4_U -> LaneConversions.convertU32(a);
            default -> throw unexpected(op);
        };
    }

    // ---------------------------------------------------------------- v128 v128 -> v128

    static int binary(Opcode op, long[] s, int sp) {
        long aLo = s[sp - 4], aHi = s[sp - 3], bLo = s[sp - 2], bHi = s[sp - 1];
        long rLo, rHi;
        switch (op) {
            case I8X16_SWIZZLE -> { rLo = LaneAccess.swizzle(aLo, aHi, bLo); rHi = LaneAccess.swizzle(aLo, aHi, bHi); }
            case I8X16_NARROW_I16X8_S -> { rLo = LaneConversions.narrowS16(aLo, aHi); rHi = LaneConversions.narrowS16(bLo, bHi); }
            case I8X16_NARROW_I16X8_U -> { rLo = LaneConversions.narrowU16(aLo, aHi); rHi = LaneConversions.narrowU16(bLo, bHi); }
            case I16X8_NARROW_I32X4_S -> { rLo = LaneConversions.narrowS32(aLo, aHi); rHi = LaneConversions.narrowS32(bLo, bHi); }
            case I16X8_NARROW_I32X4_U -> { rLo = LaneConversions.narrowU32(aLo, aHi); rHi = LaneConversions.narrowU32(bLo, bHi); }
            case I16X8_EXTMUL_LOW_I8X16_S, I16X8_EXTMUL_LOW_I8X16_U, I32X4_EXTMUL_LOW_I16X8_S,
                    I32X4_EXTMUL_LOW_I16X8_U, I64X2_EXTMUL_LOW_I32X4_S, I64X2_EXTMUL_LOW_I32X4_U -> {
                rLo = extmul(op, (int) aLo, (int) bLo);
                rHi = extmul(op, (int) (aLo >>> 32), (int) (bLo >>> 32));
            }
            case I16X8_EXTMUL_HIGH_I8X16_S, I16X8_EXTMUL_HIGH_I8X16_U, I32X4_EXTMUL_HIGH_I16X8_S,
                    I32X4_EXTMUL_HIGH_I16X8_U, I64X2_EXTMUL_HIGH_I32X4_S, I64X2_EXTMUL_HIGH_I32X4_U -> {
                rLo = extmul(op, (int) aHi, (int) bHi);
                rHi = extmul(op, (int) (aHi >>> 32), (int) (bHi >>> 32));
            }
            default -> {
                if (op.textName().charAt(0) == 'f') { // f32x4.* and f64x2.*
                    rLo = floatBinaryHalf(op, aLo, bLo);
                    rHi = floatBinaryHalf(op, aHi, bHi);
                } else {
                    rLo = intBinaryHalf(op, aLo, bLo);
                    rHi = intBinaryHalf(op, aHi, bHi);
                }
            }
        }
        s[sp - 4] = rLo;
        s[sp - 3] = rHi;
        return sp - 2;
    }

    /** One result half of an extmul from 32 bits of each operand. */
    private static long extmul(Opcode op, int a, int b) {
        return switch (op) {
            case I16X8_EXTMUL_LOW_I8X16_S, I16X8_EXTMUL_HIGH_I8X16_S -> LaneConversions.extmulS8(a, b);
            case I16X8_EXTMUL_LOW_I8X16_U, I16X8_EXTMUL_HIGH_I8X16_U -> LaneConversions.extmulU8(a, b);
            case I32X4_EXTMUL_LOW_I16X8_S, I32X4_EXTMUL_HIGH_I16X8_S -> LaneConversions.extmulS16(a, b);
            case I32X4_EXTMUL_LOW_I16X8_U, I32X4_EXTMUL_HIGH_I16X8_U -> LaneConversions.extmulU16(a, b);
            case I64X2_EXTMUL_LOW_I32X4_S, I64X2_EXTMUL_HIGH_I32X4_S -> LaneConversions.extmulS32(a, b);
            case I64X2_EXTMUL_LOW_I32X4_U, I64X2_EXTMUL_HIGH_I32X4_U -> LaneConversions.extmulU32(a, b);
            default -> throw unexpected(op);
        };
    }

    /** Lane-wise binary integer and bitwise operations on one half. */
    static long intBinaryHalf(Opcode op, long a, long b) {
        return switch (op) {
            case V128_AND -> a & b;
            case V128_ANDNOT -> a & ~b;
            case V128_OR -> a | b;
            case V128_XOR -> a ^ b;
            case I8X16_EQ -> IntLanes.eq8(a, b);
            case I8X16_NE -> IntLanes.ne8(a, b);
            case I8X16_LT_S -> IntLanes.ltS8(a, b);
            case I8X16_LT_U -> IntLanes.ltU8(a, b);
            case I8X16_GT_S -> IntLanes.gtS8(a, b);
            case I8X16_GT_U -> IntLanes.gtU8(a, b);
            case I8X16_LE_S -> IntLanes.leS8(a, b);
            case I8X16_LE_U -> IntLanes.leU8(a, b);
            case I8X16_GE_S -> IntLanes.geS8(a, b);
            case I8X16_GE_U -> IntLanes.geU8(a, b);
            case I8X16_ADD -> IntLanes.add8(a, b);
            case I8X16_ADD_SAT_S -> IntLanes.addSatS8(a, b);
            case I8X16_ADD_SAT_U -> IntLanes.addSatU8(a, b);
            case I8X16_SUB -> IntLanes.sub8(a, b);
            case I8X16_SUB_SAT_S -> IntLanes.subSatS8(a, b);
            case I8X16_SUB_SAT_U -> IntLanes.subSatU8(a, b);
            case I8X16_MIN_S -> IntLanes.minS8(a, b);
            case I8X16_MIN_U -> IntLanes.minU8(a, b);
            case I8X16_MAX_S -> IntLanes.maxS8(a, b);
            case I8X16_MAX_U -> IntLanes.maxU8(a, b);
            case I8X16_AVGR_U -> IntLanes.avgrU8(a, b);
            case I16X8_EQ -> IntLanes.eq16(a, b);
            case I16X8_NE -> IntLanes.ne16(a, b);
            case I16X8_LT_S -> IntLanes.ltS16(a, b);
            case I16X8_LT_U -> IntLanes.ltU16(a, b);
            case I16X8_GT_S -> IntLanes.gtS16(a, b);
            case I16X8_GT_U -> IntLanes.gtU16(a, b);
            case I16X8_LE_S -> IntLanes.leS16(a, b);
            case I16X8_LE_U -> IntLanes.leU16(a, b);
            case I16X8_GE_S -> IntLanes.geS16(a, b);
            case I16X8_GE_U -> IntLanes.geU16(a, b);
            case I16X8_ADD -> IntLanes.add16(a, b);
            case I16X8_ADD_SAT_S -> IntLanes.addSatS16(a, b);
            case I16X8_ADD_SAT_U -> IntLanes.addSatU16(a, b);
            case I16X8_SUB -> IntLanes.sub16(a, b);
            case I16X8_SUB_SAT_S -> IntLanes.subSatS16(a, b);
            case I16X8_SUB_SAT_U -> IntLanes.subSatU16(a, b);
            case I16X8_MUL -> IntLanes.mul16(a, b);
            case I16X8_MIN_S -> IntLanes.minS16(a, b);
            case I16X8_MIN_U -> IntLanes.minU16(a, b);
            case I16X8_MAX_S -> IntLanes.maxS16(a, b);
            case I16X8_MAX_U -> IntLanes.maxU16(a, b);
            case I16X8_AVGR_U -> IntLanes.avgrU16(a, b);
            case I16X8_Q15MULR_SAT_S -> IntLanes.q15mulrSatS16(a, b);
            case I32X4_EQ -> IntLanes.eq32(a, b);
            case I32X4_NE -> IntLanes.ne32(a, b);
            case I32X4_LT_S -> IntLanes.ltS32(a, b);
            case I32X4_LT_U -> IntLanes.ltU32(a, b);
            case I32X4_GT_S -> IntLanes.gtS32(a, b);
            case I32X4_GT_U -> IntLanes.gtU32(a, b);
            case I32X4_LE_S -> IntLanes.leS32(a, b);
            case I32X4_LE_U -> IntLanes.leU32(a, b);
            case I32X4_GE_S -> IntLanes.geS32(a, b);
            case I32X4_GE_U -> IntLanes.geU32(a, b);
            case I32X4_ADD -> IntLanes.add32(a, b);
            case I32X4_SUB -> IntLanes.sub32(a, b);
            case I32X4_MUL -> IntLanes.mul32(a, b);
            case I32X4_MIN_S -> IntLanes.minS32(a, b);
            case I32X4_MIN_U -> IntLanes.minU32(a, b);
            case I32X4_MAX_S -> IntLanes.maxS32(a, b);
            case I32X4_MAX_U -> IntLanes.maxU32(a, b);
            case I32X4_DOT_I16X8_S -> LaneConversions.dotS16(a, b);
            case I64X2_EQ -> IntLanes.eq64(a, b);
            case I64X2_NE -> IntLanes.ne64(a, b);
            case I64X2_LT_S -> IntLanes.ltS64(a, b);
            case I64X2_GT_S -> IntLanes.gtS64(a, b);
            case I64X2_LE_S -> IntLanes.leS64(a, b);
            case I64X2_GE_S -> IntLanes.geS64(a, b);
            case I64X2_ADD -> a + b;
            case I64X2_SUB -> a - b;
            case I64X2_MUL -> a * b;
            default -> throw unexpected(op);
        };
    }

    /** Lane-wise binary float operations on one half. */
    static long floatBinaryHalf(Opcode op, long a, long b) {
        return switch (op) {
            case F32X4_EQ -> FloatLanes.eq32(a, b);
            case F32X4_NE -> FloatLanes.ne32(a, b);
            case F32X4_LT -> FloatLanes.lt32(a, b);
            case F32X4_GT -> FloatLanes.gt32(a, b);
            case F32X4_LE -> FloatLanes.le32(a, b);
            case F32X4_GE -> FloatLanes.ge32(a, b);
            case F32X4_ADD -> FloatLanes.add32(a, b);
            case F32X4_SUB -> FloatLanes.sub32(a, b);
            case F32X4_MUL -> FloatLanes.mul32(a, b);
            case F32X4_DIV -> FloatLanes.div32(a, b);
            case F32X4_MIN -> FloatLanes.min32(a, b);
            case F32X4_MAX -> FloatLanes.max32(a, b);
            case F32X4_PMIN -> FloatLanes.pmin32(a, b);
            case F32X4_PMAX -> FloatLanes.pmax32(a, b);
            case F64X2_EQ -> FloatLanes.eq64(a, b);
            case F64X2_NE -> FloatLanes.ne64(a, b);
            case F64X2_LT -> FloatLanes.lt64(a, b);
            case F64X2_GT -> FloatLanes.gt64(a, b);
            case F64X2_LE -> FloatLanes.le64(a, b);
            case F64X2_GE -> FloatLanes.ge64(a, b);
            case F64X2_ADD -> FloatLanes.add64(a, b);
            case F64X2_SUB -> FloatLanes.sub64(a, b);
            case F64X2_MUL -> FloatLanes.mul64(a, b);
            case F64X2_DIV -> FloatLanes.div64(a, b);
            case F64X2_MIN -> FloatLanes.min64(a, b);
            case F64X2_MAX -> FloatLanes.max64(a, b);
            case F64X2_PMIN -> FloatLanes.pmin64(a, b);
            case F64X2_PMAX -> FloatLanes.pmax64(a, b);
            default -> throw unexpected(op);
        };
    }

    // ---------------------------------------------------------------- v128 i32 -> v128 (shifts)

    static int shift(Opcode op, long[] s, int sp) {
        int c = (int) s[sp - 1];
        long lo = s[sp - 3], hi = s[sp - 2];
        switch (op) {
            case I8X16_SHL -> { lo = IntLanes.shl8(lo, c); hi = IntLanes.shl8(hi, c); }
            case I8X16_SHR_S -> { lo = IntLanes.shrS8(lo, c); hi = IntLanes.shrS8(hi, c); }
            case I8X16_SHR_U -> { lo = IntLanes.shrU8(lo, c); hi = IntLanes.shrU8(hi, c); }
            case I16X8_SHL -> { lo = IntLanes.shl16(lo, c); hi = IntLanes.shl16(hi, c); }
            case I16X8_SHR_S -> { lo = IntLanes.shrS16(lo, c); hi = IntLanes.shrS16(hi, c); }
            case I16X8_SHR_U -> { lo = IntLanes.shrU16(lo, c); hi = IntLanes.shrU16(hi, c); }
            case I32X4_SHL -> { lo = IntLanes.shl32(lo, c); hi = IntLanes.shl32(hi, c); }
            case I32X4_SHR_S -> { lo = IntLanes.shrS32(lo, c); hi = IntLanes.shrS32(hi, c); }
            case I32X4_SHR_U -> { lo = IntLanes.shrU32(lo, c); hi = IntLanes.shrU32(hi, c); }
            case I64X2_SHL -> { lo = IntLanes.shl64(lo, c); hi = IntLanes.shl64(hi, c); }
            case I64X2_SHR_S -> { lo = IntLanes.shrS64(lo, c); hi = IntLanes.shrS64(hi, c); }
            case I64X2_SHR_U -> { lo = IntLanes.shrU64(lo, c); hi = IntLanes.shrU64(hi, c); }
            default -> throw unexpected(op);
        }
        s[sp - 3] = lo;
        s[sp - 2] = hi;
        return sp - 1;
    }

    // ---------------------------------------------------------------- v128 -> i32 (tests, bitmasks)

    static int test(Opcode op, long[] s, int sp) {
        long lo = s[sp - 2], hi = s[sp - 1];
        s[sp - 2] = switch (op) {
            case V128_ANY_TRUE -> LaneAccess.anyTrue(lo, hi);
            case I8X16_ALL_TRUE -> IntLanes.allTrue8(lo, hi);
            case I16X8_ALL_TRUE -> IntLanes.allTrue16(lo, hi);
            case I32X4_ALL_TRUE -> IntLanes.allTrue32(lo, hi);
            case I64X2_ALL_TRUE -> IntLanes.allTrue64(lo, hi);
            case I8X16_BITMASK -> IntLanes.bitmask8(lo, hi);
            case I16X8_BITMASK -> IntLanes.bitmask16(lo, hi);
            case I32X4_BITMASK -> IntLanes.bitmask32(lo, hi);
            case I64X2_BITMASK -> IntLanes.bitmask64(lo, hi);
            default -> throw unexpected(op);
        };
        return sp - 1;
    }

    // ---------------------------------------------------------------- scalar -> v128

    static int splat(Opcode op, long[] s, int sp) {
        long x = s[sp - 1];
        long v = switch (op) {
            case I8X16_SPLAT -> LaneAccess.splat8((int) x);
            case I16X8_SPLAT -> LaneAccess.splat16((int) x);
            case I32X4_SPLAT, F32X4_SPLAT -> LaneAccess.splat32((int) x);
            case I64X2_SPLAT, F64X2_SPLAT -> x;
            default -> throw unexpected(op);
        };
        s[sp - 1] = v;
        s[sp] = v;
        return sp + 1;
    }

    // ---------------------------------------------------------------- extract_lane / replace_lane

    static int lane(Opcode op, long[] s, int sp, int lane) {
        switch (op) {
            case I8X16_EXTRACT_LANE_S -> s[sp - 2] = LaneAccess.extractS8(s[sp - 2], s[sp - 1], lane);
            case I8X16_EXTRACT_LANE_U -> s[sp - 2] = LaneAccess.extractU8(s[sp - 2], s[sp - 1], lane);
            case I16X8_EXTRACT_LANE_S -> s[sp - 2] = LaneAccess.extractS16(s[sp - 2], s[sp - 1], lane);
            case I16X8_EXTRACT_LANE_U -> s[sp - 2] = LaneAccess.extractU16(s[sp - 2], s[sp - 1], lane);
            case I32X4_EXTRACT_LANE, F32X4_EXTRACT_LANE ->
                    s[sp - 2] = LaneAccess.extract32(s[sp - 2], s[sp - 1], lane) & 0xFFFFFFFFL;
            case I64X2_EXTRACT_LANE, F64X2_EXTRACT_LANE -> s[sp - 2] = LaneAccess.extract64(s[sp - 2], s[sp - 1], lane);
            case I8X16_REPLACE_LANE -> { return replace(s, sp, lane, 1); }
            case I16X8_REPLACE_LANE -> { return replace(s, sp, lane, 2); }
            case I32X4_REPLACE_LANE, F32X4_REPLACE_LANE -> { return replace(s, sp, lane, 4); }
            case I64X2_REPLACE_LANE, F64X2_REPLACE_LANE -> {
                s[sp - 3 + lane] = s[sp - 1];
                return sp - 1;
            }
            default -> throw unexpected(op);
        }
        return sp - 1;
    }

    /** Stack: v128 at sp-3, sp-2 and the scalar at sp-1. */
    private static int replace(long[] s, int sp, int lane, int laneBytes) {
        int slot = sp - 3 + (lane * laneBytes >>> 3);
        s[slot] = LaneAccess.replace(s[slot], lane, laneBytes, s[sp - 1]);
        return sp - 1;
    }
}
