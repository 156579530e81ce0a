package org.spinmon.analyzer.heavytail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.linalg.Lanczos;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.spectral.LayerSpectra;

class TailFitterTest {

    private static double[] pareto(double alpha, double xmin, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xmin * Math.pow(1 - r.nextDouble(), -1 / (alpha - 1));
        }
        return x;
    }

    @Test
    void candidatesOfAHandComputableList() {
        // x = 1, 2, 4. i = 0: k = 3, Σ ln(x_j/1) = 3 ln 2, α = 1 + 1/ln 2; the CDF of x/1 at 2 and 4 is
        // 1 − e^{−1} and 1 − e^{−2}. i = 1: k = 2, α = 1 + 2/ln 2, CDF at 4/2 is 1 − e^{−2}.
        TailFitter.Candidates c = TailFitter.candidates(new double[]{1, 2, 4});
        double ln2 = Math.log(2);
        assertArrayEquals(new double[]{1 + 1 / ln2, 1 + 2 / ln2}, c.alphas(), 1e-14);
        double d0 = Math.max(Math.abs(1 - Math.exp(-1) - 1.0 / 3), Math.abs(1 - Math.exp(-2) - 2.0 / 3));
        double d1 = Math.abs(1 - Math.exp(-2) - 0.5);
        assertArrayEquals(new double[]{d0, d1}, c.ds(), 1e-14);
        assertEquals(0.2987872254952, d0, 1e-12);
    }

    @Test
    void theFitTakesTheFirstSmallestKsDistance() {
        // Ten points: 1, 2, 4 then seven that make every later candidate worse than i = 0 would be hard to
        // set by hand, so compare with the candidate scan directly: argmin and the derived columns.
        double[] x = {0.5, 1, 1.5, 2, 3, 5, 8, 13, 21, 34};
        TailFitter.Candidates c = TailFitter.candidates(x);
        int best = 0;
        for (int i = 1; i < c.ds().length; i++) {
            if (c.ds()[i] < c.ds()[best]) {
                best = i;
            }
        }
        PowerLawTail fit = TailFitter.fit(x);
        assertEquals(c.alphas()[best], fit.alpha(), 0);
        assertEquals(x[best], fit.xmin(), 0);
        assertEquals(c.ds()[best], fit.d(), 0);
        assertEquals((fit.alpha() - 1) / Math.sqrt(x.length - best), fit.sigma(), 1e-15);
        assertEquals(x.length - best, fit.numPlSpikes());
        assertEquals(34, fit.xmax(), 0);
        assertEquals(PowerLawTail.Status.SUCCESS, fit.status());
    }

    @Test
    void argminIsNumpys() {
        assertEquals(1, TailFitter.argmin(new double[]{3, 1, 1, 2}));
        assertEquals(2, TailFitter.argmin(new double[]{3, 1, Double.NaN, 0}));
    }

    @Test
    void paretoSamplesGiveTheirExponent() {
        for (double alpha : new double[]{2.5, 3.5, 4.5}) {
            PowerLawTail fit = TailFitter.fit(pareto(alpha, 0.7, 3000, 42));
            assertEquals(alpha, fit.alpha(), 3 * fit.sigma() + 0.02, "alpha " + alpha + ": " + fit);
            assertTrue(fit.sigma() < 0.1, fit.toString());
            assertEquals(PowerLawTail.Warning.NONE, fit.warning());
        }
    }

    @Test
    void extremeExponentsCarryTheTrainingWarnings() {
        assertEquals(PowerLawTail.Warning.OVER_TRAINED, TailFitter.fit(pareto(1.6, 1, 2000, 7)).warning());
        assertEquals(PowerLawTail.Warning.UNDER_TRAINED, TailFitter.fit(pareto(9, 1, 2000, 7)).warning());
    }

    @Test
    void tooFewEigenvaluesFail() {
        PowerLawTail fit = TailFitter.fit(new double[]{1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertEquals(PowerLawTail.Status.FAILED, fit.status());
        assertEquals(-1, fit.alpha());
        assertEquals(-1, fit.d());
        assertEquals(-1, fit.sigma());
        assertEquals(-1, fit.xmin());
        assertEquals(-1, fit.numPlSpikes());
    }

    @Test
    void eigenvaluesAtOrBelowTheThresholdAreDroppedButCountedInTheSpikes() {
        double[] x = new double[12];
        Arrays.fill(x, 0, 9, 1e-5);
        x[9] = 1;
        x[10] = 2;
        x[11] = 4;
        PowerLawTail fit = TailFitter.fit(x);
        TailFitter.Candidates c = TailFitter.candidates(new double[]{1, 2, 4});
        assertEquals(c.alphas()[0], fit.alpha(), 1e-14);
        assertEquals(1, fit.xmin());
        assertEquals(3, fit.numPlSpikes());

        double[] one = new double[12];
        one[11] = 1;
        assertEquals(PowerLawTail.Status.FAILED, TailFitter.fit(one).status());
    }

    @Test
    void aTailOfEqualValuesHasInfiniteAlphaAsInNumpy() {
        double[] x = new double[10];
        Arrays.fill(x, 2.0);
        PowerLawTail fit = TailFitter.fit(x);
        assertEquals(Double.POSITIVE_INFINITY, fit.alpha());
        assertEquals(0.5, fit.d(), 0, "the last candidate, k = 2, has D = (k−1)/k");
        assertEquals(2, fit.numPlSpikes(), 10);
        assertEquals(PowerLawTail.Warning.UNDER_TRAINED, fit.warning());
    }

    @Test
    void meetsTheSpinModelHillEstimateAtTheSameTail() {
        // spin-model.md §7.2: α_Hill = 1 + k / Σ_{i≤k} ln(λ_i/λ_{k+1}) over the top k = ⌈0.1·M⌉. WeightWatcher's
        // candidate at xmin = λ_{k+1} has the tail k + 1 and the same sum: α_WW = 1 + (k+1)/k · (α_Hill − 1).
        SplittableRandom r = new SplittableRandom(3);
        int rows = 300;
        int cols = 120;
        double[] w = new double[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextGaussian() / Math.sqrt(rows);
        }
        Layer layer = Layer.of("g", "relu", rows, cols, w);
        double hill = LayerSpectra.of(1, layer, null, Lanczos.standard()).hillAlpha();
        double[] lambda = Esd.of(w, rows, cols).eigenvalues();
        int k = (int) Math.ceil(0.1 * cols);
        int candidate = lambda.length - (k + 1);
        double ww = TailFitter.candidates(lambda).alphas()[candidate];
        assertEquals(1 + (k + 1.0) / k * (hill - 1), ww, 1e-9);
    }
}
