package org.spinmon.analyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.spin.SpinModelConfig;

/**
 * V6 (spin-model.md §12): exact symmetries of the spin model, checked on a planted-order network so that
 * every metric, T_c,order and the TAP state included, is defined.
 *
 * <p>Scaling by a power of two is exact in floating point, so every metric scales to machine precision. A
 * general factor, a gauge flip and a permutation change the rounding and the random start vectors' view of
 * the problem, so there the metrics agree to the solvers' own precision: 1e-9 for eigenvalues and T_SG,
 * 1e-6 for T_c,order (root bracket 1e-7), 1e-4 for T* (golden-section width 1e-5 in β on a flat minimum).
 */
class SymmetryTest {

    private static final SnapshotAnalyzer ANALYZER = new SnapshotAnalyzer(SpinModelConfig.builder().tapStarts(4).build());
    private static Snapshot base;
    private static SnapshotAnalysis reference;

    @BeforeAll
    static void analyseTheBase() {
        base = planted(120, 2.5, 61);
        reference = ANALYZER.analyze(base, Optional.empty());
        assertEquals(Phase.HIDDEN_ORDER, reference.phase());
    }

    static Snapshot planted(int n, double theta, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[][] u = new double[4][n];
        for (double[] layer : u) {
            for (int i = 0; i < n; i++) {
                layer[i] = r.nextBoolean() ? 1 : -1;
            }
        }
        List<Layer> layers = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            double[] g = org.spinmon.analyzer.linalg.Vectors.gaussian(n * n, r);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    g[i * n + j] = g[i * n + j] / Math.sqrt(n) + theta / n * u[k - 1][i] * u[k][j];
                }
            }
            layers.add(Layer.of("l" + k, "relu", n, n, g));
        }
        return new Snapshot("sym", 10, 1, 0.5, 0.9, java.time.Instant.EPOCH, layers);
    }

    private static Snapshot transform(Snapshot s, UnaryOperator<List<Layer>> f) {
        return new Snapshot(s.runId(), s.step(), s.epoch(), s.loss(), s.accuracy(), s.time(), f.apply(s.layers()));
    }

    private static Layer scaled(Layer l, double a) {
        double[] w = l.weights();
        for (int i = 0; i < w.length; i++) {
            w[i] *= a;
        }
        return Layer.of(l.name(), l.activation(), l.nIn(), l.nOut(), w);
    }

    private static void assertScaled(SnapshotAnalysis expected, SnapshotAnalysis actual, double a, double eig,
                                     double tc, double tStar) {
        assertEquals(a * expected.tSg(), actual.tSg(), eig * a * expected.tSg(), "T_SG");
        assertEquals(a * expected.lambdaMaxJ(), actual.lambdaMaxJ(), eig * a * expected.lambdaMaxJ(), "λ_max");
        for (int i = 0; i < expected.lambdaJ().length; i++) {
            assertEquals(a * expected.lambdaJ()[i], actual.lambdaJ()[i], eig * a * expected.lambdaMaxJ(), "λ_" + i);
        }
        assertEquals(a * expected.tcOrder(), actual.tcOrder(), tc * a * expected.tcOrder(), "T_c,order");
        assertEquals(a * expected.tStar(), actual.tStar(), tStar * a * expected.tStar(), "T*");
        assertEquals(expected.h0LambdaMin(), actual.h0LambdaMin(), Math.max(tStar, 1e-9), "min λ_min");
        assertEquals(expected.phase(), actual.phase());
        assertEquals(expected.tap().get(0).states(), actual.tap().get(0).states());
        assertEquals(a * expected.layers().get(1).sigmaMax(), actual.layers().get(1).sigmaMax(),
                eig * a * expected.layers().get(1).sigmaMax(), "σ_max");
        assertEquals(expected.layers().get(1).stableRank(), actual.layers().get(1).stableRank(), 1e-9, "stable rank");
        assertEquals(expected.layers().get(1).hillAlpha(), actual.layers().get(1).hillAlpha(), 1e-9, "Hill α");
        assertArrayEquals(expected.vcLayerWeight(), actual.vcLayerWeight(), Math.max(tc, 1e-9) * 100, "v_c weights");
    }

    @Test
    void scalingByAPowerOfTwoIsExact() {
        SnapshotAnalysis doubled = ANALYZER.analyze(transform(base, ls -> ls.stream().map(l -> scaled(l, 2)).toList()),
                Optional.empty());
        assertScaled(reference, doubled, 2, 1e-12, 1e-12, 1e-12);
        assertEquals(reference.tcMeltOverRmsWeight(), doubled.tcMeltOverRmsWeight(), 1e-12);
    }

    @Test
    void scalingByAnyFactorWithinSolverPrecision() {
        double a = 1.7;
        SnapshotAnalysis s = ANALYZER.analyze(transform(base, ls -> ls.stream().map(l -> scaled(l, a)).toList()),
                Optional.empty());
        assertScaled(reference, s, a, 1e-9, 1e-6, 1e-4);
    }

    @Test
    void flippingTheSpinsOfAHiddenLayerChangesNothing() {
        // Negate W^(2) and W^(3), the two matrices adjacent to spin layer 2: a gauge transformation.
        SnapshotAnalysis s = ANALYZER.analyze(transform(base, ls -> List.of(ls.get(0), scaled(ls.get(1), -1),
                scaled(ls.get(2), -1))), Optional.empty());
        assertScaled(reference, s, 1, 1e-9, 1e-6, 1e-4);
    }

    @Test
    void permutingTheNeuronsOfAHiddenLayerChangesNothing() {
        int n = base.layers().get(0).nOut();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = (i * 7 + 3) % n;
        }
        SnapshotAnalysis s = ANALYZER.analyze(transform(base, ls -> {
            Layer a = ls.get(0);
            Layer b = ls.get(1);
            double[] wa = a.weights();
            double[] wb = b.weights();
            double[] pa = new double[wa.length];
            double[] pb = new double[wb.length];
            for (int i = 0; i < a.nIn(); i++) {
                for (int j = 0; j < n; j++) {
                    pa[i * n + perm[j]] = wa[i * n + j];
                }
            }
            for (int j = 0; j < n; j++) {
                System.arraycopy(wb, j * b.nOut(), pb, perm[j] * b.nOut(), b.nOut());
            }
            return List.of(Layer.of(a.name(), a.activation(), a.nIn(), n, pa),
                    Layer.of(b.name(), b.activation(), n, b.nOut(), pb), ls.get(2));
        }), Optional.empty());
        assertScaled(reference, s, 1, 1e-9, 1e-6, 1e-4);
    }
}
