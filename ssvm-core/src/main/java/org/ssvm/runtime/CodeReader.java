package org.ssvm.runtime;

/**
 * Reads instruction immediates (LEB128 integers, little-endian floats) from a function body or constant
 * expression that has already been validated, so it does not re-check for malformed input.
 */
public final class CodeReader {
    private final byte[] code;
    private int pos;

    public CodeReader(byte[] code, int pos) {
        this.code = code;
        this.pos = pos;
    }

    public int pos() { return pos; }

    public boolean atEnd() { return pos >= code.length; }

    public int u8() { return code[pos++] & 0xFF; }

    public int u32() { return (int) u64(); }

    public long u64() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = code[pos++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }

    public int s32() { return (int) s64(); }

    public long s64() {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = code[pos++];
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    /** Block types are signed 33-bit: negative for an empty or single value type, else a type index. */
    public long s33() { return s64(); }

    public int i32LE() {
        int v = (code[pos] & 0xFF) | (code[pos + 1] & 0xFF) << 8 | (code[pos + 2] & 0xFF) << 16
                | (code[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public long i64LE() {
        long lo = i32LE() & 0xFFFF_FFFFL;
        long hi = i32LE() & 0xFFFF_FFFFL;
        return lo | hi << 32;
    }

    /** Steps over the immediate operands of {@code op}, whose opcode was just read (validated code only). */
    public void skipImmediates(org.ssvm.model.Opcode op) {
        switch (op.immediate()) {
            case NONE -> { }
            case BLOCKTYPE -> s33();
            case LABEL, FUNC, LOCAL, GLOBAL, TABLE, DATA, ELEM -> u32();
            case BR_TABLE -> {
                int n = u32();
                for (int i = 0; i <= n; i++) {
                    u32();
                }
            }
            case CALL_INDIRECT, TABLE_INIT, TABLE_COPY -> {
                u32();
                u32();
            }
            case SELECT_TYPES -> {
                int n = u32();
                for (int i = 0; i < n; i++) {
                    u8();
                }
            }
            case MEMARG -> {
                u32();
                u64();
            }
            case MEMARG_LANE -> {
                u32();
                u64();
                u8();
            }
            case MEMORY, HEAPTYPE, LANE -> u8();
            case I32 -> s32();
            case I64 -> s64();
            case F32 -> i32LE();
            case F64 -> i64LE();
            case MEMORY_INIT -> {
                u32();
                u8();
            }
            case MEMORY_COPY -> {
                u8();
                u8();
            }
            case V128, SHUFFLE -> {
                i64LE();
                i64LE();
            }
        }
    }
}
