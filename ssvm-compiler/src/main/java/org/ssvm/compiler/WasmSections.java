package org.ssvm.compiler;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Walks the sections of a Wasm binary without decoding them, to drop custom sections of one name. Used on bytes
 * the decoder accepted, yet it checks every length so that odd input fails with an IllegalArgumentException.
 */
final class WasmSections {
    private WasmSections() {
    }

    /** The module's bytes without its custom sections named {@code name} (the same array when it has none). */
    static byte[] without(byte[] wasm, String name) {
        return strip(wasm, name.getBytes(StandardCharsets.UTF_8));
    }

    /** The module's bytes without any custom section (the same array when it has none). */
    static byte[] withoutCustomSections(byte[] wasm) {
        return strip(wasm, null);
    }

    /** Drops the custom sections named {@code wanted}, or all of them when it is null. */
    private static byte[] strip(byte[] wasm, byte[] wanted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length);
        if (wasm.length < 8) {
            throw new IllegalArgumentException("not a Wasm module");
        }
        out.write(wasm, 0, 8);
        boolean dropped = false;
        int[] pos = {8};
        while (pos[0] < wasm.length) {
            int start = pos[0];
            int id = wasm[pos[0]++] & 0xFF;
            int size = u32(wasm, pos);
            int contents = pos[0];
            int end = contents + size;
            if (size < 0 || end > wasm.length || end < contents) {
                throw new IllegalArgumentException("section runs past the end of the module");
            }
            if (id == 0 && (wanted == null || hasName(wasm, contents, end, wanted))) {
                dropped = true;
            } else {
                out.write(wasm, start, end - start);
            }
            pos[0] = end;
        }
        return dropped ? out.toByteArray() : wasm;
    }

    private static boolean hasName(byte[] wasm, int at, int end, byte[] wanted) {
        int[] pos = {at};
        int length = u32(wasm, pos);
        if (length != wanted.length || pos[0] + length > end) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (wasm[pos[0] + i] != wanted[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads an unsigned LEB128 u32 at pos[0], advancing it. */
    private static int u32(byte[] b, int[] pos) {
        long value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos[0] >= b.length) {
                throw new IllegalArgumentException("unexpected end of module");
            }
            int x = b[pos[0]++] & 0xFF;
            value |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                if (value > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("section too large");
                }
                return (int) value;
            }
        }
        throw new IllegalArgumentException("integer representation too long");
    }

    /** A custom section with this name and contents, encoded. */
    static byte[] custom(String name, byte[] data) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        leb(body, n.length);
        body.write(n, 0, n.length);
        body.write(data, 0, data.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        leb(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void leb(ByteArrayOutputStream out, int value) {
        int v = value;
        do {
            int b = v & 0x7F;
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }
}
