package org.spinmon.analyzer.freezing;

import org.spinmon.analyzer.snapshot.Layer;

/**
 * The overlaps of the freezing profile (landscape-and-kernels.md §2, after Yoshino 2020, "From complex to
 * simple: hierarchical free-energy landscape renormalized in deep neural networks"). Dimensionless, in [−1, 1].
 */
public final class Overlaps {

    private Overlaps() {
    }

    /**
     * The spin overlap of two sets of pre-activations of one layer on the same inputs, (1/n) Σ_k S_k S'_k with
     * S = sign(h), sign(0) = +1 and sign(NaN) = −1 (the binarized network's convention).
     *
     * @param a the pre-activations h, P × N_l (any layout, as long as {@code b} has the same)
     * @param b the other pre-activations, same length
     */
    public static double spin(double[] a, double[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("spin overlap needs two non-empty arrays of one length, had "
                    + a.length + " and " + b.length);
        }
        long same = 0;
        for (int k = 0; k < a.length; k++) {
            if (a[k] >= 0 == b[k] >= 0) {
                same++;
            }
        }
        return (2.0 * same - a.length) / a.length;
    }

    /**
     * The weight overlap ⟨W_a, W_b⟩_F / (‖W_a‖_F ‖W_b‖_F), the cosine of two weight matrices of one shape; NaN
     * when either is zero or not finite.
     */
    public static double weight(Layer a, Layer b) {
        if (a.nIn() != b.nIn() || a.nOut() != b.nOut()) {
            throw new IllegalArgumentException("weight overlap needs two matrices of one shape, had " + a.nIn() + "x"
                    + a.nOut() + " and " + b.nIn() + "x" + b.nOut());
        }
        double[] x = a.weights();
        double[] y = b.weights();
        double na = a.frobeniusNorm();
        double nb = b.frobeniusNorm();
        if (!(na > 0 && nb > 0) || Double.isInfinite(na) || Double.isInfinite(nb)) {
            return Double.NaN;
        }
        double dot = 0;
        for (int k = 0; k < x.length; k++) {
            dot += (x[k] / na) * (y[k] / nb);
        }
        return dot;
    }
}
