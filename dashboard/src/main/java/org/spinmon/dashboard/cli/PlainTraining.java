package org.spinmon.dashboard.cli;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.spinmon.trainer.mnist.Mnist;
import org.spinmon.trainer.net.Networks;
import org.spinmon.trainer.train.SnapshotSchedule;
import org.spinmon.trainer.train.TestAccuracy;
import org.spinmon.trainer.train.TrainingConfig;

/**
 * Trains a {@link TrainingConfig}'s network as spinmon's trainer does, minus the snapshots: the same network
 * ({@link Networks#build}), the same seeded minibatches ({@link Mnist#train}), one {@code fit} per step for
 * {@link TrainingConfig#totalSteps()} steps, test accuracy at every epoch end and at the last step (where the
 * trainer measures it too, so that only the monitoring differs), and the given DL4J listeners, if any.
 *
 * <p>The timed window runs from just before the first update to the end of the last accuracy measurement; the
 * network and data are prepared before it. Wall clock ({@link Instant}), as the monitored variant's window
 * starts at its step-0 snapshot's time.
 */
final class PlainTraining {

    /** Examples per minibatch when measuring test accuracy, as in the trainer. */
    private static final int EVALUATION_BATCH = 1000;

    private PlainTraining() {
    }

    /** @return the timing of one run of {@code config} as {@code variant}, with {@code listeners} attached */
    static TrainingTiming run(TrainingConfig config, TrainingVariant variant, List<TrainingListener> listeners)
            throws IOException {
        Mnist.requireUnpacked(config.mnist());
        SnapshotSchedule schedule = config.schedule();
        MultiLayerNetwork network = Networks.build(config.network());
        DataSetIterator examples = Mnist.train(config.mnist(), config.batchSize(), config.shuffleSeed(),
                config.trainExamples());
        TestAccuracy accuracy = new TestAccuracy(Mnist.test(config.mnist(), EVALUATION_BATCH, config.testExamples()));
        network.setListeners(listeners);
        long last = config.totalSteps();
        double measured = Double.NaN;
        Instant start = Instant.now();
        for (long step = 1; step <= last; step++) {
            if (!examples.hasNext()) {
                examples.reset();
            }
            network.fit(examples.next());
            if (schedule.epochEnd(step) || step == last) {
                measured = accuracy.applyAsDouble(network);
            }
        }
        Duration window = Duration.between(start, Instant.now());
        return new TrainingTiming(variant, last, window.toNanos() / 1e9, measured);
    }
}
