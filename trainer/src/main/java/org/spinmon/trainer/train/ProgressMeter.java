package org.spinmon.trainer.train;

import java.util.function.Consumer;

/**
 * Reports {@link TrainingProgress} every {@code every} steps and at every snapshot, measuring the step rate
 * between consecutive reports with {@link System#nanoTime()}.
 */
final class ProgressMeter {

    private final Consumer<TrainingProgress> out;
    private final int every;
    private final long totalSteps;
    private long lastStep = -1;
    private long lastNanos;

    ProgressMeter(Consumer<TrainingProgress> out, int every, long totalSteps) {
        this.out = out;
        this.every = every;
        this.totalSteps = totalSteps;
    }

    void step(long step, double epoch, double loss, double accuracy, boolean snapshot) {
        if (!snapshot && step % every != 0) {
            return;
        }
        long now = System.nanoTime();
        double rate = lastStep < 0 || now == lastNanos ? Double.NaN : (step - lastStep) / ((now - lastNanos) / 1e9);
        lastStep = step;
        lastNanos = now;
        out.accept(new TrainingProgress(step, totalSteps, epoch, loss, accuracy, rate));
    }
}
