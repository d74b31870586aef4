package org.ssvm.metering;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ssvm.model.Opcode;

/**
 * The gas cost of each instruction. Costs are non-negative and at most {@link #MAX_COST}; the default table
 * charges 1 for every instruction, so that gas used equals the number of instructions executed.
 *
 * <p>A table can be read from a text file, one entry per line:
 * <pre>
 * # comment; blank lines are ignored
 * default 1          # cost of every instruction not listed (1 when absent)
 * i32.div_s 20       # text-format instruction name, then its cost
 * call 5
 * memory.grow 1000
 * </pre>
 * Names are those of the text format ({@code select} covers both the untyped and the typed form). An unknown
 * name, a missing or malformed cost, an extra word or an instruction listed twice is an error that names the
 * line.
 */
public final class CostTable {
    /** The largest cost of one instruction (keeps region sums far from overflow). */
    public static final int MAX_COST = 1_000_000;
    private static final Opcode[] OPCODES = Opcode.values();

    /** One gas per instruction. */
    public static final CostTable DEFAULT = uniform(1);

    private final int[] costs;

    private CostTable(int[] costs) {
        this.costs = costs;
    }

    /** A table charging {@code cost} for every instruction. */
    public static CostTable uniform(int cost) {
        checkCost(cost);
        int[] costs = new int[OPCODES.length];
        Arrays.fill(costs, cost);
        return new CostTable(costs);
    }

    /** The cost of {@code op}. */
    public int cost(Opcode op) { return costs[op.ordinal()]; }

    /**
     * The table in the file format, canonically: the most common cost as {@code default}, then each instruction
     * costing otherwise, in opcode order. Equal tables give equal texts (compiled code is keyed on it).
     */
    @Override
    public String toString() {
        java.util.Map<Integer, Integer> frequency = new java.util.HashMap<>();
        int common = costs[0];
        for (int c : costs) {
            int n = frequency.merge(c, 1, Integer::sum);
            if (n > frequency.get(common) || (n == frequency.get(common) && c < common)) {
                common = c;
            }
        }
        StringBuilder text = new StringBuilder("default ").append(common).append('\n');
        for (Opcode op : OPCODES) {
            if (costs[op.ordinal()] != common && op != Opcode.SELECT_T) { // select covers both forms
                text.append(op.textName()).append(' ').append(costs[op.ordinal()]).append('\n');
            }
        }
        return text.toString();
    }

    /** A copy of this table with {@code op} costing {@code cost}. */
    public CostTable with(Opcode op, int cost) {
        checkCost(cost);
        int[] c = costs.clone();
        c[op.ordinal()] = cost;
        if (op == Opcode.SELECT || op == Opcode.SELECT_T) {
            c[Opcode.SELECT.ordinal()] = cost;
            c[Opcode.SELECT_T.ordinal()] = cost;
        }
        return new CostTable(c);
    }

    /** Reads a table file (format in the class comment). */
    public static CostTable load(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a table (format in the class comment).
     *
     * @throws IllegalArgumentException with "line N: ..." when a line is wrong
     */
    public static CostTable parse(String text) {
        int defaultCost = 1;
        boolean sawDefault = false;
        int[] explicit = new int[OPCODES.length];
        Arrays.fill(explicit, -1);
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            String where = "line " + (n + 1) + ": ";
            if (words.length != 2) {
                throw new IllegalArgumentException(where + "expected 'NAME COST' or 'default COST', got '" + line
                        + "'");
            }
            int cost = parseCost(words[1], where);
            if (words[0].equals("default")) {
                if (sawDefault) {
                    throw new IllegalArgumentException(where + "default given twice");
                }
                sawDefault = true;
                defaultCost = cost;
                continue;
            }
            Opcode op = Opcode.byTextName(words[0]);
            if (op == null) {
                throw new IllegalArgumentException(where + "unknown instruction '" + words[0] + "'");
            }
            if (explicit[op.ordinal()] >= 0) {
                throw new IllegalArgumentException(where + words[0] + " given twice");
            }
            explicit[op.ordinal()] = cost;
        }
        explicit[Opcode.SELECT_T.ordinal()] = explicit[Opcode.SELECT.ordinal()];
        int[] costs = new int[OPCODES.length];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = explicit[i] >= 0 ? explicit[i] : defaultCost;
        }
        return new CostTable(costs);
    }

    private static int parseCost(String word, String where) {
        int cost;
        try {
            cost = Integer.parseInt(word);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "cost '" + word + "' is not an integer");
        }
        if (cost < 0 || cost > MAX_COST) {
            throw new IllegalArgumentException(where + "cost " + cost + " is outside 0.." + MAX_COST);
        }
        return cost;
    }

    private static void checkCost(int cost) {
        if (cost < 0 || cost > MAX_COST) {
            throw new IllegalArgumentException("cost " + cost + " is outside 0.." + MAX_COST);
        }
    }
}
