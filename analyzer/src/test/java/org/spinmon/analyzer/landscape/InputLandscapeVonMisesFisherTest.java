package org.spinmon.analyzer.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.probe.ForwardNetwork;
import org.spinmon.analyzer.snapshot.Layer;

/**
 * The exact check of landscape-and-kernels.md §1: a linear network has H(x) = −h·x with h = W^(1) W^(2) (the product
 * of its weight matrices applied to the class vector), so p(x) ∝ exp(β h·x) on |x|² = N_0 is a von Mises–Fisher law
 * with concentration κ = β|h|√N_0. Its exact finite-N_0 magnetisation t = ⟨x·ĥ⟩/√N_0 is the Bessel ratio
 * A = I_{N_0/2}(κ)/I_{N_0/2−1}(κ), the mean overlap of independent replicas is A², and as N_0 → ∞ at fixed
 * g = β|h|/√N_0, t → (√(1+4g²) − 1)/(2g), q → t².
 *
 * <p>Measured at N_0 = 784, R = 8, 500 burn-in and 3000 sampling steps, this seed, against the exact values:
 * relative errors of t −0.2 %, −0.1 %, −0.0 % and of the overlap mean −0.3 %, −0.3 %, −0.0 % at g = 0.5, 1, 2
 * (τ ≈ 13, 13, 9 steps, R̂ ≤ 1.005; over 8 seeds at R = 16 all within 0.5 %). The asymptotic formula differs from
 * the exact one by less than 0.1 % here. Samplers that are wrong fail: accepting every proposal (unadjusted
 * Langevin) gives t errors +21 %, +7 %, −4 % and overlap errors +48 %, +15 %, −8 %; taking the reverse tangent
 * vector as −v (flat-space MALA, ignoring the gnomonic geometry) gives t errors +3.6 %, +1.6 %, +0.9 % and overlap
 * errors +7 %, +3 %, +2 %; a Jacobian cos^{N_0} θ counted in the forward direction only, or a reverse move without
 * its drift, are refused as unequilibrated (τ ≈ 200 – 430 steps).
 */
class InputLandscapeVonMisesFisherTest {

    private static final int N0 = 784;
    private static final int HIDDEN = 16;
    private static final double[] G = {0.5, 1, 2};
    private static final double TOLERANCE = 0.02;

    @Test
    void magnetisationAndOverlapMatchTheVonMisesFisherLaw() {
        SplittableRandom random = new SplittableRandom(5);
        double[] w1 = gaussian(N0 * HIDDEN, 1 / Math.sqrt(N0), random);
        double[] w2 = gaussian(HIDDEN, 1 / Math.sqrt(HIDDEN), random);
        ForwardNetwork net = ForwardNetwork.of(List.of(Layer.of("0", "identity", N0, HIDDEN, w1),
                Layer.of("1", "identity", HIDDEN, 1, w2)));
        double h2 = 0;
        for (int i = 0; i < N0; i++) {
            double hi = 0;
            for (int j = 0; j < HIDDEN; j++) {
                hi += w1[i * HIDDEN + j] * w2[j];
            }
            h2 += hi * hi;
        }
        double hNorm = Math.sqrt(h2);
        double[] betas = new double[G.length];
        for (int k = 0; k < G.length; k++) {
            betas[k] = G[k] * Math.sqrt(N0) / hNorm;
        }
        LandscapeSettings settings = LandscapeSettings.DEFAULT.withPoints(new int[]{0}, betas).withChains(8, 500, 3000)
                .withSeed(1);
        LandscapeAnalysis analysis = InputLandscape.sample(net, settings, 0);
        for (int k = 0; k < G.length; k++) {
            LandscapePoint p = analysis.points().get(k);
            double g = G[k];
            assertTrue(p.equilibrated(), "g = " + g + ": " + p.reason());
            double exact = besselRatio(N0 / 2.0, g * N0);
            double asymptotic = (Math.sqrt(1 + 4 * g * g) - 1) / (2 * g);
            // e = ⟨H⟩/N_0 = −|h| ⟨x·ĥ⟩/N_0 = −|h| t/√N_0
            double t = -p.energyPerInput() * Math.sqrt(N0) / hNorm;
            assertEquals(exact, t, TOLERANCE * exact, "t at g = " + g);
            assertEquals(asymptotic, t, TOLERANCE * asymptotic, "t at g = " + g);
            assertEquals(exact * exact, p.overlapMean(), TOLERANCE * exact * exact, "q at g = " + g);
            assertEquals(asymptotic * asymptotic, p.overlapMean(), TOLERANCE * asymptotic * asymptotic, "q at g = " + g);
        }
    }

    @Test
    void besselRatioIsRight() {
        // I_1(1)/I_0(1) = 0.5651591039924851/1.2660658777520082; I_{1/2}(κ)/I_{−1/2}(κ) = tanh κ
        assertEquals(0.5651591039924851 / 1.2660658777520082, besselRatio(1, 1), 1e-14);
        assertEquals(Math.tanh(3), besselRatio(0.5, 3), 1e-14);
    }

    /**
     * @return I_ν(κ)/I_{ν−1}(κ) by its continued fraction 1/(2ν/κ + 1/(2(ν+1)/κ + …)), evaluated from the top by
     *         Lentz's method (leading term 0, so the fraction itself is the result)
     */
    static double besselRatio(double nu, double kappa) {
        double tiny = 1e-300;
        double f = tiny;
        double c = f;
        double d = 0;
        for (int j = 0; j < 1_000_000; j++) {
            double b = 2 * (nu + j) / kappa;
            d = b + d;
            d = d == 0 ? 1 / tiny : 1 / d;
            c = b + 1 / c;
            c = c == 0 ? tiny : c;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return f;
    }

    private static double[] gaussian(int n, double sd, SplittableRandom random) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = sd * random.nextGaussian();
        }
        return w;
    }
}
