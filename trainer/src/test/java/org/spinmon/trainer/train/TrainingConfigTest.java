package org.spinmon.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.SpinmonVersion;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.trainer.net.HiddenActivation;
import org.spinmon.trainer.net.NetworkConfig;

class TrainingConfigTest {

    private static final NetworkConfig NETWORK = NetworkConfig.defaults(HiddenActivation.SIGN, 7);
    private static final Path MNIST = Path.of("/data/mnist");

    @Test
    void defaultsTrainOneEpochOfAllSixtyThousandImagesInBatchesOf64() {
        TrainingConfig config = TrainingConfig.defaults(NETWORK, "run-1", MNIST);
        assertEquals(64, config.batchSize());
        assertEquals(1, config.epochs());
        assertEquals(7, config.shuffleSeed());
        assertEquals(938, config.stepsPerEpoch(), "ceil(60000 / 64)");
        assertEquals(938, config.totalSteps());
        assertEquals(new SnapshotSchedule(0, 938, 938), config.schedule());
        assertEquals(new ProbeConfig(512, 7 ^ 0x70726F6265L), config.probe());
    }

    @Test
    void maxStepsCapsTheEpochs() {
        assertEquals(20, config(100, 3, 20, 0).totalSteps());
        assertEquals(30, config(100, 3, 0, 0).totalSteps(), "3 epochs of ceil(100 / 10) steps");
        assertEquals(30, config(100, 3, 1000, 0).totalSteps());
        assertEquals(new SnapshotSchedule(4, 10, 20), config(100, 3, 20, 4).schedule());
    }

    @Test
    void invalidFieldsAreNamedInTheMessage() {
        NetworkConfig cifar = new NetworkConfig(List.of(3072, 10), HiddenActivation.RELU, false, 1e-3, 1);
        assertMessage("widths must start with 784 and end with 10 for MNIST, were [3072, 10]",
                () -> TrainingConfig.defaults(cifar, "r", MNIST));
        NetworkConfig twelveClasses = new NetworkConfig(List.of(784, 12), HiddenActivation.RELU, false, 1e-3, 1);
        assertMessage("widths must start with 784 and end with 10 for MNIST, were [784, 12]",
                () -> TrainingConfig.defaults(twelveClasses, "r", MNIST));
        assertMessage("batch size must be >= 1, was 0", () -> with(0, 1, 0, 0, "r", 60_000, 10_000));
        assertMessage("epochs must be >= 1, was 0", () -> with(64, 0, 0, 0, "r", 60_000, 10_000));
        assertMessage("max steps must be >= 0 (0 = no limit), was -1", () -> with(64, 1, -1, 0, "r", 60_000, 10_000));
        assertMessage("stride must be >= 0 (0 = off), was -2", () -> with(64, 1, 0, -2, "r", 60_000, 10_000));
        assertMessage("run id must be 1-128 characters from [A-Za-z0-9._-], not starting with a dot, was \"a b\"",
                () -> with(64, 1, 0, 0, "a b", 60_000, 10_000));
        assertMessage("train examples must be between 1 and 60000, was 60001",
                () -> with(64, 1, 0, 0, "r", 60_001, 10_000));
        assertMessage("test examples must be between 1 and 10000, was 0", () -> with(64, 1, 0, 0, "r", 60_000, 0));
    }

    @Test
    void replicasAreOneByDefaultAndBoundedByEight() {
        assertEquals(1, TrainingConfig.defaults(NETWORK, "r", MNIST).replicas());
        assertEquals(1, config(100, 1, 0, 0).replicas(), "the constructor without replicas");
        assertEquals(8, replicas(8).replicas());
        assertMessage("replicas must be between 1 and 8, was 0", () -> replicas(0));
        assertMessage("replicas must be between 1 and 8, was 9", () -> replicas(9));
    }

