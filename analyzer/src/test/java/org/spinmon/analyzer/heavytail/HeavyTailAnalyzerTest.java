package org.spinmon.analyzer.heavytail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;

class HeavyTailAnalyzerTest {

    private static Snapshot snapshot(long step, double epoch, int... widths) {
        Layer[] layers = new Layer[widths.length - 1];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = Layer.of(String.valueOf(l), "relu", widths[l], widths[l + 1],
                    MpFitterTest.gaussian(widths[l], widths[l + 1], 1 / Math.sqrt(widths[l]), 10 + l));
        }
        return new Snapshot("run", step, epoch, Double.NaN, Double.NaN, Instant.EPOCH, List.of(layers));
    }

    @Test
    void theLayerFilterKeepsTheTenUnitOutputAndSkipsSmallerOnes() {
        HeavyTailAnalysis a = new HeavyTailAnalyzer(HeavyTailSettings.DEFAULT).analyze(snapshot(5, 0.1, 120, 60, 10, 5));
        assertEquals(List.of(1, 2), a.layers().stream().map(HeavyTailLayer::index).toList());
        assertEquals("M = 5 eigenvalues < min_evals = 10", a.skipped().get(3));
        assertFalse(a.randomized());
        assertNull(a.layers().get(0).randomization());
        assertNotNull(a.layers().get(0).mp());
    }

    @Test
    void maxEvalsAndMaxNSkipLayers() {
        HeavyTailSettings s = new HeavyTailSettings(true, 10, 50, 100, true, 0, 1);
        HeavyTailAnalysis a = new HeavyTailAnalyzer(s).analyze(snapshot(5, 0.1, 120, 60, 30, 20));
        assertEquals("M = 60 eigenvalues > max_evals = 50", a.skipped().get(1));
        assertEquals(List.of(2, 3), a.layers().stream().map(HeavyTailLayer::index).toList());
        HeavyTailAnalysis b = new HeavyTailAnalyzer(s).analyze(snapshot(5, 0.1, 30, 120, 20));
        assertEquals("N = 120 > max_N = 100", b.skipped().get(1));
    }

    @Test
    void rowsAreTheirPartsAndTheSummaryIsThePlainMean() {
        Snapshot snap = snapshot(0, 0, 200, 80, 10);
        HeavyTailAnalysis a = new HeavyTailAnalyzer(HeavyTailSettings.DEFAULT).analyze(snap);
        assertTrue(a.randomized(), "step 0 is randomised");
        HeavyTailLayer first = a.layers().get(0);
        Layer layer = snap.layers().get(0);
        Esd esd = Esd.of(layer.weights(), 200, 80);
        assertEquals(TailFitter.fit(esd.eigenvalues()), first.fit());
        assertEquals(NormMetrics.of(esd, first.fit().alpha()), first.norms());
        assertEquals(MpFitter.fit(esd.eigenvalues(), 200, 80), first.mp());
        assertEquals(Randomizer.randomize(layer.weights(), 200, 80, esd,
                HeavyTailSettings.DEFAULT.permutationSeed(0, 1)), first.randomization());
        assertEquals(200, first.n());
        assertEquals(80, first.m());
        assertEquals(esd.svMax(), first.svMax());
        double meanAlpha = (a.layers().get(0).fit().alpha() + a.layers().get(1).fit().alpha()) / 2;
        assertEquals(meanAlpha, a.summary().alpha(), 1e-15);
        double meanRank = (a.layers().get(0).norms().stableRank() + a.layers().get(1).norms().stableRank()) / 2;
        assertEquals(meanRank, a.summary().stableRank(), 1e-15);
        assertEquals(a.layers().stream().filter(l -> l.fit().failed()).count(), a.failedFits());
    }

    @Test
    void randomisationCadenceIsARuleOnStepAndEpoch() {
        HeavyTailSettings s = HeavyTailSettings.DEFAULT.withRandomizeEvery(100);
        assertTrue(s.randomizes(0, 0));
        assertTrue(s.randomizes(300, 0.3));
        assertTrue(s.randomizes(938, 1.0), "an epoch end");
        assertFalse(s.randomizes(64, 0.07));
        assertFalse(s.withRandomizeEvery(0).randomizes(0, 0), "0 = never");
        assertTrue(s.permutationSeed(5, 1) != s.permutationSeed(5, 2));
        assertTrue(s.permutationSeed(5, 1) != s.permutationSeed(6, 1));
        assertEquals(s.permutationSeed(5, 1), s.permutationSeed(5, 1));
    }

    @Test
    void withoutTheMpFitTheMpColumnsAreAbsent() {
        HeavyTailAnalysis a = new HeavyTailAnalyzer(HeavyTailSettings.DEFAULT.withMpFit(false))
                .analyze(snapshot(3, 0.1, 100, 40));
        assertNull(a.layers().get(0).mp());
        assertTrue(Double.isNaN(a.summary().mpSoftrank()));
    }
}
