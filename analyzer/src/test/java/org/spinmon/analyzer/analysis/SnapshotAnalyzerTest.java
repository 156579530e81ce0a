package org.spinmon.analyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.powerlaw.PowerLaw;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.spin.SpinLayout;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.analyzer.testing.SnapshotFixtures;

class SnapshotAnalyzerTest {

    private static final SnapshotAnalyzer ANALYZER = new SnapshotAnalyzer(SpinModelConfig.DEFAULT);

    @Test
    void aRandomInitIsAGlassAtTheLayeredSkTemperature() {
        Snapshot init = SnapshotFixtures.xavier("r", 0, 21, 784, 128, 64, 32, 10);
        SnapshotAnalysis a = ANALYZER.analyze(init, Optional.empty());
        assertEquals(Phase.GLASS, a.phase());
        assertEquals(a.tSg(), a.tcMelt(), 0, "tc_melt = T_SG in a glass");
        assertEquals(a.tcInitTheory(), a.tcMelt(), 0.03 * a.tcInitTheory(), "V10 at t = 0");
        assertEquals(5, a.lambdaJ().length);
        assertEquals(a.lambdaMaxJ(), a.lambdaJ()[0], 0);
        assertTrue(a.lambdaMaxJ() / a.tSg() > 1.9, "λ_max(J) is about twice T_c");
        assertEquals(List.of(0, 1, 2, 3, 4), java.util.Arrays.stream(a.spinLayers()).boxed().toList());
        assertArrayEquals(new int[]{784, 128, 64, 32, 10}, a.spinLayerSizes());
        assertEquals(4, a.layers().size());
        assertEquals(0, a.tap().get(0).states(), "no physical TAP state in a glass");
        assertTrue(Double.isNaN(a.outliersJ()));
        assertTrue(a.reasons().containsKey("outliers_j"));
        assertTrue(a.reasons().containsKey("tc_order"));
        assertTrue(Double.isNaN(a.vcLayerWeight()[0]));
        for (String part : new String[]{"spectrum_j", "t_sg", "hessian", "tap", "layers", "total"}) {
            assertTrue(a.timings().get(part) >= 0, part);
        }
    }

    @Test
    void theFirstSnapshotIsTheReferenceOfTheOthers() {
        Snapshot init = SymmetryTest.planted(100, 0.0, 5);
        SnapshotAnalysis a0 = ANALYZER.analyze(init, Optional.empty());
        RunReference ref = SnapshotAnalyzer.reference(init, a0);
        SnapshotAnalysis self = ANALYZER.analyze(init, Optional.of(ref));
        assertEquals(0, self.outliersJ(), "nothing is above its own edge");
        assertEquals(0, self.layers().get(0).relChangeFromInit(), 0);
        assertEquals(1, self.tcMeltOverInit(), 1e-12);
        SnapshotAnalysis once = ANALYZER.analyzeAsReference(init);
        assertEquals(self.outliersJ(), once.outliersJ());
        assertEquals(self.tcMeltOverInit(), once.tcMeltOverInit(), 0);
        assertEquals(self.tcMelt(), once.tcMelt(), 0);
        assertEquals(0, once.layers().get(2).updateSpectralNorm(), 0);
        assertEquals(ref, SnapshotAnalyzer.reference(init, once));

        Snapshot trained = SymmetryTest.planted(100, 3.0, 5);
        SnapshotAnalysis a = ANALYZER.analyze(trained, Optional.of(ref));
        assertEquals(Phase.HIDDEN_ORDER, a.phase());
        assertTrue(a.outliersJ() >= 1, "the planted pattern is an outlier of J");
        assertTrue(a.layers().get(1).relChangeFromInit() > 0);
        assertTrue(a.tcMeltOverInit() > 1.5, "order melts well above the initial glass: " + a.tcMeltOverInit());
        assertEquals(1, java.util.Arrays.stream(a.vcLayerWeight()).sum(), 1e-9);
        assertTrue(a.vcOverlapTopJ() > 0.9, "the order lives on J's top eigenvector: " + a.vcOverlapTopJ());
        assertEquals(1, a.tap().get(0).states());
        assertTrue(a.phaseMargin() > 0.02);
    }

