package org.spinmon.analyzer.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;

/** Seeded snapshots for tests: Gaussian weights with DL4J XAVIER variance 2/(nIn + nOut). */
public final class SnapshotFixtures {

    private SnapshotFixtures() {
    }

    /** A snapshot of the given spin-layer widths, weights N(0, 2/(nIn+nOut)), no biases. */
    public static Snapshot xavier(String run, long step, long seed, int... widths) {
        return xavier(run, step, seed, false, widths);
    }

    /** A snapshot of the given spin-layer widths, weights N(0, 2/(nIn+nOut)), biases N(0, 0.01) if asked. */
    public static Snapshot xavier(String run, long step, long seed, boolean bias, int... widths) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        for (int k = 1; k < widths.length; k++) {
            int nIn = widths[k - 1];
            int nOut = widths[k];
            double sd = Math.sqrt(2.0 / (nIn + nOut));
            double[] w = new double[nIn * nOut];
            for (int i = 0; i < w.length; i++) {
                w[i] = sd * gaussian(random);
            }
            double[] b = null;
            if (bias) {
                b = new double[nOut];
                for (int j = 0; j < nOut; j++) {
                    b[j] = 0.1 * gaussian(random);
                }
            }
            layers.add(new Layer("dense_" + (k - 1), k == widths.length - 1 ? "softmax" : "relu", nIn, nOut, w, b));
        }
        return new Snapshot(run, step, step / 100.0, 2.3 - step * 1e-4, Double.NaN,
                Instant.parse("2026-11-23T10:15:30.123Z").plusSeconds(step), layers);
    }

    /**
     * A snapshot of {@code replicas} replicas: replica r (1-based) is {@link #xavier(String, long, long, boolean,
     * int...)} with seed {@code seed + r − 1}, so the replicas share shapes, names and activations and differ in
     * every weight.
     */
    public static Snapshot replicas(String run, long step, long seed, int replicas, boolean bias, int... widths) {
        Snapshot first = xavier(run, step, seed, bias, widths);
        List<List<Layer>> others = new ArrayList<>();
        for (int r = 2; r <= replicas; r++) {
            others.add(xavier(run, step, seed + r - 1, bias, widths).layers());
        }
        return new Snapshot(run, step, first.epoch(), first.loss(), first.accuracy(), first.time(), first.layers(),
                others);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: the JDK 17 SplittableRandom has no nextGaussian.
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
