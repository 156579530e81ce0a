package org.spinmon.trainer.train;

import java.util.stream.LongStream;

/**
 * When a run records its weights: at the optimizer steps
 * <ul>
 *   <li>0 (the untrained network) and every power of two, 1, 2, 4, 8, … (log-spaced, so that the fast early
 *       change is resolved and a long run still records only O(log steps) of them),</li>
 *   <li>every epoch end, the multiples of {@code stepsPerEpoch},</li>
 *   <li>every multiple of {@code stride} when the stride is on (&gt; 0),</li>
 *   <li>and the last step, {@code lastStep}, whatever it is,</li>
 * </ul>
 * never beyond {@code lastStep}. A step is counted after its update: snapshot s holds the weights after s updates.
 *
 * @param stride        record every {@code stride} steps as well; 0 turns this off
 * @param stepsPerEpoch minibatches in one epoch, ≥ 1
 * @param lastStep      the run's last step, ≥ 0
 */
public record SnapshotSchedule(long stride, long stepsPerEpoch, long lastStep) {

    /** Validates the fields. */
    public SnapshotSchedule {
        if (stride < 0) {
            throw new IllegalArgumentException("stride must be >= 0 (0 = off), was " + stride);
        }
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("steps per epoch must be >= 1, was " + stepsPerEpoch);
        }
        if (lastStep < 0) {
            throw new IllegalArgumentException("last step must be >= 0, was " + lastStep);
        }
    }

    /** @return whether a snapshot is taken after {@code step} updates */
    public boolean at(long step) {
        if (step < 0 || step > lastStep) {
            return false;
        }
        return step == 0 || Long.bitCount(step) == 1 || (stride > 0 && step % stride == 0) || epochEnd(step)
                || step == lastStep;
    }

    /** @return whether {@code step} (≥ 1) completes an epoch */
    public boolean epochEnd(long step) {
        return step > 0 && step % stepsPerEpoch == 0;
    }

    /** @return the fractional epoch after {@code step} updates: step / stepsPerEpoch */
    public double epoch(long step) {
        return (double) step / stepsPerEpoch;
    }

    /** @return every scheduled step, ascending */
    public LongStream steps() {
        return LongStream.rangeClosed(0, lastStep).filter(this::at);
    }

    /** @return the schedule in words, for run.json */
    public String description() {
        return "step 0 and every power of two, every epoch end (every " + stepsPerEpoch + " steps)"
                + (stride > 0 ? ", every " + stride + " steps" : "") + ", and the last step " + lastStep;
    }
}
