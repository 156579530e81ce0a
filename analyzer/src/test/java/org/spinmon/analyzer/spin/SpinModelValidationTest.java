package org.spinmon.analyzer.spin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.linalg.EigenPairs;
import org.spinmon.analyzer.linalg.Lanczos;
import org.spinmon.analyzer.linalg.Spectrum;

import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.testing.SnapshotFixtures;

/**
 * The validation cases of spin-model.md §12 that concern one coupling matrix, with the specification's
 * tolerances and fixed seeds. (V6, V10 and V11 live in their own test classes.)
 */
class SpinModelValidationTest {

    private static final Lanczos SOLVER = Lanczos.standard();
    private static final SpinModelConfig CONFIG = SpinModelConfig.DEFAULT;

    private static double lambdaMax(Couplings c) {
        return SOLVER.solve(c.operator(), 1, Spectrum.LARGEST, null).value(0);
    }

    private static OrderTemperature order(Couplings c) {
        return OrderAnalysis.orderTemperature(c, lambdaMax(c), CONFIG);
    }

    private static LayeredCouplings layered(Snapshot s) {
        return LayeredCouplings.of(s, SpinLayout.DEFAULT);
    }

    /** T_c,order ≈ [λ_1 + √(λ_1² − 4 s̄)]/2 with s̄ = v_1ᵀ diag(s) v_1 (spin-model.md §4.3). */
    private static double outlierFormula(Couplings c) {
        EigenPairs top = SOLVER.solve(c.operator(), 1, Spectrum.LARGEST, null);
        double[] v = top.vector(0);
        double[] s = c.rowSquareSums();
        double sBar = 0;
        for (int i = 0; i < v.length; i++) {
            sBar += v[i] * v[i] * s[i];
        }
        double l1 = top.value(0);
        return (l1 + Math.sqrt(l1 * l1 - 4 * sBar)) / 2;
    }

    @Nested
    @DisplayName("V1: Sherrington-Kirkpatrick is a glass at T = 1")
    class V1 {
        private final DenseCouplings sk = SpinModels.sk(1000, 0, 101);

        @Test
        void glassTemperatureIsOne() {
            assertEquals(1, GlassTemperature.of(sk, SOLVER), 0.02);
            assertEquals(1, GlassTemperature.of(SpinModels.sk(500, 0, 102), SOLVER), 0.02);
        }

        @Test
        void hessianTouchesZeroAtOneAndTheCallIsGlass() {
            OrderTemperature o = order(sk);
            assertTrue(o.tStar() >= 0.98 && o.tStar() <= 1.04, "T* = " + o.tStar());
            assertTrue(o.minLambda() >= -0.01 && o.minLambda() <= 0.08, "min λ_min = " + o.minLambda());
            double tSg = GlassTemperature.of(sk, SOLVER);
            assertTrue(Double.isNaN(o.tcOrder()) || o.tcOrder() <= 1.02 * tSg, "T_c,order = " + o.tcOrder());
        }

        @Test
        void semicircleEdgeAndPositiveDefinitenessAboveIt() {
            double lmax = lambdaMax(sk);
            assertTrue(lmax >= 1.95 && lmax <= 2.05, "λ_max = " + lmax);
            Hessian h = new Hessian(sk, sk.rowSquareSums(), SOLVER, 0);
            for (double t : new double[]{lmax * 1.0001, lmax * 1.5, lmax * 4}) {
                assertTrue(h.lambdaMin(t) > 0, "H_0 at T = " + t);
            }
        }
    }

    @Nested
    @DisplayName("V2: SK with a ferromagnetic mean orders at T_c = J0")
    class V2 {
        private final DenseCouplings ferro = SpinModels.sk(2000, 2.0, 201);

        @Test
        void crossingAtJ0AndOnTheOutlierFormula() {
            OrderTemperature o = order(ferro);
            assertEquals(2.0, o.tcOrder(), 0.1);
            assertEquals(outlierFormula(ferro), o.tcOrder(), 0.01 * o.tcOrder());
        }

        @Test
        void tapMagnetisationMatchesReplicaSymmetricTheory() {
            double[] vc = order(ferro).vc();
            // Replica-symmetric M at J0 = 2 (spin-model.md §12 V2 table), valid for T <= 0.6 J0.
            double[][] rs = {{1.2, 0.7465}};
            for (double[] row : rs) {
                TapResult r = OrderAnalysis.tap(ferro, row[0] / 2.0, row[0], vc, CONFIG, SOLVER);
                assertEquals(1, r.states(), "one ±m pair");
                double[] m = r.distinct().get(0).m();
                double magnetisation = Math.abs(java.util.Arrays.stream(m).average().orElseThrow());
                assertEquals(row[1], magnetisation, 0.05 * row[1], "M at T = " + row[0]);
            }
        }
    }

    @Nested
    @DisplayName("V3: layered SK with equal widths, C = 1")
    class V3 {
        private double target(int l) {
            return Math.sqrt(2 * Math.cos(Math.PI / (l + 2)));
        }

