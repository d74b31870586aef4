package org.ssvm.interpreter;

import java.util.Arrays;

/**
 * Maps positions in pre-decoded code back to byte offsets in the original function body, for backtraces. Only
 * read when a trap unwinds, so it is stored compactly rather than for speed: one entry per pre-decoded
 * instruction, as a pair of unsigned LEB128 deltas (code position, body offset), both of which only grow. Most
 * entries take two bytes.
 */
final class OffsetTable {
    private final byte[] deltas;

    private OffsetTable(byte[] deltas) {
        this.deltas = deltas;
    }

    /**
     * The body offset of the instruction that covers code position {@code pos} (the last one starting at or
     * before it), or -1 when {@code pos} precedes every instruction.
     */
    int offsetAt(int pos) {
        int start = 0;
        int offset = 0;
        int found = -1;
        int[] at = {0};
        while (at[0] < deltas.length) {
            start += leb(at);
            offset += leb(at);
            if (start > pos) {
                break;
            }
            found = offset;
        }
        return found;
    }

    /** Reads one unsigned LEB128 number at {@code at[0]} and moves past it. */
    private int leb(int[] at) {
        int v = 0;
        int shift = 0;
        int b;
        do {
            b = deltas[at[0]++];
            v |= (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        return v;
    }

    /** Bytes taken by the table (for tests and size reports). */
    int byteSize() { return deltas.length; }

    /**
     * Collects entries while the pre-decoder emits code. Fusing rewrites the last instructions, so entries can be
     * taken back ({@link #replaceFrom}).
     */
    static final class Builder {
        private int[] starts = new int[32];
        private int[] offsets = new int[32];
        private int n;

        /** Records that the instruction emitted at {@code start} came from {@code offset} in the body. */
        void add(int start, int offset) {
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                offsets = Arrays.copyOf(offsets, n * 2);
            }
            starts[n] = start;
            offsets[n] = offset;
            n++;
        }

        /**
         * The instructions from {@code start} on were fused into one starting there: it now stands for the last
         * original instruction fused in, at {@code offset} (the only part of a fused instruction that can trap
         * is its last).
         */
        void replaceFrom(int start, int offset) {
            while (n > 0 && starts[n - 1] >= start) {
                n--;
            }
            add(start, offset);
        }

        OffsetTable build() {
            byte[] out = new byte[n * 4];
            int len = 0;
            int prevStart = 0;
            int prevOffset = 0;
            for (int i = 0; i < n; i++) {
                if (out.length - len < 10) {
                    out = Arrays.copyOf(out, out.length * 2 + 10);
                }
                len = leb(out, len, starts[i] - prevStart);
                len = leb(out, len, offsets[i] - prevOffset);
                prevStart = starts[i];
                prevOffset = offsets[i];
            }
            return new OffsetTable(Arrays.copyOf(out, len));
        }

        private static int leb(byte[] out, int at, int v) {
            if (v < 0) {
                throw new IllegalStateException("offset table entries must not go backwards");
            }
            while (v >= 0x80) {
                out[at++] = (byte) (v | 0x80);
                v >>>= 7;
            }
            out[at++] = (byte) v;
            return at;
        }
    }
}
