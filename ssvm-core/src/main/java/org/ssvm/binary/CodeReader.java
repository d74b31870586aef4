package org.ssvm.binary;

import org.ssvm.model.Opcode;
import org.ssvm.model.ValType;

/**
 * Reads instructions one at a time from binary code: the opcode and its immediates, with the binary
 * format's well-formedness checks (known opcode, LEB128 limits, reserved zero bytes, memarg flags).
 *
 * <p>Usage: {@code while (r.hasMore()) { Opcode op = r.next(); ... r.index() ... }}. After {@link #next()}
 * the accessors describe the instruction just read; which ones are meaningful depends on
 * {@link Opcode#immediate()}. Nothing is allocated per instruction: {@code br_table} targets and
 * {@code select} types go into buffers that are reused (and grown when needed).
 *
 * <p>This reader does not match {@code block}/{@code end}; it yields {@code else} and {@code end} like any
 * other instruction. It does not type-check either.
 */
public final class CodeReader extends BinaryReader {
    private Opcode opcode;
    private int opcodePosition;
    private int index;
    private int index2;
    private long value;
    private int align;
    private int offset;
    private int lane;
    private int immediatePosition;
    private ValType blockValType;
    private int blockTypeIndex;
    private ValType heapType;
    private int[] targets = new int[8];
    private int targetCount;
    private ValType[] selectTypes = new ValType[1];
    private int selectTypeCount;

    /** A reader over {@code code[start..end)}; error offsets are {@code base + position}. */
    public CodeReader(byte[] code, int start, int end, int base) {
        super(code, start, end, base);
    }

    /** A reader over a whole function body's code, reporting offsets relative to the module via codeOffset. */
    public CodeReader(byte[] code, int codeOffset) {
        super(code, 0, code.length, codeOffset < 0 ? 0 : codeOffset);
    }

    /** A reader over a function body's code, reporting error offsets in the module file. */
    public static CodeReader forBody(org.ssvm.model.FunctionBody body) {
        return new CodeReader(body.code(), body.codeOffset());
    }

    /** Reads the next instruction and its immediates. */
    public Opcode next() {
        int at = pos;
        opcodePosition = at;
        int b = u8();
        Opcode op;
        if (b == Opcode.PREFIX_FC || b == Opcode.PREFIX_FD) {
            int sub = u32();
            op = Opcode.prefixed(b, Integer.toUnsignedLong(sub));
            if (op == null) {
                String subHex = Integer.toHexString(sub);
                throw error("illegal opcode " + hex(b) + " " + (subHex.length() < 2 ? "0" + subHex : subHex), at);
            }
        } else {
            op = Opcode.single(b);
            if (op == null) {
                throw error("illegal opcode " + hex(b), at);
            }
        }
        opcode = op;
        switch (op.immediate()) {
            case NONE -> { }
            case BLOCKTYPE -> blockType();
            case LABEL, FUNC, LOCAL, GLOBAL, TABLE, DATA, ELEM -> index = u32();
            case BR_TABLE -> brTable();
            case CALL_INDIRECT -> {
                index = u32(); // type
                index2 = u32(); // table
            }
            case SELECT_TYPES -> selectTypes();
            case MEMARG -> memarg();
            case MEMORY -> {
                index = 0;
                zeroByte();
            }
            case MEMORY_COPY -> {
                index = 0;
                index2 = 0;
                zeroByte();
                zeroByte();
            }
            case MEMORY_INIT -> {
                index = u32(); // data segment
                zeroByte();
            }
            case TABLE_INIT -> {
                index = u32(); // element segment
                index2 = u32(); // table
            }
            case TABLE_COPY -> {
                index = u32(); // destination table
                index2 = u32(); // source table
            }
            case I32 -> value = s32();
            case I64 -> value = s64();
            case F32 -> value = i32LE() & 0xFFFF_FFFFL;
            case F64 -> value = i64LE();
            case HEAPTYPE -> heapType = refType();
            case V128, SHUFFLE -> {
                immediatePosition = pos;
                skip(16);
            }
            case LANE -> lane = u8();
            case MEMARG_LANE -> {
                memarg();
                lane = u8();
            }
        }
        return op;
    }

