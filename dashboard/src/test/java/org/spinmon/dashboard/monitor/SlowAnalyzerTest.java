package org.spinmon.dashboard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
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
import org.spinmon.dashboard.server.LiveRuns;
import org.spinmon.trainer.mnist.TestMnist;
import org.spinmon.trainer.net.HiddenActivation;
import org.spinmon.trainer.net.NetworkConfig;
import org.spinmon.trainer.train.ProbeConfig;
import org.spinmon.trainer.train.Trainer;
import org.spinmon.trainer.train.TrainingConfig;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The real trainer against an analyzer made slow on purpose (each analysis waits 100 ms first, far longer than a
 * training step of this small network): under drop-oldest the drops are counted exactly, and exactly the steps
 * that were not analysed, nothing is lost on disk and {@code /metrics} shows the same counts; under block nothing
 * is dropped and every snapshot is analysed, in order.
 */
class SlowAnalyzerTest {

    private static final Pattern COUNTER = Pattern.compile(
            "^spinmon_snapshots_(emitted|analyzed|dropped|written)_total\\{[^}]*run=\"(\\w+)\"[^}]*\\} (\\S+)$",
            Pattern.MULTILINE);

    @TempDir
    Path runs;

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    /** Every analysis waits 100 ms first: far slower than a training step of this small network. */
    private final Scheduler slow = Schedulers.fromExecutor(task -> executor.execute(() -> {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        task.run();
    }));

    @AfterEach
    void stop() {
        slow.dispose();
        executor.shutdownNow();
    }

    private static TrainingConfig config(String runId) throws Exception {
        NetworkConfig network = new NetworkConfig(List.of(784, 32, 16, 10), HiddenActivation.RELU, false, 1e-3, 3);
        return new TrainingConfig(network, 32, 1, 60, 1, false, 3, runId, TestMnist.unpacked(), 2000, 500,
                ProbeConfig.NONE);
    }

    @Test
    void dropOldestCountsEveryDropAndWritesEverySnapshot() throws Exception {
        Trainer trainer = new Trainer(config("slow1"));
        RunDirectory dir = RunDirectory.create(runs, trainer.manifest(Instant.now()));
        StreamCounters counters = new StreamCounters();
        AnalysisStream stream = AnalysisStream.builder(new SnapshotAnalyzer(SpinModelConfig.builder().taus()
                        .nScan(20).build()))
                .settings(new StreamSettings(2, 1, OverflowPolicy.DROP_OLDEST))
                .counters(counters)
                .scheduler(slow)
                .recorder(s -> dir.write(s, DType.F32))
                .build();
        List<AnalysisOutcome> outcomes = stream.apply(trainer.snapshots()).collectList().block(Duration.ofMinutes(3));
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

    @Test
    void theDroppedAreExactlyTheStepsNotAnalysedAndMetricsShowTheCounters() throws Exception {
        TrainingConfig config = config("slow2");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Monitor monitor = Monitor.builder("slow2", "live", new SnapshotAnalyzer(SpinModelConfig.builder().taus()
                        .nScan(20).build()), registry, new LiveRuns())
                .settings(new StreamSettings(2, 1, OverflowPolicy.DROP_OLDEST))
                .scheduler(slow)
                .build();
        List<Long> analysed = monitor.apply(new Trainer(config).snapshots()).map(AnalysisOutcome::step).collectList()
                .block(Duration.ofMinutes(3));
        StreamCounters c = monitor.counters();
        List<Long> scheduled = config.schedule().steps().boxed().toList();
        assertEquals(scheduled.size(), c.emitted());
        assertTrue(c.dropped() > 0, "the slow analyzer must have fallen behind");
        assertTrue(scheduled.containsAll(analysed), "analysed steps are emitted steps: " + analysed);
        assertEquals(analysed.stream().sorted().distinct().toList(), analysed, "in step order, each once");
        assertEquals(scheduled.size() - analysed.size(), c.dropped(), "dropped = the steps never analysed");
        assertEquals(analysed.size(), c.analyzed());
        Matcher m = COUNTER.matcher(registry.scrape());
        int seen = 0;
        while (m.find()) {
            assertEquals("slow2", m.group(2));
            long expected = switch (m.group(1)) {
                case "emitted" -> c.emitted();
                case "analyzed" -> c.analyzed();
                case "dropped" -> c.dropped();
                default -> c.written();
            };
            assertEquals(expected, Double.parseDouble(m.group(3)), 0.0, m.group());
            seen++;
        }
        assertEquals(4, seen, "emitted, analyzed, dropped and written on /metrics");
    }

    @Test
    void blockDropsNothingAndAnalysesEverySnapshotInOrder() throws Exception {
        TrainingConfig config = config("slow3");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Monitor monitor = Monitor.builder("slow3", "live", new SnapshotAnalyzer(SpinModelConfig.builder().taus()
                        .nScan(20).build()), registry, new LiveRuns())
                .settings(new StreamSettings(2, 1, OverflowPolicy.BLOCK))
                .scheduler(slow)
                .build();
        List<Long> analysed = monitor.apply(new Trainer(config).snapshots()).map(AnalysisOutcome::step).collectList()
                .block(Duration.ofMinutes(3));
        StreamCounters c = monitor.counters();
        assertEquals(config.schedule().steps().boxed().toList(), analysed, "every step 0..60, in order");
        assertEquals(0, c.dropped());
        assertEquals(61, c.emitted());
        assertEquals(61, c.analyzed());
        assertTrue(registry.scrape().contains("spinmon_snapshots_dropped_total{"), "dropped is exposed, as 0");
    }
}
