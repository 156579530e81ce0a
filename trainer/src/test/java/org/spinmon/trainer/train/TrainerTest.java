package org.spinmon.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinmon.trainer.train.ParkedThreads.assertEnds;
import static org.spinmon.trainer.train.ParkedThreads.awaitParkedInGate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.trainer.mnist.MnistUnavailableException;
import org.spinmon.trainer.mnist.TestMnist;
import org.spinmon.trainer.net.HiddenActivation;
import org.spinmon.trainer.net.NetworkConfig;
import org.spinmon.trainer.net.Networks;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.test.StepVerifier;

class TrainerTest {

    private static final Duration HANG_GUARD = Duration.ofMinutes(2);

    private final List<TrainingProgress> progress = new CopyOnWriteArrayList<>();
    private final AtomicReference<Thread> trainingThread = new AtomicReference<>();

    @Test
    void theSnapshotsAreTheScheduledStepsWithTheirMetadataOnTheTrainingThread() throws Exception {
        TrainingConfig config = config(3200, 1, 30, false, 1e-3);
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Snapshot> snapshots = trainer(config, 10).snapshots()
                .doOnNext(s -> threads.add(Thread.currentThread().getName()))
                .collectList().block(HANG_GUARD);

        assertEquals(List.of(0L, 1L, 2L, 4L, 8L, 16L, 30L), steps(snapshots));
        assertEquals(config.schedule().steps().boxed().toList(), steps(snapshots));
        assertEquals(List.of(Trainer.THREAD_NAME), threads.stream().distinct().toList());
        for (Snapshot s : snapshots) {
            assertEquals("trainer-test", s.runId());
            assertEquals(s.step() / 100.0, s.epoch(), "100 steps per epoch");
            assertTrue(Double.isFinite(s.loss()) && s.loss() > 0, "loss " + s.loss() + " at step " + s.step());
            assertArrayEquals(new int[]{784, 32, 16, 10}, s.widths());
            assertEquals(List.of("relu", "relu", "softmax"), s.layers().stream().map(Layer::activation).toList());
            assertEquals(List.of("0", "1", "2"), s.layers().stream().map(Layer::name).toList());
        }
        assertTrue(Math.abs(snapshots.get(0).loss() - Math.log(10)) < 0.7,
                "untrained cross-entropy is near ln 10: " + snapshots.get(0).loss());
        assertTrue(snapshots.get(6).loss() < snapshots.get(0).loss(), "30 steps lower the loss");
        MultiLayerNetwork untrained = Networks.build(config.network());
        assertArrayEquals(untrained.getParam("0_W").dup('c').data().asDouble(),
                snapshots.get(0).layers().get(0).weights(), "step 0 is the untrained network");

        List<Double> accuracies = snapshots.stream().map(Snapshot::accuracy).toList();
        assertTrue(accuracies.subList(0, 6).stream().allMatch(a -> a.isNaN()), "only at the end: " + accuracies);
        double accuracy = accuracies.get(6);
        assertTrue(accuracy > 0.2 && accuracy <= 1, "above chance (0.1) after 30 steps: " + accuracy);

        assertEquals(List.of(0L, 1L, 2L, 4L, 8L, 10L, 16L, 20L, 30L),
                progress.stream().map(TrainingProgress::step).toList(), "every 10 steps and at every snapshot");
        TrainingProgress last = progress.get(progress.size() - 1);
        assertEquals(30, last.totalSteps());
        assertEquals(0.3, last.epoch());
        assertEquals(snapshots.get(6).loss(), last.loss());
        assertEquals(accuracies.get(6), last.accuracy());
        assertTrue(Double.isNaN(progress.get(0).stepsPerSecond()));
        assertTrue(last.stepsPerSecond() > 0 && Double.isFinite(last.stepsPerSecond()));
        assertEnds(thread());
    }

    @Test
    void epochEndsAreRecordedWithTheirTestAccuracy() throws Exception {
        List<Snapshot> snapshots = trainer(config(320, 2, 0, false, 1e-3), 10).snapshots().collectList()
                .block(HANG_GUARD);
        assertEquals(List.of(0L, 1L, 2L, 4L, 8L, 10L, 16L, 20L), steps(snapshots));
        for (Snapshot s : snapshots) {
            boolean epochEnd = s.step() == 10 || s.step() == 20;
            assertEquals(epochEnd, !Double.isNaN(s.accuracy()), "accuracy at step " + s.step() + ": " + s.accuracy());
        }
        assertEquals(1.0, snapshots.get(5).epoch());
        assertEquals(2.0, snapshots.get(7).epoch());
    }

    @Test
    void testAtSnapshotsMeasuresTheAccuracyOfEverySnapshot() throws Exception {
        List<Snapshot> snapshots = trainer(config(3200, 1, 4, true, 1e-3), 10).snapshots().collectList()
                .block(HANG_GUARD);
        assertEquals(List.of(0L, 1L, 2L, 4L), steps(snapshots));
        for (Snapshot s : snapshots) {
            assertTrue(s.accuracy() >= 0 && s.accuracy() <= 1, "accuracy at step " + s.step() + ": " + s.accuracy());
        }
    }