        private int[] widths(int l, int n) {
            int[] w = new int[l + 1];
            java.util.Arrays.fill(w, n);
            return w;
        }

        @Test
        void glassTemperatureWithinOnePercent() {
            int[][] cases = {{1, 500}, {3, 250}, {3, 500}, {6, 200}};
            for (int[] c : cases) {
                Snapshot s = SpinModels.gaussian(300 + c[0] * 7L + c[1], SpinModels.ONE_OVER_N, widths(c[0], c[1]));
                double tSg = GlassTemperature.of(layered(s), SOLVER);
                assertEquals(target(c[0]), tSg, 0.01 * target(c[0]), "L = " + c[0] + ", N = " + c[1]);
            }
        }

        @Test
        void tStarWithinPlusFourMinusTwoPercent() {
            Snapshot s = SpinModels.gaussian(311, SpinModels.ONE_OVER_N, widths(3, 500));
            double tStar = order(layered(s)).tStar();
            double rel = tStar / target(3) - 1;
            assertTrue(rel <= 0.04 && rel >= -0.02, "T* = " + tStar + " vs " + target(3));
        }

        @Test
        void theoryMatchesTheClosedForm() {
            for (int l = 1; l <= 8; l++) {
                int[] w = widths(l, 100);
                double[] v = new double[l];
                java.util.Arrays.fill(v, 1.0 / 100);
                assertEquals(target(l), LayeredSkTheory.criticalTemperature(w, v), 1e-12, "L = " + l);
            }
        }
    }

    @Nested
    @DisplayName("V4: layered SK with unequal widths")
    class V4 {
        @Test
        void xavierGaussianWithinTwoPercentAndTStarWithinThree() {
            Snapshot s = SpinModels.gaussian(401, SpinModels.XAVIER, 784, 256, 128, 64, 10);
            LayeredCouplings c = layered(s);
            assertEquals(1.2438, LayeredSkTheory.criticalTemperature(new int[]{784, 256, 128, 64, 10},
                    new double[]{2.0 / 1040, 2.0 / 384, 2.0 / 192, 2.0 / 74}), 1e-4);
            assertEquals(1.2438, GlassTemperature.of(c, SOLVER), 0.02 * 1.2438);
            assertEquals(1.2438, order(c).tStar(), 0.03 * 1.2438);
        }

        @Test
        void pytorchUniformWithinOnePercent() {
            Snapshot s = SpinModels.pytorchUniform(402, 800, 400, 200, 100);
            LayeredCouplings c = layered(s);
            assertEquals(0.6176, GlassTemperature.of(c, SOLVER), 0.01 * 0.6176);
            assertEquals(0.6176, order(c).tStar(), 0.03 * 0.6176);
            Snapshot mnistShaped = SpinModels.pytorchUniform(403, 784, 256, 128, 64, 10);
            assertEquals(0.6103, GlassTemperature.of(layered(mnistShaped), SOLVER), 0.01 * 0.6103);
        }

        @Test
        void theoryTable() {
            double[][] cases = {{784, 512, 256, 128, 10, 1.2516}, {784, 100, 100, 100, 10, 1.2403},
                    {64, 64, 64, 64, 10, 1.2899}};
            for (double[] c : cases) {
                int[] w = {(int) c[0], (int) c[1], (int) c[2], (int) c[3], (int) c[4]};
                double[] v = new double[4];
                for (int l = 0; l < 4; l++) {
                    v[l] = 2.0 / (w[l] + w[l + 1]);
                }
                assertEquals(c[5], LayeredSkTheory.criticalTemperature(w, v), 1e-4);
            }
            assertEquals(0.92819, LayeredSkTheory.criticalTemperature(new int[]{784, 256}, new double[]{2.0 / 1040}),
                    1e-5);
        }
    }

    @Nested
    @DisplayName("V5: spectral edges")
    class V5 {
        @Test
        void layeredBulkEdgeAndTheNaiveMeanFieldRatio() {
            Snapshot s = SpinModels.gaussian(501, SpinModels.ONE_OVER_N, 600, 600, 600, 600);
            LayeredCouplings c = layered(s);
            double lmax = lambdaMax(c);
            assertEquals(2.598, lmax, 0.02 * 2.598);
            double ratio = lmax / GlassTemperature.of(c, SOLVER);
            assertTrue(ratio >= 1.98 && ratio <= 2.06, "λ_max / T_c = " + ratio);
        }

        @Test
        void spectrumOfALayeredJIsSymmetric() {
            Snapshot s = SpinModels.gaussian(502, SpinModels.XAVIER, 50, 40, 30, 10);
            LayeredCouplings c = layered(s);
            double top = SOLVER.solve(c.operator(), 3, Spectrum.LARGEST, null).value(2);
            double bottom = SOLVER.solve(c.operator(), 3, Spectrum.SMALLEST, null).value(2);
            assertEquals(0, top + bottom, 1e-10 * top);
        }
    }

