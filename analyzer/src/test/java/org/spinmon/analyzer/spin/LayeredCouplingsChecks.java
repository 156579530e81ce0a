package org.spinmon.analyzer.spin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.linalg.DenseKernel;
import org.spinmon.analyzer.linalg.Vectors;
import org.spinmon.analyzer.linalg.WeightMatrix;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;

/** The checks of {@link LayeredCouplings} that {@link LayeredCouplingsTest} runs on each kernel. */
abstract class LayeredCouplingsChecks {

    /** @return the kernel the couplings run on */
    abstract DenseKernel kernel();


    private static Snapshot snapshot(boolean floatExact, boolean bias, int... widths) {
        SplittableRandom r = new SplittableRandom(77);
        List<Layer> layers = new ArrayList<>();
        for (int k = 1; k < widths.length; k++) {
            double[] w = Vectors.gaussian(widths[k - 1] * widths[k], r);
            if (floatExact) {
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) w[i];
                }
            }
            double[] b = bias ? Vectors.gaussian(widths[k], r) : null;
            layers.add(new Layer("l" + k, "relu", widths[k - 1], widths[k], w, b));
        }
        return new Snapshot("c", 0, 0, 1, 0.5, Instant.EPOCH, layers);
    }

    /** J assembled entry by entry from the blocks of spin-model.md §2.1. */
    private static double[][] dense(Snapshot s) {
        int[] widths = s.widths();
        int[] offsets = new int[widths.length + 1];
        for (int l = 0; l < widths.length; l++) {
            offsets[l + 1] = offsets[l] + widths[l];
        }
        double[][] j = new double[offsets[widths.length]][offsets[widths.length]];
        for (int k = 0; k < s.depth(); k++) {
            Layer layer = s.layers().get(k);
            for (int a = 0; a < layer.nIn(); a++) {
                for (int b = 0; b < layer.nOut(); b++) {
                    j[offsets[k] + a][offsets[k + 1] + b] = layer.weight(a, b);
                    j[offsets[k + 1] + b][offsets[k] + a] = layer.weight(a, b);
                }
            }
        }
        return j;
    }

    private void assertProducts(Snapshot s) {
        double[][] j = dense(s);
        LayeredCouplings c = LayeredCouplings.of(s, SpinLayout.DEFAULT, kernel());
        int n = j.length;
        assertEquals(n, c.size());
        double[] x = Vectors.gaussian(n, new SplittableRandom(3));
        double[] y = new double[n];
        double[] y2 = new double[n];
        c.apply(x, y);
        c.applySquared(x, y2);
        double[] s2 = c.rowSquareSums();
        for (int a = 0; a < n; a++) {
            double expected = 0;
            double expected2 = 0;
            double row = 0;
            for (int b = 0; b < n; b++) {
                expected += j[a][b] * x[b];
                expected2 += j[a][b] * j[a][b] * x[b];
                row += j[a][b] * j[a][b];
            }
            assertEquals(expected, y[a], 1e-12 * (1 + Math.abs(expected)), "J x at " + a);
            assertEquals(expected2, y2[a], 1e-12 * (1 + Math.abs(expected2)), "(J∘J) x at " + a);
            assertEquals(row, s2[a], 1e-12 * row, "s at " + a);
        }
    }

    @Test
    void productsMatchTheDenseBondMatrixWithFloat32Storage() {
        assertProducts(snapshot(true, false, 7, 5, 4, 3));
    }

    @Test
    void productsMatchTheDenseBondMatrixWithFloat64Storage() {
        assertProducts(snapshot(false, false, 7, 5, 4, 3));
    }

    @Test
    void float32StorageGivesTheFloat64Product() {
        Snapshot s = snapshot(true, false, 40, 30, 20);
        LayeredCouplings floats = LayeredCouplings.of(s, SpinLayout.DEFAULT, kernel());
        double[] x = Vectors.gaussian(floats.size(), new SplittableRandom(4));
        double[] viaFloats = new double[x.length];
        floats.apply(x, viaFloats);
        DenseCouplings exact = DenseCouplings.materialise(floats);
        double[] viaDense = new double[x.length];
        exact.apply(x, viaDense);
        assertArrayEquals(viaDense, viaFloats, 1e-13);
        assertArrayEquals(s.layers().get(1).weights(), floats.weights(1), 0);
    }

    @Test
    void productsInSharedPassesAreTheSingleProducts() {
        Snapshot s = snapshot(true, false, 41, 37, 23, 9);
        LayeredCouplings c = LayeredCouplings.of(s, SpinLayout.DEFAULT, kernel());
        int n = c.size();
        SplittableRandom r = new SplittableRandom(5);
        double[][] xs = {Vectors.gaussian(n, r), Vectors.gaussian(n, r), Vectors.gaussian(n, r)};
        boolean[] squared = {false, true, false};
        double[][] ys = new double[3][n];
        double[] gx = Vectors.gaussian(23, r);
        LayeredCouplings.GramProduct gram = new LayeredCouplings.GramProduct(1, gx, new double[23]);
        c.applyAll(xs, squared, ys, List.of(gram));
        for (int v = 0; v < xs.length; v++) {
            double[] y = new double[n];
            if (squared[v]) {
                c.applySquared(xs[v], y);
            } else {
                c.apply(xs[v], y);
            }
            assertArrayEquals(y, ys[v], 0, "vector " + v);
        }
        double[] solo = new double[23];
        WeightMatrix.of(s.layers().get(1).weights(), 37, 23, kernel()).gram(gx, solo);
        assertArrayEquals(solo, gram.y(), 0, "WᵀW x of matrix 1");
    }

    @Test
    void theLayoutDropsLayersAndPixelsAndTurnsBiasesIntoFields() {
        Snapshot s = snapshot(true, true, 6, 5, 4, 3);
        LayeredCouplings hidden = LayeredCouplings.of(s, new SpinLayout(false, false, false, new BitSet()),
                kernel());
        assertArrayEquals(new int[]{5, 4}, hidden.layerSizes());
        assertEquals(1, hidden.matrices());
        assertArrayEquals(s.layers().get(1).weights(), hidden.weights(0), 0);
        assertArrayEquals(new double[9], hidden.fields(), 0);

        BitSet dead = new BitSet();
        dead.set(1);
        dead.set(4);
        LayeredCouplings pruned = LayeredCouplings.of(s, new SpinLayout(true, true, true, dead), kernel());
        assertArrayEquals(new int[]{4, 5, 4, 3}, pruned.layerSizes());
        double[] w1 = s.layers().get(0).weights();
        double[] kept = pruned.weights(0);
        assertArrayEquals(Arrays.copyOfRange(w1, 0, 5), Arrays.copyOfRange(kept, 0, 5), 0);
        assertArrayEquals(Arrays.copyOfRange(w1, 10, 15), Arrays.copyOfRange(kept, 5, 10), 0);
        double[] h = pruned.fields();
        assertArrayEquals(new double[4], Arrays.copyOfRange(h, 0, 4), 0, "no field on the inputs");
        assertArrayEquals(s.layers().get(0).bias(), Arrays.copyOfRange(h, 4, 9), 0);
        assertArrayEquals(s.layers().get(2).bias(), Arrays.copyOfRange(h, 13, 16), 0);

        assertThrows(IllegalArgumentException.class, () -> LayeredCouplings.of(snapshot(true, false, 4, 3),
                new SpinLayout(false, true, false, new BitSet()), kernel()));
        BitSet tooFar = new BitSet();
        tooFar.set(6);
        assertThrows(IllegalArgumentException.class, () -> LayeredCouplings.of(s,
                new SpinLayout(true, true, false, tooFar)));
    }
}
