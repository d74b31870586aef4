package org.ssvm.metering;

import java.util.Arrays;
import org.ssvm.model.Opcode;
import org.ssvm.runtime.CodeReader;

/**
 * Where and how much an engine charges gas in one function body: the body split into <em>metering
 * regions</em>, each charged in full, once, when execution enters it. Every engine computes the same plan
 * from the same body and cost table, so gas used (and instructions counted) are identical across engines,
 * including when a call traps.
 *
 * <h2>The contract every engine implements</h2>
 * <ol>
 *   <li><b>Regions.</b> A region is a run of consecutive instructions of the body (in binary order, byte
 *   offsets relative to {@link org.ssvm.model.FunctionBody#code()}). A new region starts at offset 0 and
 *   right after each of these instructions: {@code loop}, {@code if}, {@code else}, {@code end} (except the
 *   body's final one), {@code br}, {@code br_if}, {@code br_table}, {@code return}, {@code unreachable},
 *   {@code call}, {@code call_indirect}. Nothing else ends a region ({@code block} does not: only fall-through
 *   reaches the instruction after it). Every instruction, these control instructions and the final
 *   {@code end} included, belongs to exactly one region: the one it ends or lies in.</li>
 *   <li><b>Cost.</b> A region's {@link #cost} is the sum of the {@link CostTable} costs of its instructions;
 *   its {@link #instructionCount} is how many instructions it holds.</li>
 *   <li><b>Charge points.</b> Every place control can arrive at is a region start: function entry, the
 *   instruction after a {@code loop} (branch target of the loop and its first iteration), after
 *   {@code if} (then branch), after {@code else} (the false path), after {@code end} (branch target of a
 *   block or if, and where an if without else lands), after {@code br_if} (not taken), after a call (the
 *   return). Each time execution reaches a region start the engine calls
 *   {@link Meter#charge(long, int) meter.charge(cost, instructionCount)} before running the region's first
 *   instruction. Regions in unreachable code (after {@code br}, {@code br_table}, {@code return},
 *   {@code unreachable}) are never entered and need no code. An engine may skip the charge of a region
 *   whose cost and count are both 0 unless {@link #isCheckpoint} says it is a checkpoint.</li>
 *   <li><b>Traps.</b> A region's instructions were all paid for at its start, so a trap in the middle of a
 *   region (or in a callee) leaves gas used equal to the sum over the regions entered so far. When a charge
 *   itself fails ("gas limit exceeded", or an interruption or time limit noticed there) nothing of it is
 *   counted.</li>
 *   <li><b>Checkpoints.</b> Region 0 (function entry) and each region right after a {@code loop} are
 *   {@linkplain #isCheckpoint checkpoints}: these are where an engine without metering still polls
 *   {@link Meter#poll()} for interruption and time limits, so that a loop without calls, or a recursion,
 *   stops promptly. With metering on, the charge polls too.</li>
 *   <li><b>Off means absent.</b> An engine with metering off emits no charge code at all.</li>
 *   <li><b>Counts per instruction</b> (optional, {@link MeteringConfig#opcodeCounts()}): the engine
 *   {@linkplain Meter#registerRegions registers} each plan once and charges with
 *   {@link Meter#charge(long, int, int)}, passing the region's index in the registered range; the meter
 *   derives each instruction's count from the region entries.</li>
 * </ol>
 *
 * <p>Example (default costs): {@code (func (param i32) (result i32) local.get 0 i32.eqz if (result i32)
 * i32.const 1 else i32.const 2 end)} has regions {@code [local.get i32.eqz if]} (3),
 * {@code [i32.const 1 else]} (2), {@code [i32.const 2 end]} (2) and {@code [end]} (1, the final end): a call
 * with 0 costs 3 + 2 + 1 = 6, with 5 costs 3 + 2 + 1 = 6 as well.
 */
public final class MeteringPlan {
    private final byte[] code;
    private final int[] starts;
    private final long[] costs;
    private final int[] counts;
    private final boolean[] checkpoints;

    private MeteringPlan(byte[] code, int[] starts, long[] costs, int[] counts, boolean[] checkpoints) {
        this.code = code;
        this.starts = starts;
        this.costs = costs;
        this.counts = counts;
        this.checkpoints = checkpoints;
    }

    /** Computes the plan of a validated function body's code (its instructions, final {@code end} included). */
    public static MeteringPlan of(byte[] code, CostTable table) {
        int cap = 8;
        int[] starts = new int[cap];
        long[] costs = new long[cap];
        int[] counts = new int[cap];
        boolean[] checkpoints = new boolean[cap];
        int n = 1;
        checkpoints[0] = true;
        CodeReader in = new CodeReader(code, 0);
        while (!in.atEnd()) {
            Opcode op = next(in);
            in.skipImmediates(op);
            costs[n - 1] += table.cost(op);
            counts[n - 1]++;
            if (endsRegion(op) && !in.atEnd()) {
                if (n == cap) {
                    cap *= 2;
                    starts = Arrays.copyOf(starts, cap);
                    costs = Arrays.copyOf(costs, cap);
                    counts = Arrays.copyOf(counts, cap);
                    checkpoints = Arrays.copyOf(checkpoints, cap);
                }
                starts[n] = in.pos();
                checkpoints[n] = op == Opcode.LOOP;
                n++;
            }
        }
        return new MeteringPlan(code, Arrays.copyOf(starts, n), Arrays.copyOf(costs, n), Arrays.copyOf(counts, n),
                Arrays.copyOf(checkpoints, n));
    }

    /** Whether a region starts right after {@code op}. */
    public static boolean endsRegion(Opcode op) {
        return switch (op) {
            case LOOP, IF, ELSE, END, BR, BR_IF, BR_TABLE, RETURN, UNREACHABLE, CALL, CALL_INDIRECT -> true;
            default -> false;
        };
    }

    private static Opcode next(CodeReader in) {
        int b = in.u8();
        if (b == Opcode.PREFIX_FC || b == Opcode.PREFIX_FD) {
            return Opcode.prefixed(b, in.u32());
        }
        return Opcode.single(b);
    }

    public int regionCount() { return starts.length; }

    /** Byte offset in the body's code where region {@code i} starts. */
    public int start(int i) { return starts[i]; }

    /** Summed cost of region {@code i}. */
    public long cost(int i) { return costs[i]; }

    /** Number of instructions in region {@code i}. */
    public int instructionCount(int i) { return counts[i]; }

    /** Whether region {@code i} is function entry or a loop header, where interruption is polled. */
    public boolean isCheckpoint(int i) { return checkpoints[i]; }

    /**
     * Adds to {@code byOpcode} (indexed by {@link Opcode#ordinal()}) how often each instruction ran, given
     * how often each region was entered: {@code hits[from + i]} for region {@code i}.
     */
    public void countOpcodes(long[] hits, int from, long[] byOpcode) {
        CodeReader in = new CodeReader(code, 0);
        int region = 0;
        while (!in.atEnd()) {
            if (region + 1 < starts.length && in.pos() == starts[region + 1]) {
                region++;
            }
            Opcode op = next(in);
            in.skipImmediates(op);
            byOpcode[op.ordinal()] += hits[from + region];
        }
    }

    /** The region starting at byte offset {@code offset}, or -1 when none starts there. */
    public int regionAt(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -1;
    }
}
