package org.spinmon.analyzer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.powerlaw.PowerLaw;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.analyzer.stream.AnalysisOutcome;
import org.spinmon.analyzer.stream.AnalysisStream;
import org.spinmon.analyzer.stream.StreamCounters;
import org.spinmon.analyzer.testing.SnapshotFixtures;
import reactor.core.publisher.Flux;

/**
 * The checks every {@link AnalysisPublisher} passes: what one exposes, all expose. A subclass says how to make
 * a publisher and how to read back what it exposes (the last value of each series).
 */
abstract class AnalysisPublisherChecks {

    static final SnapshotAnalyzer ANALYZER = SnapshotAnalyzer.builder(SpinModelConfig.builder().nScan(30)
            .taus(0.9, 0.5).tapStarts(2).build()).probe(SnapshotFixtures.probe(16, 24, 3, 9)).build();
    private static final Set<String> BOUNDED_LABELS = Set.of("run", "mode", "layer", "spin_layer", "tau", "k",
            "reference", "kind", "class", "beta");
    private static final Pattern NAME = Pattern.compile("spinmon_[a-z0-9_]+");

    /** @return a publisher of run "r1", the given mode, exposing {@code counters} */
    abstract AnalysisPublisher create(String mode, StreamCounters counters);

    /** @return the last value of every series {@code publisher} exposes, keyed as {@link Exposition} does */
    abstract Map<String, Double> readBack(AnalysisPublisher publisher);

    static List<AnalysisOutcome> outcomes(StreamCounters counters) {
        return AnalysisStream.builder(ANALYZER).counters(counters).build()
                .apply(Flux.range(0, 3).map(i -> SnapshotFixtures.xavier("r1", i * 4L, 50 + i, 24, 12, 5, 3)))
                .collectList().block(Duration.ofMinutes(1));
    }

