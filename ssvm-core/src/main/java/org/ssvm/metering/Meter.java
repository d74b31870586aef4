package org.ssvm.metering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssvm.TrapException;
import org.ssvm.model.Opcode;

/**
 * Gas, instruction and time accounting of the code it is attached to (by default one instance), plus the
 * switch that stops it: a gas limit, {@link #interrupt()} and a time limit all end the running call with a
 * {@link TrapException} whose message says why ("gas limit exceeded", "interrupted", "time limit
 * exceeded"). After such a trap the instance stays usable: the next call runs normally.
 *
 * <p>Engines call {@link #charge} at the charge points of a {@link MeteringPlan} (when metering is on) and
 * {@link #poll} at its checkpoints (when it is off but code must stay interruptible). Both read one volatile
 * field, {@code trip}: the gas limit normally, and a value no charge can stay under once a stop is requested,
 * so interruption costs nothing beyond the charge itself.
 *
 * <p>Counters are updated without synchronization: one meter serves one thread of execution at a time (as
 * an instance does). {@link #interrupt()} and the time limit are safe to call from any thread.
 */
public final class Meter {
    /** No gas limit. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private long gasUsed;
    /**
     * Instructions executed minus gas used. Kept instead of the instruction count because with the default
     * costs (gas = instructions) it never changes, so code keeping gas in locals hands over one number.
     */
    private long insMinusGas;
    private long timeNanos;
    private long gasLimit = UNLIMITED;
    /** gasLimit, or Long.MIN_VALUE when a stop was requested (every charge then fails). */
    private volatile long trip = UNLIMITED;
    /**
     * For engines that keep gas in locals ({@link #refill}): how far their code may charge before it must call
     * back. Never above {@code trip} as this thread last set it, and at most {@link #QUANTUM} ahead of gas
     * used, so such code looks at {@code trip} (and sees a stop request) at least every QUANTUM gas. A plain
     * field: other threads' stops reach running code through {@code trip}.
     */
    private long softLimit = QUANTUM;
    /** The trap {@link #refill} threw last, whose counts it already settled. */
    private TrapException refusal;

    /** Gas that code keeping gas in locals may charge between two looks at a stop request. */
    static final long QUANTUM = 1 << 16;
    private volatile String stopReason;
    /** Entries of each registered region (only with opcode counts), and the plans they belong to. */
    private long[] hits = new long[0];
    private final List<MeteringPlan> plans = new ArrayList<>();
    private final List<Integer> planStarts = new ArrayList<>();
    private int hitCount;

    /**
     * Pays for one region: adds {@code cost} to gas used and {@code count} to instructions executed, or traps
     * without counting anything when the gas limit would be exceeded or a stop was requested.
     */
    public void charge(long cost, int count) {
        long used = gasUsed + cost;
        if (used > trip) {
            throw refuse();
        }
        gasUsed = used;
        insMinusGas += count - cost;
    }

    /** Like {@link #charge(long, int)}, also counting one entry of registered region {@code hit}. */
    public void charge(long cost, int count, int hit) {
        charge(cost, count);
        hits[hit]++;
    }

    /** Counts one entry of registered region {@code hit} whose gas was charged already (compiled code). */
    public void hit(int hit) {
        hits[hit]++;
    }

    /**
     * Makes room to count the entries of each region of {@code plan}; answers the index of its region 0 for
     * {@link #charge(long, int, int)}. Engines call this once per function, before running it.
     */
    public synchronized int registerRegions(MeteringPlan plan) {
        int from = hitCount;
        hitCount += plan.regionCount();
        if (hitCount > hits.length) {
            hits = Arrays.copyOf(hits, Math.max(hitCount, hits.length * 2));
        }
        plans.add(plan);
        planStarts.add(from);
        return from;
    }

    /**
     * How often each instruction ran, most frequent first, for code compiled with
     * {@link MeteringConfig#opcodeCounts()} (empty otherwise).
     */
    public Map<Opcode, Long> opcodeCounts() {
        Opcode[] ops = Opcode.values();
        long[] byOpcode = new long[ops.length];
        synchronized (this) {
            for (int i = 0; i < plans.size(); i++) {
                plans.get(i).countOpcodes(hits, planStarts.get(i), byOpcode);
            }
        }
        Map<Opcode, Long> counts = new LinkedHashMap<>();
        Arrays.stream(ops).filter(op -> byOpcode[op.ordinal()] > 0)
                .sorted((a, b) -> Long.compare(byOpcode[b.ordinal()], byOpcode[a.ordinal()]))
                .forEach(op -> counts.put(op, byOpcode[op.ordinal()]));
        return counts;
    }

    /** Traps when a stop (interruption or time limit) was requested; engines call it at checkpoints. */
    public void poll() {
        if (trip == Long.MIN_VALUE) {
            throw refuse();
        }
    }