    @Nested
    @DisplayName("V7, V8: planted hidden order")
    class V8 {
        @Test
        void subThresholdPlantIsAGlass() {
            LayeredCouplings c = layered(SpinModels.planted(300, 0.8, 801));
            OrderTemperature o = order(c);
            double tSg = GlassTemperature.of(c, SOLVER);
            assertTrue(Double.isNaN(o.tcOrder()) || o.tcOrder() <= 1.02 * tSg, "T_c,order = " + o.tcOrder());
            assertEquals(1.292, o.tStar(), 0.03 * 1.292);
        }

        @Test
        void strongPlantsOrderOnTheOutlierFormula() {
            for (double theta : new double[]{2.0, 3.0}) {
                LayeredCouplings c = layered(SpinModels.planted(300, theta, 802));
                OrderTemperature o = order(c);
                assertEquals(outlierFormula(c), o.tcOrder(), 0.01 * o.tcOrder(), "θ = " + theta);
                assertTrue(o.tcOrder() > 1.02 * GlassTemperature.of(c, SOLVER), "hidden order at θ = " + theta);
            }
        }

        @Test
        void tapFindsOnePairBelowTcAndNothingAbove() {
            LayeredCouplings c = layered(SpinModels.planted(300, 1.2, 803));
            OrderTemperature o = order(c);
            assertFalse(Double.isNaN(o.tcOrder()));
            double[] u = concat(SpinModels.plantedPattern(300, 803));
            for (double tau : new double[]{0.9, 0.8}) {
                TapResult r = OrderAnalysis.tap(c, tau, tau * o.tcOrder(), o.vc(), CONFIG, SOLVER);
                assertEquals(1, r.states(), "one state (a ±m pair) at " + tau + "·T_c");
                assertEquals(1.0, r.convergedRatio(), 1e-12, "every start converges at " + tau + "·T_c");
                for (TapState state : r.converged()) {
                    assertTrue(state.residual() < 1e-8, "V7 residual " + state.residual());
                    if (state.physical()) {
                        assertTrue(state.plefkaX() > 0, "V7 physical ⇒ x_P > 0");
                    }
                }
                double overlap = TapSolver.cosine(r.distinct().get(0).m(), u);
                assertTrue(overlap > 0.6, "overlap with the plant " + overlap);
            }
            TapResult above = OrderAnalysis.tap(c, 1.05, 1.05 * o.tcOrder(), o.vc(), CONFIG, SOLVER);
            assertEquals(0, above.states());
            for (TapState state : above.converged()) {
                assertTrue(state.q() < 1e-6, "q above T_c: " + state.q());
            }
        }

        private double[] concat(double[][] parts) {
            int n = 0;
            for (double[] p : parts) {
                n += p.length;
            }
            double[] all = new double[n];
            int at = 0;
            for (double[] p : parts) {
                System.arraycopy(p, 0, all, at, p.length);
                at += p.length;
            }
            return all;
        }
    }

    @Nested
    @DisplayName("V9: a glass is never reported as order")
    class V9 {
        @Test
        void skBelowTcHasNoPhysicalTapStateAndMZeroViolatesPlefka() {
            DenseCouplings sk = SpinModels.sk(400, 0, 901);
            double tSg = GlassTemperature.of(sk, SOLVER);
            OrderTemperature o = order(sk);
            assertTrue(Double.isNaN(o.tcOrder()) || o.tcOrder() <= 1.02 * tSg, "phase must be glass");
            for (double t : new double[]{0.5, 0.7}) {
                TapResult r = OrderAnalysis.tap(sk, t / tSg, t, null, CONFIG, SOLVER);
                assertEquals(0, r.states(), "no physical state at T = " + t);
                for (TapState state : r.converged()) {
                    if (state.q() < 1e-12) {
                        assertEquals(1 - tSg * tSg / (t * t), state.plefkaX(), 1e-6, "x_P(m = 0) at T = " + t);
                        assertTrue(state.plefkaX() < 0);
                    }
                }
            }
            double xp = GlassTemperature.plefka(sk, new double[sk.size()], 1 / 0.5, SOLVER);
            assertEquals(1 - tSg * tSg / 0.25, xp, 1e-8);
        }

        @Test
        void aRandomInitNetworkCollapsesOntoTheParamagnetExactly() {
            LayeredCouplings net = LayeredCouplings.of(SnapshotFixtures.xavier("r", 0, 1, 784, 256, 128, 64, 10),
                    SpinLayout.DEFAULT);
            double tSg = GlassTemperature.of(net, SOLVER);
            TapResult r = OrderAnalysis.tap(net, 0.9, 0.9 * tSg, null, CONFIG, SOLVER);
            assertEquals(0, r.states());
            assertTrue(r.converged().size() > 0, "the damped iteration is attracted to m = 0 in a glass");
            for (TapState state : r.converged()) {
                // The collapse test ends the start with m = 0 exactly, not with an m of order tol.
                assertEquals(0.0, state.q(), 0.0);
                assertEquals(1 - tSg * tSg / (0.81 * tSg * tSg), state.plefkaX(), 1e-6);
            }
        }
    }

}
