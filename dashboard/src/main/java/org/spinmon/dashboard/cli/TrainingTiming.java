package org.spinmon.dashboard.cli;

/**
 * One timed training run of {@code spinmon bench --training}.
 *
 * @param variant  how the network was trained
 * @param steps    optimizer steps (minibatches) in the timed window
 * @param seconds  wall-clock seconds of the window
 * @param accuracy test accuracy after the last step, a ratio in [0, 1]
 */
record TrainingTiming(TrainingVariant variant, long steps, double seconds, double accuracy) {

    /** @return training throughput, steps / seconds, in iterations per second */
    double iterationsPerSecond() {
        return steps / seconds;
    }
}
