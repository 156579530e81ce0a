package org.spinmon.analyzer.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.probe.ForwardNetwork;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.snapshot.Layer;

/**
 * The exact check of landscape-and-kernels.md §3: a ReLU network at initialisation, no biases, weights
 * N(0, σ_w²/fan_in) with σ_w² = 2 (He), has at infinite width the pre-activation kernels of the arc-cosine
 * recursion (Cho and Saul 2009), K_1 = σ_w² x·x'/N_0, K_{l+1} = σ_w² √(K_l(x,x) K_l(x',x')) (sin θ + (π − θ) cos θ)/(2π).
 *
 * <p>At width N the empirical kernel of one network fluctuates around it: per layer, given the layer below, the
 * relative Frobenius error has expectation about √((r + 1)/N), r = (tr K)²/‖K‖_F² the kernel's effective rank
 * (Wick's theorem), so even a rank-one kernel is off by √(2/N) = 3.1 % at N = 2048. The test therefore uses width
 * 8192 (√(2/8192) = 1.6 %), non-negative inputs with a shared bright half (strongly correlated, as MNIST
 * digits are, so the effective rank is close to 1) and two hidden layers. Measured with seed 11: relative
 * errors 0.6 % (layer 1) and 1.6 % (layer 2); with sparse, weakly correlated inputs the same width gives 3.7 % at
 * layer 1, as the estimate predicts. The Gaussianity check runs as spinmon does, on P = 512 inputs of dimension
 * 784 at width 2048: mean excess kurtosis −0.018 and −0.015 (the sample estimator's own bias is −6/(P+1) = −0.012).
 */
class NngpKernelTest {

    private static final double SIGMA_W2 = 2;

    @Test
    void reluKernelsAtInitFollowTheArcCosineRecursion() {
        int n0 = 64;
        int p = 24;
        int width = 8192;
        SplittableRandom random = new SplittableRandom(11);
        double[] x = new double[p * n0];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % n0 < n0 / 2 ? 0.5 + 0.5 * random.nextDouble() : 0.4 * random.nextDouble();
        }
        List<Layer> layers = network(new int[]{n0, width, width, 10}, random);
        ForwardNetwork.Activations a = ForwardNetwork.of(layers).forward(x, p);
        ProbeBatch probe = new ProbeBatch(x, p, n0, new int[p], 1, 0, "test");
        List<KernelLayer> measured = LayerKernels.of(a, null, probe);
        assertEquals(2, measured.size());

        double[] theory = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double dot = 0;
                for (int k = 0; k < n0; k++) {
                    dot += x[i * n0 + k] * x[j * n0 + k];
                }
                theory[i * p + j] = SIGMA_W2 * dot / n0;
            }
        }
        for (int l = 1; l <= 2; l++) {
            double[] empirical = LayerKernels.kernel(a.pre(l), p, width);
            double error = relativeFrobenius(empirical, theory);
            assertTrue(error < 0.03, "layer " + l + ": relative Frobenius error " + error);
            theory = arcCosine(theory, p);
        }
    }

    @Test
    void preActivationsAtInitAreGaussianAcrossTheProbeBatch() {
        int n0 = 784;
        int p = 512;
        SplittableRandom random = new SplittableRandom(5);
        double[] x = new double[p * n0];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        List<Layer> layers = network(new int[]{n0, 2048, 2048, 10}, random);
        ProbeBatch probe = new ProbeBatch(x, p, n0, new int[p], 1, 0, "test");
        List<KernelLayer> measured = LayerKernels.of(ForwardNetwork.of(layers).forward(x, p), null, probe);
        for (KernelLayer k : measured) {
            assertEquals(0, k.kurtosisMean(), 0.1, "layer " + k.layer() + " excess kurtosis");
        }
    }

    static List<Layer> network(int[] widths, SplittableRandom random) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            double sd = Math.sqrt(SIGMA_W2 / widths[l - 1]);
            double[] w = new double[widths[l - 1] * widths[l]];
            for (int i = 0; i < w.length; i++) {
                w[i] = sd * random.nextGaussian();
            }
            layers.add(Layer.of(String.valueOf(l), l == widths.length - 1 ? "identity" : "relu", widths[l - 1],
                    widths[l], w));
        }
        return layers;
    }

    private static double[] arcCosine(double[] k, int p) {
        double[] next = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double norm = Math.sqrt(k[i * p + i] * k[j * p + j]);
                double cos = Math.max(-1, Math.min(1, k[i * p + j] / norm));
                double theta = Math.acos(cos);
                next[i * p + j] = SIGMA_W2 * norm * (Math.sin(theta) + (Math.PI - theta) * cos) / (2 * Math.PI);
            }
        }
        return next;
    }

    private static double relativeFrobenius(double[] a, double[] b) {
        double d = 0;
        double n = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            n += b[i] * b[i];
        }
        return Math.sqrt(d / n);
    }
}
