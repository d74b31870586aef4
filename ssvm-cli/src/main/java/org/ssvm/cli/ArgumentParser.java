package org.ssvm.cli;

import org.ssvm.model.ValType;

/** Parses a command-line argument as a value of a WebAssembly number type. */
final class ArgumentParser {
    private ArgumentParser() {
    }

    static Object parse(ValType type, String text) {
        try {
            return switch (type) {
                case I32 -> (int) parseInteger(text, 32);
                case I64 -> parseInteger(text, 64);
                case F32 -> Float.parseFloat(text);
                case F64 -> Double.parseDouble(text);
                default -> throw new IllegalArgumentException("cannot pass a " + type + " from the command line");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid " + type);
        }
    }

    /** Accepts signed values and unsigned ones up to 2^bits - 1 (so 4294967295 is the i32 -1). */
    private static long parseInteger(String text, int bits) {
        if (bits == 64) {
            return text.startsWith("-") ? Long.parseLong(text) : Long.parseUnsignedLong(text);
        }
        long v = Long.parseLong(text);
        if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
            throw new NumberFormatException(text);
        }
        return v;
    }
}
