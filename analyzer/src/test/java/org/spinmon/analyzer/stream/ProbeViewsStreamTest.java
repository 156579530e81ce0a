package org.spinmon.analyzer.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.analysis.ProbeViews;
import org.spinmon.analyzer.analysis.SnapshotAnalysis;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.freezing.FreezingLayer;
import org.spinmon.analyzer.heavytail.HeavyTailSettings;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.analyzer.testing.SnapshotFixtures;
import reactor.core.publisher.Flux;

/** The kernel and freezing views through the stream, as live runs and replay compute them. */
class ProbeViewsStreamTest {

    private static final SpinModelConfig FAST = SpinModelConfig.builder().nScan(20).taus(new double[0]).build();

    private static SnapshotAnalyzer analyzer(boolean probe) {
        return SnapshotAnalyzer.builder(FAST).heavyTail(HeavyTailSettings.DEFAULT.withEnabled(false))
                .probe(probe ? SnapshotFixtures.probe(32, 20, 4, 3) : null).build();
    }

    private static List<SnapshotAnalysis> run(SnapshotAnalyzer analyzer, Flux<Snapshot> snapshots) {
        return AnalysisStream.builder(analyzer).build().apply(snapshots).map(o -> o.analysis())
                .collectList().block(Duration.ofMinutes(1));
    }

    private static Snapshot at(long step, Snapshot weights) {
        return new Snapshot("v", step, 0, 0, Double.NaN, Instant.EPOCH, weights.layers(), weights.replicas());
    }

    @Test
    void aFrozenNetworkBecomesSolidAfterTheWindowAndItsKernelDoesNotMove() {
        Snapshot w = SnapshotFixtures.xavier("v", 0, 1, 20, 16, 8, 4);
        List<SnapshotAnalysis> out = run(analyzer(true), Flux.range(0, 5).map(i -> at(i == 0 ? 0 : 1L << i, w)));
        ProbeViews first = out.get(0).views();
        assertTrue(Double.isNaN(first.freezing().get(0).spinOverlapPrevious()));
        assertTrue(out.get(0).reasons().containsKey("layer_self_overlap_previous"));
        assertEquals(2, first.kernels().size(), "hidden layers 1 and 2; the output layer has no kernel view");
        assertEquals(3, first.freezing().size(), "every layer has a freezing profile");
        for (SnapshotAnalysis a : out.subList(1, 5)) {
            for (FreezingLayer f : a.views().freezing()) {
                assertEquals(1, f.spinOverlapPrevious(), 0);
                assertEquals(1, f.spinOverlapFirst(), 0);
                assertEquals(1, f.weightOverlapPrevious(), 1e-12);
            }
            a.views().kernels().forEach(k -> assertEquals(0, k.change(), 0));
        }
        // Overlaps are known from the second snapshot on; the window of 3 fills at the fourth.
        assertEquals(List.of(Double.NaN, Double.NaN, Double.NaN, 1.0, 1.0),
                out.stream().map(a -> a.views().freezing().get(0).solid()).toList());
        assertEquals(1, out.get(4).views().solidFraction());
        assertTrue(Double.isNaN(out.get(2).views().solidFraction()));
    }

    @Test
    void aMovingNetworkStaysLiquidAndItsKernelChanges() {
        List<SnapshotAnalysis> out = run(analyzer(true), Flux.range(0, 5)
                .map(i -> at(i, SnapshotFixtures.xavier("v", 0, 10 + i, 20, 16, 8, 4))));
        for (SnapshotAnalysis a : out.subList(1, 5)) {
            FreezingLayer layer1 = a.views().freezing().get(0);
            assertTrue(layer1.spinOverlapPrevious() < 0.9, "independent weights: " + layer1.spinOverlapPrevious());
            assertTrue(a.views().kernels().get(0).change() > 0.05);
        }
        assertEquals(0.0, out.get(4).views().freezing().get(0).solid());
    }

    @Test
    void replicasAreComparedPairwise() {
        Snapshot a = SnapshotFixtures.xavier("v", 0, 1, 20, 16, 8, 4);
        Snapshot b = SnapshotFixtures.xavier("v", 0, 2, 20, 16, 8, 4);
        Snapshot same = new Snapshot("v", 0, 0, 0, Double.NaN, Instant.EPOCH, a.layers(), List.of(a.layers()));
        Snapshot two = new Snapshot("v", 1, 0, 0, Double.NaN, Instant.EPOCH, a.layers(), List.of(b.layers(), a.layers()));
        List<SnapshotAnalysis> out = run(analyzer(true), Flux.just(same, two));
        FreezingLayer identical = out.get(0).views().freezing().get(1);
        assertEquals(1, identical.replicaWeightOverlap(), 1e-12);
        assertEquals(1, identical.replicaSpinOverlap(), 0);
        // Three replicas a, b, a: pairs (a,b), (a,a), (b,a): the mean is (2·q_ab + 1)/3.
        FreezingLayer mixed = out.get(1).views().freezing().get(1);
        double qab = org.spinmon.analyzer.freezing.Overlaps.weight(a.layers().get(1), b.layers().get(1));
        assertEquals((2 * qab + 1) / 3, mixed.replicaWeightOverlap(), 1e-12);
        assertTrue(mixed.replicaSpinOverlap() < 1);
    }

    @Test
    void withoutAProbeBatchOnlyTheWeightOverlapsAreComputed() {
        Snapshot w = SnapshotFixtures.xavier("v", 0, 1, 20, 16, 8, 4);
        List<SnapshotAnalysis> out = run(analyzer(false), Flux.just(at(0, w), at(1, w)));
        SnapshotAnalysis a = out.get(1);
        assertTrue(a.views().kernels().isEmpty());
        assertTrue(a.reasons().get("views").contains("no probe batch"), a.reasons().toString());
        assertEquals(1, a.views().freezing().get(0).weightOverlapPrevious(), 1e-12);
        assertTrue(Double.isNaN(a.views().freezing().get(0).spinOverlapPrevious()));
    }

    @Test
    void anUnknownActivationLeavesTheViewsOutWithTheReasonAndTheSpinModelIntact() {
        Snapshot w = SnapshotFixtures.xavier("v", 0, 1, 20, 16, 4);
        Snapshot odd = new Snapshot("v", 0, 0, 0, Double.NaN, Instant.EPOCH, List.of(
                Layer.of("0", "gelu", 20, 16, w.layers().get(0).weights()), w.layers().get(1)));
        SnapshotAnalysis a = run(analyzer(true), Flux.just(odd)).get(0);
        assertEquals(ProbeViews.NONE, a.views());
        assertTrue(a.reasons().get("views").contains("unknown activation \"gelu\""), a.reasons().toString());
        assertTrue(a.tSg() > 0);
    }
}
