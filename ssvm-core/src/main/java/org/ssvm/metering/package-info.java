/**
 * Resource accounting shared by all engines: gas costs ({@link org.ssvm.metering.CostTable}), where to charge
 * them ({@link org.ssvm.metering.MeteringPlan}, the contract that makes gas identical across engines), and the
 * per-instance counters and stop switch ({@link org.ssvm.metering.Meter}) that gas limits, time limits and
 * {@code interrupt()} act on.
 */
package org.ssvm.metering;
