package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.analyzer.stream.OverflowPolicy;
import org.spinmon.analyzer.stream.StreamCounters;
import org.spinmon.analyzer.stream.StreamSettings;
import org.spinmon.trainer.mnist.TestMnist;
import org.spinmon.trainer.net.HiddenActivation;
import org.spinmon.trainer.net.NetworkConfig;
import org.spinmon.trainer.train.TrainingConfig;

/**
 * The heap bound of a monitored run with a slow analyzer, without timing: as each snapshot is emitted, a full
 * collection is made and the run's snapshots still reachable are counted through weak references
 * ({@link HeapProbe}). They never exceed the hand-off's capacity + the one in analysis + 3 (the one arriving, the
 * previous, the step-0 reference) + the disk writer's backlog, under either policy, in the whole pipeline of
 * {@code spinmon train} (recording, analyses.jsonl, /metrics, the probe views).
 */
class SnapshotRetentionTest {

    @TempDir
    Path runs;

    @ParameterizedTest
    @EnumSource(OverflowPolicy.class)
    void theSnapshotsHeldNeverExceedTheHandOffAndThoseInFlight(OverflowPolicy policy) throws Exception {
        NetworkConfig network = new NetworkConfig(List.of(784, 32, 16, 10), HiddenActivation.RELU,
                false, NetworkConfig.DEFAULT_LEARNING_RATE, 1);
        TrainingConfig config = TrainingBench.config(network, 20, 2560, TestMnist.unpacked(), 1);
        StreamSettings settings = new StreamSettings(3, 1, policy);
        StreamCounters counters = new StreamCounters();
        HeapProbe probe = new HeapProbe(Duration.ofHours(1).toMillis(),
                () -> counters.emitted() - counters.written() - counters.writeFailures());
        MonitoredTraining monitored = new MonitoredTraining(HttpClient.newHttpClient(),
                SpinModelConfig.builder().taus(new double[0]).nScan(20).build());
        MonitoredTraining.Result r;
        try (SlowAnalyzer slow = new SlowAnalyzer(Duration.ofMillis(100), 1)) {
            r = monitored.run(config, runs, new MonitoredTraining.Wiring(settings, slow.scheduler(), s -> {
                probe.track(s);
                try {
                    probe.sample();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while sampling the heap", e);
                }
            }, () -> { }, counters));
        } finally {
            probe.close();
        }
        assertEquals(21, r.accounting().counters().emitted(), "stride 1: steps 0..20");
        double dropped = r.accounting().counters().dropped();
        assertTrue(policy == OverflowPolicy.BLOCK ? dropped == 0 : dropped > 0, policy + ": " + dropped + " dropped");
        List<HeapProbe.Sample> samples = probe.samples();
        assertTrue(samples.size() >= 15, "most collections answered: " + samples.size() + ", " + probe.skipped()
                + " skipped");
        int bound = settings.capacity() + settings.concurrency() + SlowAnalyzerBench.HELD_BESIDES;
        for (HeapProbe.Sample s : samples) {
            assertTrue(s.retained() <= bound + s.backlog(), s + " above " + bound + " + backlog");
        }
        assertTrue(samples.stream().anyMatch(s -> s.retained() >= settings.capacity() + 1),
                "the analyzer was behind, so the hand-off filled: " + samples);
    }
}