    /**
     * The slow path of code that keeps gas used in a local and charges a region by adding to it: called when
     * gas used passed {@link #softLimit()}. {@code used} already includes the region's {@code cost}; {@code
     * insMinusGas} is the instructions-minus-gas count with the region (see {@link #insMinusGas()}). Settles the
     * counters and answers the new soft limit, or, when the region may not run (limit reached, stop requested),
     * settles them without the region, of {@code count} instructions, and throws the trap; {@link
     * #settleAfterThrow} then leaves them alone.
     */
    public long refill(long used, long insMinusGas, long cost, long count) {
        long limit = trip;
        if (used > limit) {
            settle(used - cost, insMinusGas - (count - cost));
            TrapException trap = refuse();
            refusal = trap;
            throw trap;
        }
        settle(used, insMinusGas);
        softLimit = softLimit(limit, used);
        return softLimit;
    }

    /** {@link #refill(long, long, long, long)} for a region costing its instruction count. */
    public long refill(long used, long cost) {
        return refill(used, insMinusGas, cost, cost);
    }

    private static long softLimit(long trip, long used) {
        return trip > used && trip - used > QUANTUM ? used + QUANTUM : trip;
    }

    /** The limit up to which code keeping gas in locals may charge without calling {@link #refill}. */
    public long softLimit() { return softLimit; }

    /** Instructions executed minus gas used: constant while only regions costing their length run. */
    public long insMinusGas() { return insMinusGas; }

    /** Sets gas used, as code keeping it in a local counted it. */
    public void settle(long used) {
        gasUsed = used;
    }

    /** Sets gas used and instructions executed minus gas used, as code keeping them in locals counted them. */
    public void settle(long used, long insMinusGas) {
        gasUsed = used;
        this.insMinusGas = insMinusGas;
    }

    /**
     * Settles the counters of code keeping them in locals when {@code thrown} leaves it, unless {@code thrown}
     * is the refusal of its own {@link #refill}, which settled them already (without the refused region).
     */
    public void settleAfterThrow(Throwable thrown, long used, long insMinusGas) {
        if (thrown != refusal) {
            settle(used, insMinusGas);
        }
    }

    /** {@link #settleAfterThrow(Throwable, long, long)} for code keeping gas alone. */
    public void settleAfterThrow(Throwable thrown, long used) {
        if (thrown != refusal) {
            settle(used);
        }
    }

    private TrapException refuse() {
        String reason = stopReason;
        if (reason != null) {
            clearStop();
            return new TrapException(reason);
        }
        return new TrapException("gas limit exceeded");
    }

    /** Asks the running code to stop at its next checkpoint; it traps with "interrupted". Thread-safe. */
    public void interrupt() {
        stop("interrupted");
    }

    /** Asks the running code to stop with "time limit exceeded" (what a time limit's timer calls). */
    public void timeOut() {
        stop("time limit exceeded");
    }

    private synchronized void stop(String reason) {
        stopReason = reason;
        trip = Long.MIN_VALUE;
        softLimit = Long.MIN_VALUE;
    }

    /** Forgets a stop request that no code has noticed (done when a new top-level call starts). */
    public synchronized void clearStop() {
        stopReason = null;
        trip = gasLimit;
        softLimit = softLimit(gasLimit, gasUsed);
        refusal = null;
    }

    /** Nesting of top-level calls in progress (host code may call back into WebAssembly). */
    private int active;

    /**
     * Marks the start of a call from the host; returns true for the outermost one, which forgets stale stop
     * requests. Runtimes call this around each call they make (see {@code WasmRuntime.call(Meter, ...)}).
     */
    public boolean begin() {
        if (active++ == 0) {
            clearStop();
            return true;
        }
        return false;
    }

    /** Marks the end of a call from the host that {@link #begin} started, adding its time if outermost. */
    public void end(boolean outermost, long nanos) {
        active--;
        if (outermost) {
            timeNanos += nanos;
        }
    }

    /**
     * Gas used so far. Read from another thread while code runs (say, by a monitor), it is a recent value
     * rather than an exact one; it is exact once the call is over, or from a host function it calls.
     */
    public long gasUsed() { return gasUsed; }

    /** Instructions executed so far (counted when metering is on). */
    public long instructionCount() { return gasUsed + insMinusGas; }

    /** Wall-clock time spent in top-level calls, in nanoseconds. */
    public long timeNanos() { return timeNanos; }

    /** The gas limit ({@link #UNLIMITED} when none). */
    public long gasLimit() { return gasLimit; }

    /** Sets the total gas this meter may use (counting what is already used); {@link #UNLIMITED} for none. */
    public synchronized void setGasLimit(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("gas limit must not be negative: " + limit);
        }
        gasLimit = limit;
        if (stopReason == null) {
            trip = limit;
            softLimit = softLimit(limit, gasUsed);
        }
    }

    /** Sets gas used, instructions and time back to zero. */
    public void reset() {
        Arrays.fill(hits, 0);
        gasUsed = 0;
        insMinusGas = 0;
        timeNanos = 0;
        if (stopReason == null) {
            softLimit = softLimit(trip, 0);
        }
    }

    /** A snapshot of the counters. */
    public Statistics statistics() {
        return new Statistics(instructionCount(), gasUsed, timeNanos);
    }
}
