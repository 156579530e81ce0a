package org.spinmon.analyzer.heavytail;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Computes {@link Randomization}: seeded Fisher–Yates permutations of all entries of W (a {@link
 * SplittableRandom} seeded per layer and step), EJML SVD of each, the pooled MP fit, and the
 * Jensen–Shannon distance between the sorted eigenvalue vectors as scipy's {@code stats.entropy} computes it
 * (each argument, the midpoint included, normalised to sum 1; terms with p = 0 are 0).
 */
public final class Randomizer {

    /** Below this many eigenvalues WeightWatcher pools 5 permutations instead of 1. */
    static final int FEW_EIGENVALUES = 100;
    /** Permutations pooled when there are few eigenvalues. */
    static final int FEW_REPLICAS = 5;

    private Randomizer() {
    }

    /**
     * @param w    the matrix, row-major rows × cols (not modified)
     * @param esd  its ESD
     * @param seed the permutation seed
     */
    public static Randomization randomize(double[] w, int rows, int cols, Esd esd, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int replicas = esd.m() < FEW_EIGENVALUES ? FEW_REPLICAS : 1;
        double[] pooled = new double[replicas * esd.m()];
        for (int r = 0; r < replicas; r++) {
            System.arraycopy(Esd.of(permuted(w, random), rows, cols).eigenvalues(), 0, pooled, r * esd.m(), esd.m());
        }
        Arrays.sort(pooled);
        double[] single = Esd.of(permuted(w, random), rows, cols).eigenvalues();
        double[] evals = esd.eigenvalues();
        double maxEval = evals[evals.length - 1];
        double maxSingle = single[single.length - 1];
        return new Randomization(replicas, seed, pooled[pooled.length - 1], MpFitter.fit(pooled, esd.n(), esd.m()),
                jensenShannonDistance(evals, single), maxSingle / maxEval, maxEval - maxSingle);
    }

    /** @return a copy of {@code w} with its entries in a uniformly random order */
    static double[] permuted(double[] w, SplittableRandom random) {
        double[] p = w.clone();
        for (int i = p.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** @return √((KL(p̂‖m̂) + KL(q̂‖m̂))/2), m = (p + q)/2, hats = normalised to sum 1, natural log */
    static double jensenShannonDistance(double[] p, double[] q) {
        double[] m = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            m[i] = (p[i] + q[i]) / 2;
        }
        return Math.sqrt((relativeEntropy(p, m) + relativeEntropy(q, m)) / 2);
    }

    private static double relativeEntropy(double[] p, double[] q) {
        double sp = 0;
        double sq = 0;
        for (int i = 0; i < p.length; i++) {
            sp += p[i];
            sq += q[i];
        }
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double a = p[i] / sp;
            double b = q[i] / sq;
            if (a > 0) {
                s += b > 0 ? a * Math.log(a / b) : Double.POSITIVE_INFINITY;
            }
        }
        return s;
    }
}
