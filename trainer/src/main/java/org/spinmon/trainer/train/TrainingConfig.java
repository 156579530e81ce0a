package org.spinmon.trainer.train;

import java.nio.file.Path;
import java.util.Objects;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.trainer.mnist.MnistFile;
import org.spinmon.trainer.mnist.ProbeBatches;
import org.spinmon.trainer.net.NetworkConfig;

/**
 * Everything a training run on MNIST needs.
 *
 * @param network         the network; on MNIST its input width must be 784 (28 × 28 pixels) and its output width 10
 * @param batchSize       examples per minibatch, ≥ 1 (default 64)
 * @param epochs          passes over the training examples, ≥ 1 (default 1)
 * @param maxSteps        stop after this many optimizer steps even within an epoch; 0 = no limit
 * @param stride          also snapshot every {@code stride} steps; 0 = off (see {@link SnapshotSchedule})
 * @param testAtSnapshots measure test accuracy at every snapshot, not only at epoch ends and the last step
 * @param shuffleSeed     the seed of the training-set shuffle (and of the subset, when {@code trainExamples} is
 *                        below 60,000)
 * @param runId           the run's id, as {@link Snapshot#checkRunId} allows
 * @param mnist           the MNIST directory, holding the four raw files ({@code Mnist.ensure} prepares it)
 * @param trainExamples   training examples used, 1 … 60,000 (all by default): a fixed subset drawn with the
 *                        shuffle seed
 * @param testExamples    test examples used for accuracy, 1 … 10,000 (all by default): the first ones in file order
 * @param probe           the run's probe batch of MNIST test images for the forward-pass views, or
 *                        {@link ProbeConfig#NONE}; it does not affect training
 */
public record TrainingConfig(NetworkConfig network, int batchSize, int epochs, long maxSteps, long stride,
                             boolean testAtSnapshots, long shuffleSeed, String runId, Path mnist, int trainExamples,
                             int testExamples, ProbeConfig probe) {

    /** The default minibatch size, 64. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** The default number of epochs, 1. */
    public static final int DEFAULT_EPOCHS = 1;
    /** MNIST's input width, 28 × 28 pixels. */
    public static final int MNIST_INPUTS = MnistFile.SIDE * MnistFile.SIDE;
    /** MNIST's number of classes. */
    public static final int MNIST_CLASSES = 10;

    /** Validates every field; the messages name the field and what it allows. */
    public TrainingConfig {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(mnist, "mnist");
        Objects.requireNonNull(probe, "probe");
        Snapshot.checkRunId(runId);
        int inputs = network.widths().get(0);
        int classes = network.widths().get(network.depth());
        if (inputs != MNIST_INPUTS || classes != MNIST_CLASSES) {
            throw new IllegalArgumentException("widths must start with " + MNIST_INPUTS + " and end with "
                    + MNIST_CLASSES + " for MNIST, were " + network.widths());
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("max steps must be >= 0 (0 = no limit), was " + maxSteps);
        }
        if (stride < 0) {
            throw new IllegalArgumentException("stride must be >= 0 (0 = off), was " + stride);
        }
        if (trainExamples < 1 || trainExamples > MnistFile.TRAIN_IMAGES.count()) {
            throw new IllegalArgumentException("train examples must be between 1 and "
                    + MnistFile.TRAIN_IMAGES.count() + ", was " + trainExamples);
        }
        if (testExamples < 1 || testExamples > MnistFile.TEST_IMAGES.count()) {
            throw new IllegalArgumentException("test examples must be between 1 and "
                    + MnistFile.TEST_IMAGES.count() + ", was " + testExamples);
        }
    }

    /**
     * @return the defaults: batch size 64, one epoch, no step limit, no stride, accuracy at epoch ends only, the
     *         network's seed as shuffle seed, all 60,000 training and 10,000 test examples, a probe batch of
     *         {@value ProbeBatches#DEFAULT_SIZE} test images with its seed derived from the network's seed
     */
    public static TrainingConfig defaults(NetworkConfig network, String runId, Path mnist) {
        return new TrainingConfig(network, DEFAULT_BATCH_SIZE, DEFAULT_EPOCHS, 0, 0, false, network.seed(), runId,
                mnist, MnistFile.TRAIN_IMAGES.count(), MnistFile.TEST_IMAGES.count(),
                ProbeConfig.forRun(ProbeBatches.DEFAULT_SIZE, network.seed()));
    }

    /** @return minibatches per epoch, ⌈trainExamples / batchSize⌉ (the last one may be smaller) */
    public long stepsPerEpoch() {
        return (trainExamples + (long) batchSize - 1) / batchSize;
    }

    /** @return the run's last step: epochs · steps per epoch, capped at maxSteps when that is set */
    public long totalSteps() {
        long all = epochs * stepsPerEpoch();
        return maxSteps > 0 ? Math.min(all, maxSteps) : all;
    }

    /** @return the snapshot schedule of this run */
    public SnapshotSchedule schedule() {
        return new SnapshotSchedule(stride, stepsPerEpoch(), totalSteps());
    }
}
