package org.spinmon.trainer.train;

import java.util.Locale;

/** Training produced a NaN loss: the run cannot go on, and a smaller learning rate is the usual cure. */
public final class TrainingDivergedException extends RuntimeException {

    private final long step;

    /** @param step the step after which the loss was NaN */
    public TrainingDivergedException(long step, double epoch, double learningRate) {
        super(String.format(Locale.ROOT, "training diverged: the loss is NaN after step %d (epoch %.4f); try a"
                + " learning rate smaller than %s", step, epoch, learningRate));
        this.step = step;
    }

    /** @return the step after which the loss was NaN */
    public long step() {
        return step;
    }
}
