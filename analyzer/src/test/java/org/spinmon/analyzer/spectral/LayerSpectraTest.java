package org.spinmon.analyzer.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.linalg.Lanczos;
import org.spinmon.analyzer.linalg.Vectors;
import org.spinmon.analyzer.snapshot.Layer;

class LayerSpectraTest {

    private static Layer diagonal(double... singular) {
        int rows = singular.length + 2;
        int cols = singular.length;
        double[] w = new double[rows * cols];
        for (int i = 0; i < cols; i++) {
            w[i * cols + i] = singular[i];
        }
        return Layer.of("d", "relu", rows, cols, w);
    }

    @Test
    void diagonalMatricesWithChosenSingularValues() {
        double[] sv = new double[20];
        for (int i = 0; i < sv.length; i++) {
            sv[i] = 20 - i;
        }
        LayerMetrics m = LayerSpectra.of(1, diagonal(sv), null, Lanczos.standard());
        assertEquals(20, m.sigmaMax(), 1e-12);
        double frob2 = 0;
        for (double s : sv) {
            frob2 += s * s;
        }
        assertEquals(frob2 / 400, m.stableRank(), 1e-12);
        // k = ceil(0.1 * 20) = 2: α = 1 + 2 / (ln(400/324) + ln(361/324))
        assertEquals(1 + 2 / (Math.log(400.0 / 324) + Math.log(361.0 / 324)), m.hillAlpha(), 1e-12);
        assertTrue(Double.isNaN(m.relChangeFromInit()));
    }

    @Test
    void hillOnAParetoSampleRecoversItsTail() {
        // λ with density ∝ λ^{-α}, α = 3: inverse CDF λ = (1 - u)^{-1/(α-1)}.
        SplittableRandom r = new SplittableRandom(71);
        double[] lambda = new double[5000];
        for (int i = 0; i < lambda.length; i++) {
            lambda[i] = Math.pow(1 - r.nextDouble(), -1 / 2.0);
        }
        java.util.Arrays.sort(lambda);
        double[] desc = new double[lambda.length];
        for (int i = 0; i < desc.length; i++) {
            desc[i] = lambda[lambda.length - 1 - i];
        }
        assertEquals(3.0, LayerSpectra.hill(desc, desc.length), 0.15);
    }

    @Test
    void changeFromInitIsExactForAKnownUpdate() {
        Layer w0 = diagonal(3, 2, 1);
        Layer wt = diagonal(3, 2.5, 1);
        LayerMetrics m = LayerSpectra.of(2, wt, w0, Lanczos.standard());
        assertEquals(0.5 / Math.sqrt(14), m.relChangeFromInit(), 1e-12);
        assertEquals(0.5, m.updateSpectralNorm(), 1e-10);
        assertEquals(0, LayerSpectra.of(2, w0, w0, Lanczos.standard()).updateSpectralNorm(), 0);
    }

    @Test
    void wideLayersUseLanczosAndAgreeWithTheDenseGram() {
        int rows = 500;
        int cols = LayerSpectra.DENSE_GRAM + 30;
        double[] w = Vectors.gaussian(rows * cols, new SplittableRandom(506));
        double[] all = LayerSpectra.gramEigenvalues(w, rows, cols);
        LayerMetrics m = LayerSpectra.of(1, Layer.of("x", "relu", rows, cols, w), null, Lanczos.standard());
        assertEquals(Math.sqrt(all[0]), m.sigmaMax(), 1e-9 * Math.sqrt(all[0]));
        assertEquals(LayerSpectra.hill(all, all.length), m.hillAlpha(), 1e-8);
        double frob2 = 0;
        for (double v : all) {
            frob2 += v;
        }
        assertEquals(frob2 / all[0], m.stableRank(), 1e-8);
    }

    @Test
    void layersWithMoreOutputsThanInputsUseTheGramOperatorOfTheTranspose() {
        int rows = LayerSpectra.DENSE_GRAM + 30;
        int cols = 500;
        double[] w = Vectors.gaussian(rows * cols, new SplittableRandom(507));
        double[] all = LayerSpectra.gramEigenvalues(w, rows, cols);
        LayerMetrics m = LayerSpectra.of(1, Layer.of("x", "relu", rows, cols, w), null, Lanczos.standard());
        assertEquals(Math.sqrt(all[0]), m.sigmaMax(), 1e-9 * Math.sqrt(all[0]));
        assertEquals(LayerSpectra.hill(all, all.length), m.hillAlpha(), 1e-8);
    }

    @Test
    void marchenkoPasturEdgesOfAXavierMatrix() {
        // V5: 784 x 256 with variance 2/1040: σ_max → 1.9295 (2 %), σ_min → 0.5262 (5 %).
        double sd = Math.sqrt(2.0 / 1040);
        double[] w = Vectors.gaussian(784 * 256, new SplittableRandom(505));
        for (int i = 0; i < w.length; i++) {
            w[i] *= sd;
        }
        double[] eig = LayerSpectra.gramEigenvalues(w, 784, 256);
        assertEquals(1.9295, Math.sqrt(eig[0]), 0.02 * 1.9295);
        assertEquals(0.5262, Math.sqrt(eig[eig.length - 1]), 0.05 * 0.5262);
        assertEquals(Math.sqrt(eig[0]), LayerSpectra.of(1, Layer.of("x", "relu", 784, 256, w), null,
                Lanczos.standard()).sigmaMax(), 1e-12);
    }
}
