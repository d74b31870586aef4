package org.ssvm.metering;

/**
 * What an engine emits for accounting and interruption, fixed when the engine is created.
 *
 * @param costTable     gas costs; null turns metering off (no charge code at all)
 * @param interruptible whether code polls {@link Meter#poll()} at the checkpoints of a {@link MeteringPlan}
 *                      when metering is off (with metering on, charges poll anyway)
 */
public record MeteringConfig(CostTable costTable, boolean interruptible) {
    /** No metering, interruptible. */
    public static final MeteringConfig DEFAULT = new MeteringConfig(null, true);

    /** Whether gas is charged. */
    public boolean metered() { return costTable != null; }
}