    @Test
    void nonFiniteWeightsGiveNanWithTheReason() {
        Snapshot bad = new Snapshot("r", 5, 0, Double.NaN, Double.NaN, Instant.EPOCH,
                List.of(Layer.of("0", "relu", 2, 2, new double[]{1, Double.NaN, 0, 1}),
                        Layer.of("1", "relu", 2, 1, new double[]{1, 1})));
        SnapshotAnalysis a = ANALYZER.analyze(bad, Optional.empty());
        assertTrue(Double.isNaN(a.tcMelt()));
        assertNull(a.phase());
        assertEquals("1 weights or biases are NaN or infinite", a.reasons().get("tc_melt"));
    }

    @Test
    void weightsWhoseSquaresLeaveFloat64GiveNanWithTheReason() {
        // Found by fuzzing: a bit flip made one F64 weight 3.7e307, and the Lanczos solver failed on J∘J.
        SnapshotAnalysis beyond = ANALYZER.analyze(planted(3.732126173074712E307), Optional.empty());
        assertTrue(Double.isNaN(beyond.tcMelt()));
        assertNull(beyond.phase());
        assertEquals("the largest |weight| or |bias| is 3.732e+307, beyond 1e+100: its square would leave the range"
                + " of float64", beyond.reasons().get("t_sg"));
        // At the limit the analysis runs, TAP and the heavy-tail metrics included.
        SnapshotAnalysis at = ANALYZER.analyze(planted(-SnapshotAnalyzer.MAX_MAGNITUDE), Optional.empty());
        assertTrue(Double.isFinite(at.tSg()) && at.tSg() > 1e99, "t_sg " + at.tSg());
        assertTrue(Double.isFinite(at.tcMelt()));
        assertEquals(1, at.tap().size());
    }

    /** A 16-12-10 network with one weight of layer 1 set to {@code w}. */
    private static Snapshot planted(double w) {
        Snapshot s = SnapshotFixtures.xavier("r", 3, 2, true, 16, 12, 10);
        Layer first = s.layers().get(0);
        double[] weights = first.weights();
        weights[5] = w;
        return new Snapshot("r", 3, 0, Double.NaN, Double.NaN, Instant.EPOCH, List.of(new Layer(first.name(),
                first.activation(), first.nIn(), first.nOut(), weights, first.bias()), s.layers().get(1)));
    }

    @Test
    void theLayoutChoosesTheSpins() {
        Snapshot s = SnapshotFixtures.xavier("r", 0, 22, 50, 40, 30, 10);
        SnapshotAnalyzer hidden = new SnapshotAnalyzer(SpinModelConfig.builder()
                .layout(new SpinLayout(false, false, false, new java.util.BitSet())).taus().build());
        SnapshotAnalysis a = hidden.analyze(s, Optional.empty());
        assertArrayEquals(new int[]{1, 2}, a.spinLayers());
        assertArrayEquals(new int[]{40, 30}, a.spinLayerSizes());
        assertTrue(a.tap().isEmpty(), "no τ, no TAP");
        java.util.BitSet dead = new java.util.BitSet();
        dead.set(0, 10);
        SnapshotAnalysis pruned = new SnapshotAnalyzer(SpinModelConfig.builder()
                .layout(new SpinLayout(true, true, false, dead)).build()).analyze(s, Optional.empty());
        assertArrayEquals(new int[]{40, 40, 30, 10}, pruned.spinLayerSizes());
    }

    @Test
    void tcSeriesFitsFromTheFirstOrderedSnapshot() {
        List<SnapshotAnalysis> run = new ArrayList<>();
        Snapshot init = SymmetryTest.planted(60, 0.0, 9);
        run.add(ANALYZER.analyze(new Snapshot("sym", 0, 0, 0, 0, Instant.EPOCH, init.layers()), Optional.empty()));
        PowerLaw none = TcSeries.fit(run, 1);
        assertTrue(none.reason().contains("hidden-order"), none.reason());
        double[] thetas = {2.0, 2.4, 2.9, 3.5};
        long step = 1;
        for (double theta : thetas) {
            Snapshot s = SymmetryTest.planted(60, theta, 9);
            run.add(ANALYZER.analyze(new Snapshot("sym", step, 0, 0, 0, Instant.EPOCH, s.layers()), Optional.empty()));
            step *= 4;
        }
        PowerLaw fit = TcSeries.fit(run, 1);
        assertEquals(4, fit.points());
        assertEquals(1, fit.firstStep());
        assertTrue(fit.exponent() > 0, "T_c grows: " + fit.exponent());
    }
}
