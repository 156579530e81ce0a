package org.spinmon.dashboard.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spinmon.analyzer.linalg.Vectors;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;

/**
 * Seeded synthetic snapshots for {@code spinmon bench}: DL4J XAVIER random init (W ~ N(0, 2/(nIn+nOut))), and
 * the same with a planted rank-one pattern per matrix, W^(l) += θ·u_{l−1}u_lᵀ/√(N_{l−1}N_l) with random ±1
 * vectors u_l and θ = 3: a strong outlier of J, hence hidden order (spin-model.md §12 V8, unequal widths).
 * Weights are rounded to float32, as a DL4J trainer holds them and as F32 snapshot files store them. Also a
 * synthetic probe batch for the forward-pass views.
 */
final class SyntheticSnapshots {

    private SyntheticSnapshots() {
    }

    static Snapshot xavier(int[] widths, long seed, double theta) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] u = new double[widths.length][];
        for (int l = 0; l < widths.length; l++) {
            u[l] = new double[widths[l]];
            for (int i = 0; i < widths[l]; i++) {
                u[l][i] = random.nextBoolean() ? 1 : -1;
            }
        }
        List<Layer> layers = new ArrayList<>();
        for (int k = 1; k < widths.length; k++) {
            int nIn = widths[k - 1];
            int nOut = widths[k];
            double sd = Math.sqrt(2.0 / (nIn + nOut));
            double plant = theta / Math.sqrt((double) nIn * nOut);
            double[] w = Vectors.gaussian(nIn * nOut, random);
            for (int i = 0; i < nIn; i++) {
                for (int j = 0; j < nOut; j++) {
                    w[i * nOut + j] = (float) (sd * w[i * nOut + j] + plant * u[k - 1][i] * u[k][j]);
                }
            }
            layers.add(Layer.of("dense_" + (k - 1), k == widths.length - 1 ? "softmax" : "relu", nIn, nOut, w));
        }
        return new Snapshot("bench", 0, 0, Double.NaN, Double.NaN, Instant.EPOCH, layers);
    }

    /**
     * @return a seeded probe batch for the view benchmarks: {@code size} inputs of dimension {@code inputDim} with
     *         float32 pixels uniform in [0, 1] and labels uniform over 10 classes (the cost of the views depends
     *         on the shapes, not on the pixel values)
     */
    static ProbeBatch probe(int inputDim, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[inputDim * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(10);
        }
        return new ProbeBatch(x, size, inputDim, labels, 10, seed, "synthetic");
    }
}
