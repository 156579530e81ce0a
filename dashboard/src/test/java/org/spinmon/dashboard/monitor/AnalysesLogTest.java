package org.spinmon.dashboard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.analysis.ViewSettings;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.analyzer.stream.AnalysisOutcome;
import org.spinmon.analyzer.stream.OverflowPolicy;
import org.spinmon.analyzer.stream.StreamSettings;
import org.spinmon.analyzer.testing.SnapshotFixtures;
import org.spinmon.dashboard.server.LiveRuns;
import reactor.core.publisher.Flux;

/**
 * The analyses log on a device that is always full: Linux's {@code /dev/full}, whose every write fails with
 * "No space left on device", the error a full disk gives. (A write cut off in the middle of a line is tested
 * with a real file-size limit in {@code DiskFaultsIT}.)
 */
class AnalysesLogTest {

    private static final Path FULL = Path.of("/dev/full");

    @TempDir
    Path dir;

    @Test
    void aFullDeviceCountsEveryLineReportsTheFirstAndNeverThrows() {
        List<String> reports = new ArrayList<>();
        AnalysesLog log = openFull(reports);
        log.append("{\"step\":0}");
        log.append("{\"step\":1}");
        log.append("{\"step\":2}");
        log.close();
        assertEquals(3, log.failures());
        assertEquals(List.of("cannot append to /dev/full: No space left on device; the run goes on, further failures"
                + " are counted"), reports);
    }

    @Test
    void linesGoToTheFileWholeAndInOrder() throws Exception {
        Path file = dir.resolve("analyses.jsonl");
        Files.writeString(file, "{\"step\":0}\n");
        List<String> reports = new ArrayList<>();
        try (AnalysesLog log = AnalysesLog.open(file, reports::add)) {
            log.append("{\"step\":1}");
            log.append("{\"step\":2}");
            assertEquals(0, log.failures());
        }
        assertEquals("{\"step\":0}\n{\"step\":1}\n{\"step\":2}\n", Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(List.of(), reports);
    }

    @Test
    void aMonitorWhoseLogFailsPublishesEveryAnalysisAndCountsTheLostLines() {
        List<String> reports = new ArrayList<>();
        SnapshotAnalyzer analyzer = SnapshotAnalyzer.builder(SpinModelConfig.builder().taus().nScan(20).build())
                .views(ViewSettings.OFF).build();
        LiveRuns live = new LiveRuns();
        Monitor monitor = Monitor.builder("full1", "live", analyzer, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        live)
                .settings(new StreamSettings(8, 1, OverflowPolicy.BLOCK))
                .analysesLog(FULL, reports::add)
                .build();
        List<Snapshot> snapshots = new ArrayList<>();
        for (long step : new long[]{0, 1, 2, 4}) {
            snapshots.add(SnapshotFixtures.xavier("full1", step, 3, 30, 20, 10));
        }
        List<AnalysisOutcome> outcomes = monitor.apply(Flux.fromIterable(snapshots)).collectList()
                .block(Duration.ofMinutes(1));
        assertEquals(4, outcomes.size());
        assertTrue(outcomes.stream().allMatch(o -> o.error() == null));
        assertEquals(4, monitor.logFailures());
        assertEquals(1, reports.size(), reports.toString());
        assertEquals(4, live.get("full1").orElseThrow().analyses().size(), "the API still has every analysis");
        assertEquals("finished", live.get("full1").orElseThrow().state());
    }

    private static AnalysesLog openFull(List<String> reports) {
        try {
            return AnalysesLog.open(FULL, reports::add);
        } catch (java.io.IOException e) {
            throw new AssertionError("/dev/full cannot be opened: " + e.getMessage(), e);
        }
    }
}
