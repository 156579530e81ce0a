package org.spinmon.dashboard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.analyzer.stream.AnalysisOutcome;
import org.spinmon.analyzer.stream.AnalysisStream;
import org.spinmon.analyzer.stream.OverflowPolicy;
import org.spinmon.analyzer.stream.StreamCounters;
import org.spinmon.analyzer.stream.StreamSettings;
import org.spinmon.trainer.mnist.TestMnist;
import org.spinmon.trainer.net.HiddenActivation;
import org.spinmon.trainer.net.NetworkConfig;
import org.spinmon.trainer.train.Trainer;
import org.spinmon.trainer.train.ProbeConfig;
import org.spinmon.trainer.train.TrainingConfig;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The real trainer against an analyzer made slow on purpose: drops are counted exactly, nothing is lost on disk. */
class SlowAnalyzerTest {

    @TempDir
    Path runs;

    @Test
    void dropOldestCountsEveryDropAndWritesEverySnapshot() throws Exception {
        NetworkConfig network = new NetworkConfig(List.of(784, 32, 16, 10), HiddenActivation.RELU, false, 1e-3, 3);
        TrainingConfig config = new TrainingConfig(network, 32, 1, 60, 1, false, 3, "slow1", TestMnist.unpacked(),
                2000, 500, ProbeConfig.NONE);
        Trainer trainer = new Trainer(config);
        RunDirectory dir = RunDirectory.create(runs, trainer.manifest(Instant.now()));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        // Every analysis waits 100 ms first: far slower than a training step of this small network.
        Scheduler slow = Schedulers.fromExecutor(task -> executor.execute(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            task.run();
        }));
        StreamCounters counters = new StreamCounters();
        AnalysisStream stream = AnalysisStream.builder(new SnapshotAnalyzer(SpinModelConfig.builder().taus()
                        .nScan(20).build()))
                .settings(new StreamSettings(2, 1, OverflowPolicy.DROP_OLDEST))
                .counters(counters)
                .scheduler(slow)
                .recorder(s -> dir.write(s, DType.F32))
                .build();
        List<AnalysisOutcome> outcomes = stream.apply(trainer.snapshots()).collectList().block(Duration.ofMinutes(3));
        executor.shutdown();
        assertEquals(61, counters.emitted(), "stride 1: steps 0..60");
        assertTrue(counters.dropped() > 0, "the slow analyzer must have fallen behind");
        assertEquals(counters.emitted(), counters.analyzed() + counters.dropped());
        assertEquals(outcomes.size(), counters.analyzed());
        assertEquals(counters.emitted(), counters.written());
        try (Stream<Path> files = Files.list(dir.root().resolve(RunDirectory.SNAPSHOTS))) {
            assertEquals(61, files.count(), "the writer never drops");
        }
        assertEquals(0, outcomes.get(0).step(), "step 0, the reference, is analysed first");
        assertEquals(60, outcomes.get(outcomes.size() - 1).step(), "the newest survives drop-oldest");
    }
}
