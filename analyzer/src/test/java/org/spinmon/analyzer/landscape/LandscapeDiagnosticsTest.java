package org.spinmon.analyzer.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The energy diagnostics behind the equilibration verdict, on chains whose answers are known. */
class LandscapeDiagnosticsTest {

    @Test
    void integratedTimeOfAnAr1ChainIsOnePlusPhiOverOneMinusPhi() {
        // x(t+1) = φ x(t) + noise has ρ(t) = φ^t, τ = 1 + 2 Σ φ^t = (1 + φ)/(1 − φ) = 9 at φ = 0.8.
        double[][] chains = ar1(8, 20000, 0.8, 1);
        assertEquals(9, Autocorrelation.integratedTime(chains), 0.9);
        assertEquals(1, Autocorrelation.integratedTime(ar1(8, 20000, 0, 2)), 0.1);
        assertTrue(Double.isNaN(Autocorrelation.integratedTime(new double[][]{{1, 1, 1, 1}, {1, 1, 1, 1}})));
    }

    @Test
    void splitRHatIsOneForMixedChainsAndLargeForShiftedOrDriftingOnes() {
        double[][] mixed = ar1(8, 4000, 0.5, 3);
        assertEquals(1, SplitRHat.of(mixed), 0.01);
        double[][] shifted = ar1(8, 4000, 0.5, 3);
        for (int s = 0; s < shifted[0].length; s++) {
            shifted[0][s] += 3;
        }
        assertTrue(SplitRHat.of(shifted) > Equilibration.MAX_R_HAT);
        double[][] drifting = ar1(1, 4000, 0.5, 4);
        for (int s = 0; s < drifting[0].length; s++) {
            drifting[0][s] += 4.0 * s / drifting[0].length;
        }
        assertTrue(SplitRHat.of(drifting) > Equilibration.MAX_R_HAT, "a single drifting chain disagrees with itself");
    }

    @Test
    void theVerdictNamesTheFirstFailedTest() {
        double[][] good = ar1(8, 4000, 0.5, 5);
        double tau = Autocorrelation.integratedTime(good);
        assertNull(Equilibration.reason(good, tau, SplitRHat.of(good), 0.57));
        assertTrue(Equilibration.reason(good, tau, SplitRHat.of(good), 0.05).startsWith("acceptance collapsed"));
        assertTrue(Equilibration.reason(good, 300, 1.0, 0.57).startsWith("sampling phase too short"));
        assertTrue(Equilibration.reason(good, tau, 1.2, 0.57).startsWith("replicas disagree"));
        double[][] twoShort = {good[0], good[1]};
        assertTrue(Equilibration.reason(twoShort, 150, 1.0, 0.57).startsWith("too few effective samples"));
        double[][] broken = {good[0].clone(), good[1]};
        broken[0][7] = Double.NaN;
        assertEquals("non-finite energy", Equilibration.reason(broken, tau, 1.0, 0.57));
    }

    @Test
    void overlapHistogramCountsEachSampleOnceIncludingTheEdges() {
        OverlapStatistics q = OverlapStatistics.of(new double[]{-1, -0.5, 0, 0.5, 1, 1}, 4);
        assertArrayEquals(new double[]{1.0 / 6, 1.0 / 6, 1.0 / 6, 3.0 / 6}, q.histogram(), 1e-15);
        assertEquals(1.0 / 6, q.mean(), 1e-15);
        double var = (Math.pow(-1 - 1.0 / 6, 2) + Math.pow(-0.5 - 1.0 / 6, 2) + Math.pow(1.0 / 6, 2)
                + Math.pow(0.5 - 1.0 / 6, 2) + 2 * Math.pow(1 - 1.0 / 6, 2)) / 6;
        assertEquals(Math.sqrt(var), q.std(), 1e-15);
    }

    private static double[][] ar1(int chains, int length, double phi, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[chains][length];
        for (double[] chain : x) {
            chain[0] = random.nextGaussian() / Math.sqrt(1 - phi * phi);
            for (int s = 1; s < length; s++) {
                chain[s] = phi * chain[s - 1] + random.nextGaussian();
            }
        }
        return x;
    }
}
