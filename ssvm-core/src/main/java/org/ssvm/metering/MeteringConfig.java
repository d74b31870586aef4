package org.ssvm.metering;

/**
 * What an engine emits for accounting and interruption, fixed when the engine is created.
 *
 * @param costTable     gas costs; null turns metering off (no charge code at all)
 * @param interruptible whether code polls {@link Meter#poll()} at the checkpoints of a {@link MeteringPlan}
 *                      when metering is off (with metering on, charges poll anyway)
 * @param opcodeCounts  whether charges also count region entries, from which {@link Meter#opcodeCounts()}
 *                      derives a count per instruction (slower; needs metering)
 */
public record MeteringConfig(CostTable costTable, boolean interruptible, boolean opcodeCounts) {
    public MeteringConfig(CostTable costTable, boolean interruptible) {
        this(costTable, interruptible, false);
    }

    /** No metering, no polls: the fastest code. */
    public static final MeteringConfig DEFAULT = new MeteringConfig(null, false);

    /** Whether gas is charged. */
    public boolean metered() { return costTable != null; }

    /**
     * Whether this asks for no accounting code at all, as {@link #DEFAULT} does. Cheaper at startup than
     * {@code equals(DEFAULT)}: a record's generated equals is linked by a bootstrap method on first use.
     */
    public boolean isOff() { return costTable == null && !interruptible && !opcodeCounts; }
}
