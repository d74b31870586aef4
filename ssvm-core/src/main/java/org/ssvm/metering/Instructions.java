package org.ssvm.metering;

import org.ssvm.model.Opcode;
import org.ssvm.runtime.CodeReader;

/** Steps over the immediate operands of an instruction in a validated body. */
final class Instructions {
    private Instructions() {}

    static void skipImmediates(CodeReader in, Opcode op) {
        switch (op.immediate()) {
            case NONE -> { }
            case BLOCKTYPE -> in.s33();
            case LABEL, FUNC, LOCAL, GLOBAL, TABLE, DATA, ELEM -> in.u32();
            case BR_TABLE -> {
                int n = in.u32();
                for (int i = 0; i <= n; i++) {
                    in.u32();
                }
            }
            case CALL_INDIRECT, TABLE_INIT, TABLE_COPY -> {
                in.u32();
                in.u32();
            }
            case SELECT_TYPES -> {
                int n = in.u32();
                for (int i = 0; i < n; i++) {
                    in.u8();
                }
            }
            case MEMARG -> {
                in.u32();
                in.u64();
            }
            case MEMARG_LANE -> {
                in.u32();
                in.u64();
                in.u8();
            }
            case MEMORY, HEAPTYPE, LANE -> in.u8();
            case I32 -> in.s32();
            case I64 -> in.s64();
            case F32 -> in.i32LE();
            case F64 -> in.i64LE();
            case MEMORY_INIT -> {
                in.u32();
                in.u8();
            }
            case MEMORY_COPY -> {
                in.u8();
                in.u8();
            }
            case V128, SHUFFLE -> {
                in.i64LE();
                in.i64LE();
            }
        }
    }
}
