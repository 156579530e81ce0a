package org.spinmon.analyzer.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.analysis.SnapshotAnalysis;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.analysis.ViewSettings;
import org.spinmon.analyzer.freezing.FreezingLayer;
import org.spinmon.analyzer.kernels.KernelLayer;
import org.spinmon.analyzer.landscape.LandscapeSettings;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.analyzer.testing.SnapshotFixtures;
import reactor.core.publisher.Flux;

/**
 * Snapshots with NaN or infinite weights in a stream that runs every part of the analysis: spin model, heavy
 * tails, kernels, freezing (with replicas) and the input landscape on every snapshot (RELIABILITY.md,
 * "Non-finite weights"). Each such snapshot is counted and analysed as undefined with its reason; the stream goes
 * on; the snapshots after it compare with nothing non-finite (that would make up values: sign(NaN) is a spin,
 * and no eigenvalue lies above a NaN bulk edge, so 0 outliers) and say why.
 */
class NonFiniteStreamTest {

    private static final int[] WIDTHS = {20, 16, 8, 4};

    private static SnapshotAnalyzer analyzer() {
        // class 1 at beta 8, 2 short chains, every snapshot
        LandscapeSettings landscape = new LandscapeSettings(true, new int[]{1}, new double[]{8}, 2, 20, 40, 10, 2, 1, 5);
        return SnapshotAnalyzer.builder(SpinModelConfig.builder().nScan(20).taus(0.9).build())
                .views(new ViewSettings(true, true, 0.01, 3, landscape))
                .probe(SnapshotFixtures.probe(32, WIDTHS[0], 4, 3)).build();
    }

    private static Snapshot network(long step) {
        return SnapshotFixtures.replicas("nf", step, 11 + step, 2, false, WIDTHS);
    }

    /** @return {@code s} with weight 3 of layer 1 of replica {@code replica} (1 or 2) set to {@code value} */
    private static Snapshot poisoned(Snapshot s, int replica, double value) {
        List<Layer> one = replica == 1 ? poison(s.layers(), value) : s.layers();
        List<List<Layer>> others = replica == 1 ? s.replicas() : List.of(poison(s.replicas().get(0), value));
        return new Snapshot(s.runId(), s.step(), s.epoch(), Double.NaN, s.accuracy(), s.time(), one, others);
    }

    private static List<Layer> poison(List<Layer> layers, double value) {
        List<Layer> out = new ArrayList<>(layers);
        Layer first = layers.get(0);
        double[] w = first.weights();
        w[3] = value;
        out.set(0, Layer.of(first.name(), first.activation(), first.nIn(), first.nOut(), w));
        return out;
    }

    private static List<AnalysisOutcome> run(StreamCounters counters, Snapshot... snapshots) {
        return AnalysisStream.builder(analyzer()).counters(counters).build().apply(Flux.just(snapshots))
                .collectList().block(Duration.ofMinutes(2));
    }

    @Test
    void nonFiniteSnapshotsInTheMiddleAreCountedUndefinedAndTheNextComparesWithTheLastFiniteOneOnly() {
        StreamCounters counters = new StreamCounters();
        List<AnalysisOutcome> out = run(counters, network(0), poisoned(network(1), 2, Double.NaN),
                poisoned(network(2), 1, Double.POSITIVE_INFINITY), network(4));
        assertEquals(4, out.size());
        assertTrue(out.stream().allMatch(o -> o.error() == null), "no analysis threw");
        assertEquals(4, counters.emitted());
        assertEquals(2, counters.nonFinite());
        assertEquals(0, counters.analysisFailures());
        for (SnapshotAnalysis bad : List.of(out.get(1).analysis(), out.get(2).analysis())) {
            assertTrue(Double.isNaN(bad.tcMelt()) && Double.isNaN(bad.tSg()) && bad.phase() == null);
            assertEquals("1 weights or biases are NaN or infinite", bad.reasons().get("tc_melt"));
            assertEquals("1 weights or biases are NaN or infinite", bad.reasons().get("views"));
            assertNull(bad.views().landscape(), "no landscape of a non-finite network");
            assertTrue(bad.views().kernels().isEmpty() && bad.views().freezing().isEmpty());
        }
        SnapshotAnalysis after = out.get(3).analysis();
        assertTrue(Double.isFinite(after.tcMelt()));
        assertTrue(Double.isFinite(after.outliersJ()), "step 0 is a finite reference");
        assertEquals("the previous snapshot (step 2) has NaN or infinite weights",
                after.reasons().get("layer_self_overlap_previous"));
        for (FreezingLayer f : after.views().freezing()) {
            assertTrue(Double.isNaN(f.spinOverlapPrevious()) && Double.isNaN(f.weightOverlapPrevious()), f.toString());
            assertTrue(Double.isFinite(f.spinOverlapFirst()) && Double.isFinite(f.replicaSpinOverlap()), f.toString());
        }
        for (KernelLayer k : after.views().kernels()) {
            assertTrue(Double.isFinite(k.change()) && Double.isFinite(k.alignment()), k.toString());
        }
        assertNotNull(after.views().landscape(), "the landscape is sampled on every snapshot here");
        double acceptance = after.views().landscape().points().get(0).acceptance();
        assertTrue(acceptance > 0 && acceptance <= 1, "the sampler ran on the finite network: " + acceptance);
    }

    @Test
    void aNonFiniteFirstSnapshotIsNoReferenceAndSaysSo() {
        StreamCounters counters = new StreamCounters();
        List<AnalysisOutcome> out = run(counters, poisoned(network(0), 1, Double.NaN), network(1), network(2));
        assertEquals(3, out.size());
        assertEquals(1, counters.nonFinite());
        assertTrue(out.stream().allMatch(o -> o.error() == null));
        String why = "the run's t = 0 snapshot has NaN or infinite weights";
        for (AnalysisOutcome o : out.subList(1, 3)) {
            SnapshotAnalysis a = o.analysis();
            assertTrue(Double.isFinite(a.tcMelt()) && Double.isFinite(a.tSg()), "the spin model needs no reference");
            assertTrue(Double.isNaN(a.outliersJ()), "not 0 above a NaN edge: " + a.outliersJ());
            assertEquals(why + " to fix the bulk edge", a.reasons().get("outliers_j"));
            assertTrue(Double.isNaN(a.tcMeltOverInit()));
            assertEquals(why, a.reasons().get("tc_melt_over_init"));
            assertTrue(a.layers().stream().allMatch(l -> Double.isNaN(l.relChangeFromInit())));
            assertEquals(why, a.reasons().get("layer_kernel_change"));
            assertTrue(a.views().kernels().stream().allMatch(k -> Double.isNaN(k.change())
                    && Double.isFinite(k.alignment())));
            assertEquals(why, a.reasons().get("layer_self_overlap_first"));
            assertTrue(a.views().freezing().stream().allMatch(f -> Double.isNaN(f.spinOverlapFirst())));
        }
        assertFalse(out.get(2).analysis().reasons().containsKey("layer_self_overlap_previous"));
        assertTrue(out.get(2).analysis().views().freezing().stream()
                .allMatch(f -> Double.isFinite(f.spinOverlapPrevious())));
    }
}
