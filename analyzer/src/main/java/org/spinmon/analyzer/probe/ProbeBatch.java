package org.spinmon.analyzer.probe;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The fixed inputs on which the forward-pass views are measured (landscape-and-kernels.md, "Shared inputs"):
 * P inputs of dimension N_0 (for MNIST, P test images with pixels scaled to [0, 1]) and their class labels,
 * drawn once per run with a seed and stored in the run directory ({@link ProbeFiles}), so that live analysis and
 * replay see the very same batch.
 *
 * @param inputs   P × N_0, row-major, finite
 * @param size     P, 1 ≤ P ≤ {@value #MAX_SIZE}
 * @param inputDim N_0 ≥ 1
 * @param labels   P labels in [0, classes)
 * @param classes  the number of classes, ≥ 1
 * @param seed     the seed the batch was drawn with (recorded for the reader; not used to recompute it)
 * @param source   where the inputs come from, for display (for example {@code mnist-test})
 */
public record ProbeBatch(double[] inputs, int size, int inputDim, int[] labels, int classes, long seed, String source) {

    /**
     * The most inputs a probe batch holds: the views keep several P × P float64 kernels (800 MB each at this size;
     * measured, the analysis of a small network then peaks at 4.2 GB), and beyond P = 46,340 one would not even
     * fit a Java array. {@code train --probe-size} draws at most this many (the MNIST test set).
     */
    public static final int MAX_SIZE = 10_000;

    /** Validates shapes, labels and values, and copies the arrays in. */
    public ProbeBatch {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(source, "source");
        if (size < 1 || inputDim < 1 || (long) size * inputDim != inputs.length) {
            throw new IllegalArgumentException("a probe batch needs P >= 1 inputs of dimension N_0 >= 1 filling its "
                    + inputs.length + " values, was P = " + size + ", N_0 = " + inputDim);
        }
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("a probe batch holds at most " + MAX_SIZE + " inputs, this one " + size);
        }
        if (labels.length != size) {
            throw new IllegalArgumentException("a probe batch of " + size + " inputs needs " + size + " labels, has "
                    + labels.length);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("a probe batch needs at least one class, was " + classes);
        }
        if (Arrays.stream(labels).anyMatch(c -> c < 0 || c >= classes)) {
            throw new IllegalArgumentException("probe labels must lie in [0, " + classes + ")");
        }
        if (Arrays.stream(inputs).anyMatch(v -> !Double.isFinite(v))) {
            throw new IllegalArgumentException("probe inputs must be finite");
        }
        inputs = inputs.clone();
        labels = labels.clone();
    }

    /** @return a fresh copy of the P × N_0 inputs */
    @Override
    public double[] inputs() {
        return inputs.clone();
    }

    /** @return a fresh copy of the labels */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /**
     * @return Y_c Y_cᵀ, P × P row-major, for the centred one-hot labels (Y_c)_μk = 1{y_μ = k} − n_k / P: entry
     *         (μ, ν) is 1{y_μ = y_ν} − n_{y_μ}/P − n_{y_ν}/P + Σ_k (n_k/P)². Classes that no label uses have zero
     *         columns in Y_c, so the cost is P² whatever {@link #classes()} says
     */
    public double[] centredLabelGram() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int label : labels) {
            counts.merge(label, 1, Integer::sum);
        }
        double[] share = new double[size];
        for (int mu = 0; mu < size; mu++) {
            share[mu] = counts.get(labels[mu]) / (double) size;
        }
        double squares = counts.values().stream().mapToDouble(n -> (double) n * n).sum() / ((double) size * size);
        double[] gram = new double[size * size];
        for (int mu = 0; mu < size; mu++) {
            for (int nu = 0; nu < size; nu++) {
                gram[mu * size + nu] = (labels[mu] == labels[nu] ? 1 : 0) - share[mu] - share[nu] + squares;
            }
        }
        return gram;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProbeBatch p && size == p.size && inputDim == p.inputDim && classes == p.classes
                && seed == p.seed && source.equals(p.source) && Arrays.equals(inputs, p.inputs)
                && Arrays.equals(labels, p.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, inputDim, classes, seed, source, Arrays.hashCode(inputs), Arrays.hashCode(labels));
    }

    @Override
    public String toString() {
        return "ProbeBatch[" + size + " x " + inputDim + ", " + classes + " classes, seed " + seed + ", " + source + "]";
    }
}
