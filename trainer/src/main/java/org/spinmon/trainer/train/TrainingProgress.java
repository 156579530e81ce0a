package org.spinmon.trainer.train;

/**
 * How far training has come, for a progress display; reported on the training thread by {@link Trainer}.
 *
 * @param step           optimizer steps done (0 before the first update)
 * @param totalSteps     the run's last step
 * @param epoch          epochs done, fractional: step / steps per epoch
 * @param loss           training loss (mean cross-entropy in nats) of the latest minibatch; at step 0 that of the
 *                       first minibatch under the initial weights
 * @param accuracy       the most recent test accuracy in [0, 1], NaN before the first measurement
 * @param stepsPerSecond optimizer steps per wall-clock second since the previous report (time spent waiting for
 *                       downstream demand and measuring accuracy included); NaN for the first report
 */
public record TrainingProgress(long step, long totalSteps, double epoch, double loss, double accuracy,
                               double stepsPerSecond) {
}