    @Test
    void replicaOneKeepsTheShuffleSeedAndTheOthersGetSplitMixSeeds() {
        TrainingConfig config = replicas(4);
        assertEquals(11, config.shuffleSeed(1), "replica 1 trains as a run without replicas");
        SplittableRandom splitMix = new SplittableRandom(11);
        for (int r = 2; r <= 4; r++) {
            assertEquals(splitMix.nextLong(), config.shuffleSeed(r), "replica " + r);
        }
        assertEquals(4, LongStream.rangeClosed(1, 4).map(r -> config.shuffleSeed((int) r)).distinct().count());
        assertMessage("replica must be between 1 and 4, was 5", () -> config.shuffleSeed(5));
        assertMessage("replica must be between 1 and 4, was 0", () -> config.shuffleSeed(0));
    }

    @Test
    void theManifestRecordsTheReplicas() {
        assertEquals(3, new Trainer(replicas(3)).manifest(Instant.EPOCH).config().get("replicas"));
    }

    @Test
    void theManifestRecordsArchitectureSeedsAndSettings() {
        TrainingConfig config = new TrainingConfig(NETWORK, 32, 2, 100, 25, true, 11, "run-7", MNIST, 6400, 500,
                new ProbeConfig(256, 13));
        Instant created = Instant.parse("2025-01-02T03:04:05Z");
        RunManifest manifest = new Trainer(config).manifest(created);
        assertEquals(RunDirectory.FORMAT_VERSION, manifest.formatVersion());
        assertEquals("run-7", manifest.runId());
        assertEquals(created, manifest.created());
        assertEquals(SpinmonVersion.get(), manifest.spinmonVersion());
        assertEquals(new RunManifest.Architecture(List.of(784, 512, 256, 128, 10),
                List.of("sign", "sign", "sign", "softmax"), false), manifest.architecture());
        assertEquals(Map.of("init", 7L, "shuffle", 11L, "probe", 13L), manifest.seeds());
        assertEquals(Map.ofEntries(
                Map.entry("optimizer", "adam"),
                Map.entry("learning_rate", 1e-4),
                Map.entry("batch_size", 32),
                Map.entry("epochs", 2),
                Map.entry("max_steps", 100L),
                Map.entry("steps_per_epoch", 200L),
                Map.entry("total_steps", 100L),
                Map.entry("schedule", "step 0 and every power of two, every epoch end (every 200 steps), every 25"
                        + " steps, and the last step 100"),
                Map.entry("stride", 25L),
                Map.entry("test_at_snapshots", true),
                Map.entry("dataset", "mnist"),
                Map.entry("train_examples", 6400),
                Map.entry("test_examples", 500),
                Map.entry("loss", "mcxent"),
                Map.entry("weight_init", "xavier"),
                Map.entry("replicas", 1),
                Map.entry("probe_size", 256),
                Map.entry("probe_source", "mnist-test"),
                Map.entry("probe_file", "probe.safetensors")), manifest.config());
    }

    @Test
    void withoutAProbeBatchTheManifestRecordsSizeZeroAndNoProbeSeed() {
        RunManifest manifest = new Trainer(config(100, 1, 0, 0)).manifest(Instant.EPOCH);
        assertEquals(Map.of("init", 7L, "shuffle", 1L), manifest.seeds());
        assertEquals(0, manifest.config().get("probe_size"));
        assertFalse(manifest.config().containsKey("probe_file"));
    }

    private static TrainingConfig config(int trainExamples, int epochs, long maxSteps, long stride) {
        return new TrainingConfig(NETWORK, 10, epochs, maxSteps, stride, false, 1, "r", MNIST, trainExamples, 100,
                ProbeConfig.NONE);
    }

    private static TrainingConfig replicas(int replicas) {
        return new TrainingConfig(NETWORK, 10, 1, 0, 0, false, 11, "r", MNIST, 100, 100, replicas);
    }

    private static TrainingConfig with(int batchSize, int epochs, long maxSteps, long stride, String runId,
                                       int trainExamples, int testExamples) {
        return new TrainingConfig(NETWORK, batchSize, epochs, maxSteps, stride, false, 1, runId, MNIST, trainExamples,
                testExamples, ProbeConfig.NONE);
    }

    private static void assertMessage(String expected, Runnable construction) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, construction::run).getMessage());
    }
}
