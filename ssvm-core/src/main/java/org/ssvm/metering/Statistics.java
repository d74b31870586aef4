package org.ssvm.metering;

/**
 * Execution statistics at one moment.
 *
 * @param instructions instructions executed (0 unless metering is on)
 * @param gasUsed      gas used (0 unless metering is on)
 * @param timeNanos    wall-clock time spent in top-level calls
 */
public record Statistics(long instructions, long gasUsed, long timeNanos) {
    /** Instructions per second of the time measured, or 0 when no time was measured. */
    public double instructionsPerSecond() {
        return timeNanos == 0 ? 0 : instructions * 1e9 / timeNanos;
    }
}