    private static void assertSame(double expected, Double actual, String series) {
        assertTrue(actual != null, "missing series " + series);
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), series + " should be NaN, was " + actual);
        } else {
            assertEquals(expected, actual, 0.0, series);
        }
    }

    @Nested
    @DisplayName("series")
    class Series {

        @Test
        @DisplayName("every sample of the last outcome is exposed with its exact value")
        void everySample() {
            StreamCounters counters = new StreamCounters();
            List<AnalysisOutcome> outcomes = outcomes(counters);
            AnalysisPublisher publisher = create("live", counters);
            outcomes.forEach(publisher::publish);
            Map<String, Double> exposed = readBack(publisher);
            List<MetricSample> samples = MetricSamples.of(outcomes.get(2), "r1", "live");
            assertTrue(samples.size() > 40, "an analysis with TAP defines many series: " + samples.size());
            for (MetricSample s : samples) {
                assertSame(s.value(), exposed.get(Exposition.canonical(s)), s.series());
            }
        }

        @Test
        @DisplayName("names are spinmon_ snake case and labels bounded, run and mode on every series")
        void namesAndLabels() {
            StreamCounters counters = new StreamCounters();
            AnalysisPublisher publisher = create("replay", counters);
            outcomes(counters).forEach(publisher::publish);
            for (String series : readBack(publisher).keySet()) {
                if (!series.startsWith("spinmon_")) {
                    continue;
                }
                String name = series.substring(0, series.indexOf('{'));
                assertTrue(NAME.matcher(name).matches(), name);
                Set<String> labels = Pattern.compile("([a-z_]+)=").matcher(series).results().map(r -> r.group(1))
                        .collect(Collectors.toSet());
                if (name.startsWith("spinmon_analysis_seconds") || name.endsWith("_info")) {
                    continue;
                }
                assertTrue(BOUNDED_LABELS.containsAll(labels), series);
                assertTrue(series.contains("run=\"r1\"") && series.contains("mode=\"replay\""), series);
            }
        }

        @Test
        @DisplayName("per-layer series: layer 1..L, spin_layer 0..L, tau as configured")
        void perLayer() {
            StreamCounters counters = new StreamCounters();
            AnalysisPublisher publisher = create("live", counters);
            outcomes(counters).forEach(publisher::publish);
            Set<String> keys = readBack(publisher).keySet();
            for (int layer = 1; layer <= 3; layer++) {
                String l = "layer=\"" + layer + "\"";
                assertTrue(keys.stream().anyMatch(k -> k.startsWith("spinmon_layer_sigma_max{") && k.contains(l)), l);
            }
            for (int spin = 0; spin <= 3; spin++) {
                String s = "spin_layer=\"" + spin + "\"";
                assertTrue(keys.stream().anyMatch(k -> k.startsWith("spinmon_tap_q{") && k.contains(s)
                        && k.contains("tau=\"0.5\"")), s);
            }
            assertFalse(keys.stream().anyMatch(k -> k.contains("layer=\"0\",") && k.startsWith("spinmon_layer_")));
        }
    }

    @Nested
    @DisplayName("updates")
    class Updates {

        @Test
        @DisplayName("periodic families (the randomisation, the input landscape) keep their last value between"
                + " measurements")
        void periodic() {
            StreamCounters counters = new StreamCounters();
            List<AnalysisOutcome> outcomes = outcomes(counters);
            assertTrue(outcomes.get(0).analysis().heavyTail().randomized(), "step 0 is randomised");
            assertFalse(outcomes.get(1).analysis().heavyTail().randomized(), "step 4 is not");
            AnalysisPublisher publisher = create("live", counters);
            publisher.publish(outcomes.get(0));
            publisher.publish(outcomes.get(1));
            Map<String, Double> exposed = readBack(publisher);
            double distance = outcomes.get(0).analysis().heavyTail().layers().get(0).randomization().randDistance();
            assertSame(distance, exposed.get("spinmon_layer_rand_distance{layer=\"1\",mode=\"live\",run=\"r1\"}"),
                    "rand distance of step 0, kept at step 4");
            assertTrue(outcomes.get(0).analysis().views().landscape() != null, "snapshot 0 samples the landscape");
            assertTrue(outcomes.get(1).analysis().views().landscape() == null, "snapshot 1 does not");
            double q = outcomes.get(0).analysis().views().landscape().points().get(0).overlapMean();
            assertFalse(Double.isNaN(q), "beta 8 equilibrates on this small network");
            assertSame(q, exposed.get("spinmon_input_overlap_mean{beta=\"8\",class=\"0\",mode=\"live\",run=\"r1\"}"),
                    "overlap at beta 8 of snapshot 0, kept at snapshot 1");
            double alpha = outcomes.get(1).analysis().heavyTail().layers().get(0).fit().alpha();
            assertSame(alpha, exposed.get("spinmon_layer_alpha{layer=\"1\",mode=\"live\",run=\"r1\"}"), "alpha");
            assertSame(counters.fitFailures(), exposed.get("spinmon_layer_fit_failures_total{mode=\"live\",run=\"r1\"}"),
                    "fit failures");
        }

        @Test
        @DisplayName("a failed analysis updates the training values and makes the spin values NaN")
        void failure() {
            StreamCounters counters = new StreamCounters();
            List<AnalysisOutcome> outcomes = outcomes(counters);
            AnalysisPublisher publisher = create("live", counters);
            publisher.publish(outcomes.get(0));
            AnalysisOutcome ok = outcomes.get(1);
            publisher.publish(new AnalysisOutcome("r1", ok.step(), ok.epoch(), 1.25, 0.5, ok.time(), null,
                    "ArithmeticException: no convergence", PowerLaw.undefined("x", 0), 0.01));
            Map<String, Double> exposed = readBack(publisher);
            assertSame(ok.step(), exposed.get("spinmon_training_step{mode=\"live\",run=\"r1\"}"), "step");
            assertSame(1.25, exposed.get("spinmon_training_loss{mode=\"live\",run=\"r1\"}"), "loss");
            assertSame(Double.NaN, exposed.get("spinmon_tc_melt{mode=\"live\",run=\"r1\"}"), "tc_melt");
            assertSame(Double.NaN, exposed.get("spinmon_layer_hill_alpha{layer=\"2\",mode=\"live\",run=\"r1\"}"),
                    "hill alpha");
        }

        @Test
        @DisplayName("counters expose the stream accounting exactly, with _total")
        void counters() {
            StreamCounters counters = new StreamCounters();
            List<AnalysisOutcome> outcomes = outcomes(counters);
            AnalysisPublisher publisher = create("live", counters);
            outcomes.forEach(publisher::publish);
            Map<String, Double> exposed = readBack(publisher);
            for (MetricSample s : MetricSamples.counters(counters, "r1", "live")) {
                assertSame(s.value(), exposed.get(Exposition.canonical(s)), s.series());
            }
            assertSame(3, exposed.get("spinmon_snapshots_emitted_total{mode=\"live\",run=\"r1\"}"), "emitted");
            assertSame(3, exposed.get("spinmon_snapshots_analyzed_total{mode=\"live\",run=\"r1\"}"), "analyzed");
        }
    }
}
