package org.spinmon.analyzer.heavytail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MpFitterTest {

    static double[] gaussian(int rows, int cols, double scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = scale * r.nextGaussian();
        }
        return w;
    }

    @Test
    void aGaussianMatrixIsAllBulk() {
        // W: 1000 × 250 entries N(0, s²). Its ESD is Marchenko–Pastur with Q = 4; rescaled to mean 1 the bulk
        // is σ = 1 with edges (1 ± 1/2)² = 2.25 and 0.25, i.e. N·s²·(1 ± 1/√Q)² in raw units.
        double s = 0.03;
        double[] w = gaussian(1000, 250, s, 5);
        Esd esd = Esd.of(w, 1000, 250);
        MarchenkoPastur mp = MpFitter.fit(esd.eigenvalues(), esd.n(), esd.m());
        assertEquals(1.0, mp.sigmaMp(), 0.05, mp.toString());
        assertEquals(1000 * s * s * 2.25, mp.bulkMax(), 0.1 * 1000 * s * s * 2.25);
        assertEquals(1000 * s * s * 0.25, mp.bulkMin(), 0.1 * 1000 * s * s * 0.25);
        assertEquals(0, mp.numSpikes());
        assertEquals(1.0, mp.mpSoftrank(), 0.1);
        double sum = 0;
        for (double l : esd.eigenvalues()) {
            sum += l;
        }
        assertEquals(Math.sqrt(250 / sum), mp.wScale(), 1e-12);
    }

    @Test
    void aPlantedRankOneSignalIsASpike() {
        int rows = 800;
        int cols = 200;
        double[] w = gaussian(rows, cols, 1, 8);
        SplittableRandom r = new SplittableRandom(9);
        double[] u = new double[rows];
        double[] v = new double[cols];
        for (int i = 0; i < rows; i++) {
            u[i] = r.nextGaussian();
        }
        for (int j = 0; j < cols; j++) {
            v[j] = r.nextGaussian();
        }
        // θ·u vᵀ with ‖u‖‖v‖θ well above the BBP threshold (N·M)^{1/4}... in these units: θ = 0.5.
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                w[i * cols + j] += 0.5 * u[i] * v[j];
            }
        }
        Esd esd = Esd.of(w, rows, cols);
        MarchenkoPastur mp = MpFitter.fit(esd.eigenvalues(), esd.n(), esd.m());
        assertTrue(mp.numSpikes() >= 1, mp.toString());
        assertTrue(mp.mpSoftrank() < 0.5, mp.toString());
    }

    @Test
    void theDensityEstimateIsScikitLearnsNormalisedTriangle() {
        // One point at 1 with h = 0.5: ρ(x) = (1 − |x − 1|/0.5)/0.5 inside (0.5, 1.5), 0 outside and at the edge.
        double[] rho = MpFitter.kde(new double[]{1}, new double[]{0.5, 0.75, 1, 1.25, 1.5, 2}, 0.5);
        assertArrayEquals(new double[]{0, 1, 2, 1, 0, 0}, rho, 1e-15);
        double[] two = MpFitter.kde(new double[]{1, 1.2}, new double[]{1.1}, 0.5);
        assertEquals((0.8 + 0.8) / (2 * 0.5), two[0], 1e-14);
    }

    @Test
    void linspaceAndNanToNumAreNumpys() {
        assertArrayEquals(new double[]{0, 0.25, 0.5, 0.75, 1}, MpFitter.linspace(0, 1, 5), 0);
        assertEquals(0, MpFitter.nanToNum(Double.NaN));
        assertEquals(Double.MAX_VALUE, MpFitter.nanToNum(Double.POSITIVE_INFINITY));
        assertEquals(-Double.MAX_VALUE, MpFitter.nanToNum(Double.NEGATIVE_INFINITY));
    }

    @Test
    void nelderMeadFindsTheMinimumOfAParabolaLikeScipy() {
        // scipy.optimize.fmin(lambda x: (x - 2)**2, 1.0) stops within xtol = 1e-4 of 2.
        assertEquals(2, NelderMead.minimize(x -> (x - 2) * (x - 2), 1.0), 1e-4);
        assertEquals(-3, NelderMead.minimize(x -> Math.abs(x + 3), 0.0), 1e-4);
    }
}
