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
 * @param replicas        R, the networks trained side by side, 1 … {@value #MAX_REPLICAS} (default 1): replicas
 *                        2 … R start from replica 1's initial weights and see the same training examples in the
 *                        order of {@link #shuffleSeed(int)}
 * @param probe           the run's probe batch of MNIST test images for the forward-pass views, or
 *                        {@link ProbeConfig#NONE}; it does not affect training
 */
public record TrainingConfig(NetworkConfig network, int batchSize, int epochs, long maxSteps, long stride,
                             boolean testAtSnapshots, long shuffleSeed, String runId, Path mnist, int trainExamples,
                             int testExamples, int replicas, ProbeConfig probe) {

    /** The default minibatch size, 64. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** The default number of epochs, 1. */
    public static final int DEFAULT_EPOCHS = 1;
    /** MNIST's input width, 28 × 28 pixels. */
    public static final int MNIST_INPUTS = MnistFile.SIDE * MnistFile.SIDE;
    /** MNIST's number of classes. */
    public static final int MNIST_CLASSES = 10;
    /**
     * The most replicas a run trains, 8. Each replica costs a full training step per step and a full copy of the
     * weights in every snapshot (in memory in float64: 4.5 MB per replica for the default network, so 36 MB per
     * snapshot at R = 8, of which the hand-off and the writer's queue may hold several), while the inter-replica
     * overlaps need only a few pairs: R = 8 already gives 28.
     */
    public static final int MAX_REPLICAS = 8;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

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
        checkReplicas(replicas);
    }

    /** A run of one network, without replicas and without a probe batch. */
    public TrainingConfig(NetworkConfig network, int batchSize, int epochs, long maxSteps, long stride,
                          boolean testAtSnapshots, long shuffleSeed, String runId, Path mnist, int trainExamples,
                          int testExamples) {
        this(network, batchSize, epochs, maxSteps, stride, testAtSnapshots, shuffleSeed, runId, mnist, trainExamples,
                testExamples, 1, ProbeConfig.NONE);
    }

    /** A run of R replicas without a probe batch. */
    public TrainingConfig(NetworkConfig network, int batchSize, int epochs, long maxSteps, long stride,
                          boolean testAtSnapshots, long shuffleSeed, String runId, Path mnist, int trainExamples,
                          int testExamples, int replicas) {
        this(network, batchSize, epochs, maxSteps, stride, testAtSnapshots, shuffleSeed, runId, mnist, trainExamples,
                testExamples, replicas, ProbeConfig.NONE);
    }

    /** A run of one network with the given probe batch. */
    public TrainingConfig(NetworkConfig network, int batchSize, int epochs, long maxSteps, long stride,
                          boolean testAtSnapshots, long shuffleSeed, String runId, Path mnist, int trainExamples,
                          int testExamples, ProbeConfig probe) {
        this(network, batchSize, epochs, maxSteps, stride, testAtSnapshots, shuffleSeed, runId, mnist, trainExamples,
                testExamples, 1, probe);
    }

    /**
     * @return the defaults: batch size 64, one epoch, no step limit, no stride, accuracy at epoch ends only, the
     *         network's seed as shuffle seed, all 60,000 training and 10,000 test examples, no replicas, a probe
     *         batch of {@value ProbeBatches#DEFAULT_SIZE} test images with its seed derived from the network's seed
     */
    public static TrainingConfig defaults(NetworkConfig network, String runId, Path mnist) {
        return new TrainingConfig(network, DEFAULT_BATCH_SIZE, DEFAULT_EPOCHS, 0, 0, false, network.seed(), runId,
                mnist, MnistFile.TRAIN_IMAGES.count(), MnistFile.TEST_IMAGES.count(), 1,
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

    /**
     * Checks a number of replicas, 1 … {@value #MAX_REPLICAS}, so that a command can refuse a bad one before it
     * prepares anything else.
     *
     * @return {@code replicas}
     * @throws IllegalArgumentException naming the allowed range
     */
    public static int checkReplicas(int replicas) {
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas must be between 1 and " + MAX_REPLICAS + ", was " + replicas);
        }
        return replicas;
    }

    /**
     * The data-order seed of a replica. Replica 1 uses {@code shuffleSeed} itself, so it trains exactly as a run
     * without replicas. Replica r ≥ 2 uses SplitMix64's output for the state shuffleSeed + (r − 1)·γ, with
     * γ = 0x9E3779B97F4A7C15 and the finaliser z ← (z ⊕ z≫30)·0xBF58476D1CE4E5B9,
     * z ← (z ⊕ z≫27)·0x94D049BB133111EB, z ⊕ z≫31 (the (r − 1)-th {@code nextLong()} of
     * {@code new SplittableRandom(shuffleSeed)}): seeds that look nothing alike, so that {@link java.util.Random},
     * which shuffles the examples, gives unrelated orders. The training subset, when {@code trainExamples} is below
     * 60,000, is drawn with {@code shuffleSeed} for every replica: the replicas differ in the order of the data,
     * not in the data.
     *
     * @param replica 1 … {@link #replicas()}
     */
    public long shuffleSeed(int replica) {
        if (replica < 1 || replica > replicas) {
            throw new IllegalArgumentException("replica must be between 1 and " + replicas + ", was " + replica);
        }
        if (replica == 1) {
            return shuffleSeed;
        }
        long z = shuffleSeed + (replica - 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return the snapshot schedule of this run */
    public SnapshotSchedule schedule() {
        return new SnapshotSchedule(stride, stepsPerEpoch(), totalSteps());
    }
}
