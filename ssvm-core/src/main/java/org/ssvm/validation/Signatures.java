package org.ssvm.validation;

import org.ssvm.model.Opcode;

/**
 * The fixed stack signatures of {@link Opcode#signature()} decoded once into int-coded type lists, indexed
 * by opcode ordinal. Entries are null for instructions the validator types by hand.
 */
final class Signatures {
    static final int[][] PARAMS;
    static final int[][] RESULTS;

    static {
        Opcode[] ops = Opcode.values();
        PARAMS = new int[ops.length][];
        RESULTS = new int[ops.length][];
        for (Opcode op : ops) {
            String sig = op.signature();
            if (sig != null) {
                int colon = sig.indexOf(':');
                PARAMS[op.ordinal()] = decode(sig.substring(0, colon));
                RESULTS[op.ordinal()] = decode(sig.substring(colon + 1));
            }
        }
    }

    private Signatures() {
    }

    private static int[] decode(String letters) {
        if (letters.isEmpty()) {
            return ValueTypes.EMPTY;
        }
        int[] types = new int[letters.length()];
        for (int i = 0; i < types.length; i++) {
            types[i] = switch (letters.charAt(i)) {
                case 'i' -> ValueTypes.I32;
                case 'l' -> ValueTypes.I64;
                case 'f' -> ValueTypes.F32;
                case 'd' -> ValueTypes.F64;
                case 'v' -> ValueTypes.V128;
                default -> throw new IllegalStateException("bad signature letter in " + letters);
            };
        }
        return types;
    }
}
