package org.spinmon.analyzer.probe;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The activations φ of the framework-neutral forward pass (landscape-and-kernels.md, "Shared inputs"), by the
 * names snapshots carry. Element-wise: relu max(0, h), tanh, sin, identity h, sign (+1 for h ≥ 0, −1 otherwise,
 * the binarized network's {@code SignSte}; NaN maps to −1 as there). Row-wise: softmax, e^{h_j} / Σ_k e^{h_k},
 * computed with the row maximum subtracted (exact, overflow-free); only as the output activation.
 *
 * <p>{@link #slope} is the derivative used to back-propagate to the inputs: φ'(h) for relu (0 at h ≤ 0),
 * tanh, sin and identity. Sign is flat almost everywhere; its slope here is the straight-through estimator
 * 1{|h| ≤ 1} the trainer uses, so that a gradient-driven proposal still has a drift. The sampler that uses it
 * corrects every move with the exact energies, so this choice shapes only the proposal, never the target.
 */
public enum Activation {
    /** max(0, h). */
    RELU("relu"),
    /** tanh(h). */
    TANH("tanh"),
    /** sin(h), the nonlinearity of Hanin and Winer's replica-symmetry-breaking example. */
    SIN("sin"),
    /** h. */
    IDENTITY("identity"),
    /** sign(h) ∈ {−1, +1}, sign(0) = +1. */
    SIGN("sign"),
    /** Row-wise softmax; the output layer only. */
    SOFTMAX("softmax");

    private static final Map<String, Activation> ALIASES = Map.of("linear", IDENTITY, "none", IDENTITY);

    private final String label;

    Activation(String label) {
        this.label = label;
    }

    /** @return the name snapshots use */
    public String label() {
        return label;
    }

    /**
     * @param name an activation name from a snapshot (case ignored; {@code linear} and {@code none} mean identity)
     * @throws IllegalArgumentException naming the known activations: an unknown name is never read as identity
     */
    public static Activation parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        Activation alias = ALIASES.get(wanted);
        if (alias != null) {
            return alias;
        }
        return Arrays.stream(values()).filter(a -> a.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown activation \"" + name
                        + "\": the forward pass knows " + Arrays.stream(values()).map(Activation::label)
                        .collect(Collectors.joining(", ")) + " (and linear or none for identity)"));
    }

    /** Writes φ(h) into {@code a}: {@code rows} rows of {@code cols}, row-major; {@code a} may be {@code h}. */
    public void apply(double[] h, double[] a, int rows, int cols) {
        if (this == SOFTMAX) {
            for (int r = 0; r < rows; r++) {
                softmaxRow(h, a, r * cols, cols);
            }
            return;
        }
        int n = rows * cols;
        for (int i = 0; i < n; i++) {
            a[i] = value(h[i]);
        }
    }

    /** @return φ(h) of an element-wise activation */
    public double value(double h) {
        return switch (this) {
            case RELU -> h > 0 ? h : 0;
            case TANH -> Math.tanh(h);
            case SIN -> Math.sin(h);
            case IDENTITY -> h;
            case SIGN -> h >= 0 ? 1 : -1;
            case SOFTMAX -> throw new IllegalStateException("softmax is row-wise");
        };
    }

    /** @return the slope at h used for back-propagation (see the class comment for sign) */
    public double slope(double h) {
        return switch (this) {
            case RELU -> h > 0 ? 1 : 0;
            case TANH -> {
                double t = Math.tanh(h);
                yield 1 - t * t;
            }
            case SIN -> Math.cos(h);
            case IDENTITY -> 1;
            case SIGN -> Math.abs(h) <= 1 ? 1 : 0;
            case SOFTMAX -> throw new IllegalStateException("softmax has no element-wise slope");
        };
    }

    private static void softmaxRow(double[] h, double[] a, int from, int cols) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = from; j < from + cols; j++) {
            max = Math.max(max, h[j]);
        }
        double sum = 0;
        for (int j = from; j < from + cols; j++) {
            a[j] = Math.exp(h[j] - max);
            sum += a[j];
        }
        for (int j = from; j < from + cols; j++) {
            a[j] /= sum;
        }
    }
}