    private void blockType() {
        blockValType = null;
        blockTypeIndex = -1;
        int b = peek();
        if (b == 0x40) {
            pos++;
        } else if (b >= 0 && (b & 0xC0) == 0x40) {
            blockValType = valType();
        } else {
            long t = s33();
            // Out-of-range or negative indices name no type; the validator reports them as unknown.
            blockTypeIndex = t >= 0 && t <= Integer.MAX_VALUE ? (int) t : Integer.MAX_VALUE;
        }
    }

    private void brTable() {
        int n = len32();
        if (n > targets.length) {
            targets = new int[Math.max(n, targets.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            targets[i] = u32();
        }
        targetCount = n;
        index = u32();
    }

    private void selectTypes() {
        int n = len32();
        if (n > selectTypes.length) {
            selectTypes = new ValType[n];
        }
        for (int i = 0; i < n; i++) {
            selectTypes[i] = valType();
        }
        selectTypeCount = n;
    }

    private void memarg() {
        int at = pos;
        align = u32();
        // Alignment exponents of 32 and above, including the multi-memory flag bit, are malformed in 2.0.
        if (Integer.compareUnsigned(align, 32) >= 0) {
            throw error("malformed memop flags", at);
        }
        offset = u32();
        index = 0;
    }

    private static String hex(int b) {
        return Integer.toHexString(0x100 | b).substring(1);
    }

    /** The instruction read by the last {@link #next()}. */
    public Opcode opcode() { return opcode; }

    /** Position of the last instruction's first byte. */
    public int opcodePosition() { return opcodePosition; }

    /**
     * The first index immediate: label depth, function, local, global, table, type (call_indirect), data
     * segment (memory.init, data.drop), element segment (table.init, elem.drop), destination table
     * (table.copy), memory (memory instructions, always 0 in 2.0), default target (br_table).
     */
    public int index() { return index; }

    /** The second index immediate: table (call_indirect, table.init), source table (table.copy). */
    public int index2() { return index2; }

    /** i32.const/i64.const value, or the raw bits of f32.const/f64.const. */
    public long value() { return value; }

    public int i32Value() { return (int) value; }

    /** log2 of the memarg alignment. */
    public int align() { return align; }

    /** The memarg offset, an unsigned 32-bit value. */
    public int memOffset() { return offset; }

    /** The memarg offset as a non-negative long. */
    public long memOffsetUnsigned() { return Integer.toUnsignedLong(offset); }

    /** Lane index of lane instructions (not yet range-checked). */
    public int lane() { return lane; }

    /** Position of the 16 immediate bytes of v128.const and i8x16.shuffle. */
    public int immediatePosition() { return immediatePosition; }

    /** Low 64 bits (little-endian bytes 0..7) of a v128.const. */
    public long v128Low() { return le64(immediatePosition); }

    /** High 64 bits (bytes 8..15) of a v128.const. */
    public long v128High() { return le64(immediatePosition + 8); }

    /** Lane selector {@code i} (0..15) of i8x16.shuffle. */
    public int shuffleLane(int i) { return buf[immediatePosition + i] & 0xFF; }

    private long le64(int p) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (buf[p + i] & 0xFF);
        }
        return v;
    }

    /** Block result type when it is a single value type, else null (empty or type index). */
    public ValType blockValType() { return blockValType; }

    /**
     * Block type index when the block type is a type index, else -1. Indices that cannot exist come back as
     * {@link Integer#MAX_VALUE}.
     */
    public int blockTypeIndex() { return blockTypeIndex; }

    /** Whether the block type is empty ({@code 0x40}). */
    public boolean blockTypeEmpty() { return blockValType == null && blockTypeIndex < 0; }

    /** ref.null's reference type. */
    public ValType heapType() { return heapType; }

    /** Number of br_table targets, not counting the default ({@link #index()}). */
    public int targetCount() { return targetCount; }

    /** br_table target {@code i}. */
    public int target(int i) { return targets[i]; }

    /** Number of types of a typed select. */
    public int selectTypeCount() { return selectTypeCount; }

    public ValType selectType(int i) { return selectTypes[i]; }
}
