package org.spinmon.analyzer.snapshot;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One weight matrix of a snapshot: the couplings W^(l) between spin layer l−1 (rows, the lower layer,
 * DL4J's nIn) and spin layer l (columns, nOut), in float64, row-major: {@code W[i][j] = weights[i·nOut + j]}.
 *
 * <p>In the spin model (spin-model.md §2.1) each entry is the coupling of one bond, counted once:
 * H(s) = −Σ_{i∈l−1, j∈l} W_ij s_i s_j. Weights are in the network's own units; every temperature derived
 * from them carries those units.
 *
 * <p>Immutable: the arrays are copied in, and every accessor that returns an array returns a fresh copy.
 * Non-finite entries (a diverging run) are kept as they are: a snapshot records what the trainer held, and
 * it is the analysis that reports such a snapshot as undefined.
 *
 * @param name       the layer's name in its framework (for example DL4J's {@code "0"}), for display only;
 *                   1–64 characters, no commas or blanks (it is stored in a comma-separated list)
 * @param activation the activation name (for example {@code "relu"}, {@code "sign"}); it does not enter H;
 *                   same character rules as the name
 * @param nIn        number of rows, the width of spin layer l−1, at least 1
 * @param nOut       number of columns, the width of spin layer l, at least 1
 * @param weights    nIn·nOut couplings, row-major
 * @param bias       the nOut biases of layer l (local fields when used), or {@code null} when the layer has none
 */
public record Layer(String name, String activation, int nIn, int nOut, double[] weights, double[] bias) {

    private static final Pattern LABEL = Pattern.compile("[^,\\s]{1,64}");

    /** Validates shapes and copies the arrays in. */
    public Layer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(weights, "weights");
        if (!LABEL.matcher(name).matches() || !LABEL.matcher(activation).matches()) {
            throw new IllegalArgumentException("layer name and activation must be 1-64 characters without commas or"
                    + " blanks, were \"" + name + "\" and \"" + activation + "\"");
        }
        if (nIn < 1 || nOut < 1) {
            throw new IllegalArgumentException("layer " + name + ": shape must be at least 1x1, was " + nIn + "x" + nOut);
        }
        if ((long) nIn * nOut != weights.length) {
            throw new IllegalArgumentException("layer " + name + ": " + weights.length + " weights do not fill "
                    + nIn + "x" + nOut);
        }
        if (bias != null && bias.length != nOut) {
            throw new IllegalArgumentException("layer " + name + ": bias has " + bias.length + " entries, nOut is " + nOut);
        }
        weights = weights.clone();
        bias = bias == null ? null : bias.clone();
    }

    /** A layer without biases. */
    public static Layer of(String name, String activation, int nIn, int nOut, double[] weights) {
        return new Layer(name, activation, nIn, nOut, weights, null);
    }

    /** @return a fresh copy of the nIn·nOut weights, row-major */
    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** @return a fresh copy of the biases, or {@code null} when the layer has none */
    @Override
    public double[] bias() {
        return bias == null ? null : bias.clone();
    }

    /** @return whether this layer carries biases */
    public boolean hasBias() {
        return bias != null;
    }

    /** @return W_ij, the coupling of row i (layer l−1) and column j (layer l) */
    public double weight(int i, int j) {
        Objects.checkIndex(i, nIn);
        Objects.checkIndex(j, nOut);
        return weights[i * nOut + j];
    }

    /** @return ‖W‖_F = √(Σ_ij W_ij²), in weight units; NaN if any weight is NaN, +∞ if one is infinite */
    public double frobeniusNorm() {
        double scale = 0;
        double sum = 1;
        // Scaled accumulation (as LAPACK's dnrm2) so that large weights cannot overflow the sum of squares.
        for (double w : weights) {
            if (Double.isNaN(w)) {
                return Double.NaN;
            }
            double a = Math.abs(w);
            if (a == 0) {
                continue;
            }
            if (Double.isInfinite(a)) {
                scale = a;
                continue;
            }
            if (scale < a) {
                sum = 1 + sum * (scale / a) * (scale / a);
                scale = a;
            } else {
                sum += (a / scale) * (a / scale);
            }
        }
        return Double.isInfinite(scale) ? scale : scale * Math.sqrt(sum);
    }

    /** @return the largest |weight| or |bias|: NaN if one is NaN, +∞ if one is infinite, 0 for all zeros */
    public double largestMagnitude() {
        double largest = 0;
        for (double w : weights) {
            largest = Math.max(largest, Math.abs(w));
        }
        if (bias != null) {
            for (double b : bias) {
                largest = Math.max(largest, Math.abs(b));
            }
        }
        return largest;
    }

    /** @return the number of NaN or infinite entries among the weights and biases */
    public long nonFiniteCount() {
        long n = Arrays.stream(weights).filter(w -> !Double.isFinite(w)).count();
        return bias == null ? n : n + Arrays.stream(bias).filter(b -> !Double.isFinite(b)).count();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layer other
                && name.equals(other.name)
                && activation.equals(other.activation)
                && nIn == other.nIn
                && nOut == other.nOut
                && Arrays.equals(weights, other.weights)
                && Arrays.equals(bias, other.bias);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, activation, nIn, nOut, Arrays.hashCode(weights), Arrays.hashCode(bias));
    }

    @Override
    public String toString() {
        return "Layer[" + name + ", " + activation + ", " + nIn + "x" + nOut + (bias == null ? "" : ", bias") + "]";
    }
}