    @Test
    void trainingWaitsForDemand() throws Exception {
        Trainer trainer = trainer(config(3200, 1, 30, false, 1e-3), 1);
        StepVerifier.create(trainer.snapshots(), 1)
                .assertNext(s -> assertEquals(0, s.step()))
                .then(() -> {
                    awaitParked();
                    assertEquals(List.of(0L), progressSteps(), "parked with step 1's snapshot, before reporting it");
                })
                .thenRequest(1)
                .assertNext(s -> assertEquals(1, s.step()))
                .then(() -> {
                    awaitParked();
                    assertEquals(List.of(0L, 1L), progressSteps(), "parked with step 2's snapshot");
                })
                .thenRequest(Long.MAX_VALUE)
                .assertNext(s -> assertEquals(2, s.step()))
                .expectNextCount(4)
                .expectComplete()
                .verify(HANG_GUARD);
        assertEquals(30, progress.get(progress.size() - 1).step());
        assertEnds(thread());
    }

    @Test
    void cancellingReleasesAThreadWaitingForDemandAndEndsIt() throws Exception {
        Trainer trainer = trainer(config(3200, 1, 30, false, 1e-3), 1);
        StepVerifier.create(trainer.snapshots(), 1)
                .assertNext(s -> assertEquals(0, s.step()))
                .then(this::awaitParked)
                .thenCancel()
                .verify(HANG_GUARD);
        assertEnds(thread());
        assertTrue(progressSteps().equals(List.of(0L)) || progressSteps().equals(List.of(0L, 1L)),
                "training stopped after the step it was in: " + progressSteps());
    }

    @Test
    void cancellingWhileTrainingStopsAtTheNextStep() throws Exception {
        Trainer trainer = trainer(config(32_000, 1, 0, false, 1e-3), 1);
        StepVerifier.create(trainer.snapshots().take(5))
                .expectNextCount(5)
                .expectComplete()
                .verify(HANG_GUARD);
        assertEnds(thread());
        assertEquals(8, progress.get(progress.size() - 1).step(), "cancelled in step 8's onNext, of 1000 steps");
    }

    @Test
    void aDropOldestBufferDownstreamNeverBlocksTraining() throws Exception {
        List<Long> dropped = new CopyOnWriteArrayList<>();
        Trainer trainer = trainer(config(3200, 1, 30, false, 1e-3), 10);
        StepVerifier.create(trainer.snapshots()
                        .onBackpressureBuffer(2, s -> dropped.add(s.step()), BufferOverflowStrategy.DROP_OLDEST), 0)
                .then(() -> {
                    try {
                        assertEnds(thread());
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                })
                .thenRequest(Long.MAX_VALUE)
                .assertNext(s -> assertEquals(16, s.step()))
                .assertNext(s -> assertEquals(30, s.step()))
                .expectComplete()
                .verify(HANG_GUARD);
        assertEquals(List.of(0L, 1L, 2L, 4L, 8L), dropped);
    }

    @Test
    void missingMnistEndsTheStreamWithAnError(@TempDir Path empty) {
        TrainingConfig config = new TrainingConfig(network(1e-3), 32, 1, 30, 0, false, 4, "trainer-test", empty,
                3200, 500, ProbeConfig.NONE);
        StepVerifier.create(new Trainer(config).snapshots())
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(MnistUnavailableException.class, e);
                    String expected = "MNIST is not ready in " + empty + ": train-images-idx3-ubyte";
                    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
                })
                .verify(HANG_GUARD);
    }

    @Test
    void aNanLossEndsTheStreamWithAnError() throws Exception {
        StepVerifier.create(trainer(config(3200, 1, 100, false, 1e30), 10).snapshots())
                .thenConsumeWhile(s -> true)
                .expectErrorSatisfies(e -> {
                    TrainingDivergedException diverged = assertInstanceOf(TrainingDivergedException.class, e);
                    assertEquals("training diverged: the loss is NaN after step " + diverged.step() + " (epoch "
                            + String.format(Locale.ROOT, "%.4f", diverged.step() / 100.0)
                            + "); try a learning rate smaller than 1.0E30", e.getMessage());
                })
                .verify(HANG_GUARD);
        assertEnds(thread());
    }

    private Trainer trainer(TrainingConfig config, int progressEvery) {
        return new Trainer(config, p -> {
            trainingThread.set(Thread.currentThread());
            progress.add(p);
        }, progressEvery);
    }

    private static TrainingConfig config(int trainExamples, int epochs, long maxSteps, boolean testAtSnapshots,
                                         double learningRate) throws Exception {
        return new TrainingConfig(network(learningRate), 32, epochs, maxSteps, 0, testAtSnapshots, 4, "trainer-test",
                TestMnist.unpacked(), trainExamples, 500, ProbeConfig.NONE);
    }

    private static NetworkConfig network(double learningRate) {
        return new NetworkConfig(List.of(784, 32, 16, 10), HiddenActivation.RELU, false, learningRate, 21);
    }

    private void awaitParked() {
        try {
            awaitParkedInGate(thread());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** @return the training thread, as the first progress report (step 0) names it */
    private Thread thread() throws InterruptedException {
        long start = System.nanoTime();
        while (trainingThread.get() == null) {
            assertTrue(System.nanoTime() - start < HANG_GUARD.toNanos(), "no progress report came");
            Thread.sleep(1);
        }
        return trainingThread.get();
    }

    private List<Long> progressSteps() {
        return progress.stream().map(TrainingProgress::step).toList();
    }

    private static List<Long> steps(List<Snapshot> snapshots) {
        return snapshots.stream().map(Snapshot::step).toList();
    }
}
