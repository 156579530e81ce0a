package org.spinmon.analyzer.spin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spinmon.analyzer.linalg.Vectors;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;

/** Seeded random spin models of the validation cases (spin-model.md §12). */
final class SpinModels {

    private SpinModels() {
    }

    /** SK: J_ij ~ N(0, 1/N), symmetric, zero diagonal, plus a ferromagnetic mean (J0/N)(11ᵀ − I). */
    static DenseCouplings sk(int n, double j0, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] j = new double[n * n];
        double sd = 1 / Math.sqrt(n);
        for (int a = 0; a < n; a++) {
            double[] g = Vectors.gaussian(n - a - 1, r);
            for (int b = a + 1; b < n; b++) {
                double v = sd * g[b - a - 1] + j0 / n;
                j[a * n + b] = v;
                j[b * n + a] = v;
            }
        }
        return DenseCouplings.of(j, n);
    }

    /** A snapshot of the given widths whose W^(l) entries are N(0, variance.of(nIn, nOut)). */
    static Snapshot gaussian(long seed, VarianceRule variance, int... widths) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        for (int k = 1; k < widths.length; k++) {
            int nIn = widths[k - 1];
            int nOut = widths[k];
            double sd = Math.sqrt(variance.of(nIn, nOut));
            double[] g = Vectors.gaussian(nIn * nOut, r);
            for (int i = 0; i < g.length; i++) {
                g[i] *= sd;
            }
            layers.add(Layer.of("l" + k, "relu", nIn, nOut, g));
        }
        return new Snapshot("test", 0, 0, Double.NaN, Double.NaN, Instant.EPOCH, layers);
    }

    /** A snapshot whose W^(l) entries are uniform in (−a, a) with a = 1/√fanIn (PyTorch nn.Linear). */
    static Snapshot pytorchUniform(long seed, int... widths) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        for (int k = 1; k < widths.length; k++) {
            int nIn = widths[k - 1];
            int nOut = widths[k];
            double a = 1 / Math.sqrt(nIn);
            double[] w = new double[nIn * nOut];
            for (int i = 0; i < w.length; i++) {
                w[i] = a * (2 * r.nextDouble() - 1);
            }
            layers.add(Layer.of("l" + k, "relu", nIn, nOut, w));
        }
        return new Snapshot("test", 0, 0, Double.NaN, Double.NaN, Instant.EPOCH, layers);
    }

    /**
     * V8's planted hidden order: L = 3 matrices between layers of N spins, W_l = G_l + (θ/N) u_{l−1} u_lᵀ,
     * G_l ~ N(0, 1/N), u_l ∈ {±1}^N. Returns the snapshot; {@link #plantedPattern} gives u.
     */
    static Snapshot planted(int n, double theta, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] u = plantedPattern(n, seed);
        List<Layer> layers = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            double[] g = Vectors.gaussian(n * n, r);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    g[i * n + j] = g[i * n + j] / Math.sqrt(n) + theta / n * u[k - 1][i] * u[k][j];
                }
            }
            layers.add(Layer.of("l" + k, "relu", n, n, g));
        }
        return new Snapshot("test", 0, 0, Double.NaN, Double.NaN, Instant.EPOCH, layers);
    }

    /** The ±1 patterns u_0..u_3 of {@link #planted}. */
    static double[][] plantedPattern(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[][] u = new double[4][n];
        for (double[] layer : u) {
            for (int i = 0; i < n; i++) {
                layer[i] = r.nextBoolean() ? 1 : -1;
            }
        }
        return u;
    }

    /** The variance of a weight as a function of its matrix's shape. */
    @FunctionalInterface
    interface VarianceRule {
        double of(int nIn, int nOut);
    }

    static final VarianceRule XAVIER = (nIn, nOut) -> 2.0 / (nIn + nOut);

    /** Equal widths N, C = 1: Var = 1/N. */
    static final VarianceRule ONE_OVER_N = (nIn, nOut) -> 1.0 / nIn;

}
