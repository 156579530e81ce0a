package org.spinmon.trainer.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The shape and optimiser of an MLP as {@link Networks#build} makes it.
 *
 * @param widths       the spin-layer widths N_0 … N_L, input first: at least two entries, each ≥ 1, and every weight
 *                     matrix N_k × N_{k+1} at most {@link #MAX_LAYER_WEIGHTS} weights; the network has
 *                     L = widths.size() − 1 weight matrices, L − 1 hidden layers and a softmax output layer
 * @param activation   the activation of every hidden layer
 * @param bias         whether every layer carries biases (off by default: the spin model has no local fields)
 * @param learningRate Adam's learning rate, finite and > 0 (dimensionless step scale)
 * @param seed         the seed of the weight initialisation
 */
public record NetworkConfig(List<Integer> widths, HiddenActivation activation, boolean bias, double learningRate,
                            long seed) {

    /** The default widths for MNIST: 784-512-256-128-10. */
    public static final List<Integer> DEFAULT_WIDTHS = List.of(784, 512, 256, 128, 10);
    /** The default Adam learning rate, 1e-4. */
    public static final double DEFAULT_LEARNING_RATE = 1e-4;
    /**
     * The most weights one layer may have, 2³¹ − 9: a snapshot holds each layer's weights in one Java array, and
     * this is the largest array every JVM allocates.
     */
    public static final int MAX_LAYER_WEIGHTS = Integer.MAX_VALUE - 8;
    /** The activation name of the output layer in snapshots and run manifests. */
    public static final String OUTPUT_ACTIVATION = "softmax";

    /** Validates every field; the messages name the field and what it allows. */
    public NetworkConfig {
        Objects.requireNonNull(widths, "widths");
        Objects.requireNonNull(activation, "activation");
        if (widths.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("widths must not contain null: " + widths);
        }
        widths = List.copyOf(widths);
        if (widths.size() < 2 || widths.stream().anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("widths must list at least two layer widths, each >= 1, was " + widths);
        }
        for (int k = 0; k + 1 < widths.size(); k++) {
            if ((long) widths.get(k) * widths.get(k + 1) > MAX_LAYER_WEIGHTS) {
                throw new IllegalArgumentException("widths must give every layer at most " + MAX_LAYER_WEIGHTS
                        + " weights, was " + widths + " (layer " + (k + 1) + ": " + widths.get(k) + " x "
                        + widths.get(k + 1) + ")");
            }
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, was " + learningRate);
        }
    }

    /** @return the default network (784-512-256-128-10, no biases, learning rate 1e-4) with {@code activation} */
    public static NetworkConfig defaults(HiddenActivation activation, long seed) {
        return new NetworkConfig(DEFAULT_WIDTHS, activation, false, DEFAULT_LEARNING_RATE, seed);
    }

    /** @return L, the number of weight matrices */
    public int depth() {
        return widths.size() - 1;
    }

    /** @return the L activation names, one per weight matrix: the hidden activation's label, then {@code softmax} */
    public List<String> activationNames() {
        List<String> names = new ArrayList<>(Collections.nCopies(depth() - 1, activation.label()));
        names.add(OUTPUT_ACTIVATION);
        return List.copyOf(names);
    }
}
