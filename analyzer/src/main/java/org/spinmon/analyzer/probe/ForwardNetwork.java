package org.spinmon.analyzer.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spinmon.analyzer.linalg.DenseKernel;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;

/**
 * The network a snapshot describes, evaluated in float64 without any deep-learning framework
 * (landscape-and-kernels.md, "Shared inputs"): a^(0) = x, h^(l) = a^(l−1) W^(l) (+ b^(l) when the layer has
 * biases), a^(l) = φ_l(h^(l)), for l = 1 … L, on a batch of inputs (one per row). Units: inputs in the
 * trainer's input units (MNIST pixels scaled to [0, 1]), pre-activations h in the same units times weight units.
 *
 * <p>The matrix products a·W and g·Wᵀ are the {@link DenseKernel}'s hand-written {@link DenseKernel#mult} and
 * {@link DenseKernel#multTransB}, which read each block of W once for a block of input rows. They replaced EJML's
 * {@code CommonOps_DDRM.mult} and {@code multTransB}, which pass over W once per input row and sum each dot product
 * serially: measured on 784-512-256-128-10 with the Vector API kernel (BENCHMARKS.md, "Input-landscape sampler:
 * forward/backward kernel"), a {@link #classScore} on the sampler's 8 replicas takes 0.28 ms against 3.2 ms, and a
 * {@link #forward} on 512 probe inputs 10 ms against 76 ms; on the scalar kernel 2.1 ms and 82 ms (EJML's speed).
 * Results agree with EJML's to rounding (summation order and fused multiply-adds).
 *
 * <p>Every activation name is resolved when the network is built ({@link Activation#parse}): an unknown name is
 * an {@link IllegalArgumentException} naming the layer, never a silent identity. Softmax is accepted only on the
 * last layer. Immutable and thread-safe.
 */
public final class ForwardNetwork {

    private final List<double[]> weights;
    private final List<double[]> biases;
    private final List<Activation> activations;
    private final int[] widths;
    private final DenseKernel kernel;

    private ForwardNetwork(List<double[]> weights, List<double[]> biases, List<Activation> activations,
                           int[] widths, DenseKernel kernel) {
        this.weights = weights;
        this.biases = biases;
        this.activations = activations;
        this.widths = widths;
        this.kernel = kernel;
    }

    /**
     * @return the network of {@code layers} (W^(1) … W^(L), chaining), on the JVM's preferred kernel
     * @throws IllegalArgumentException when an activation is unknown, or softmax is not on the last layer
     */
    public static ForwardNetwork of(List<Layer> layers) {
        return of(layers, DenseKernel.preferred());
    }

    /** As {@link #of(List)}, with its products on {@code kernel}. */
    static ForwardNetwork of(List<Layer> layers, DenseKernel kernel) {
        List<double[]> weights = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        List<Activation> activations = new ArrayList<>();
        int[] widths = new int[layers.size() + 1];
        widths[0] = layers.get(0).nIn();
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            Activation a;
            try {
                a = Activation.parse(layer.activation());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + (l + 1) + " (\"" + layer.name() + "\"): " + e.getMessage(), e);
            }
            if (a == Activation.SOFTMAX && l < layers.size() - 1) {
                throw new IllegalArgumentException("layer " + (l + 1) + " (\"" + layer.name()
                        + "\"): softmax is supported only as the output activation");
            }
            weights.add(layer.weights());
            biases.add(layer.bias());
            activations.add(a);
            widths[l + 1] = layer.nOut();
        }
        return new ForwardNetwork(List.copyOf(weights), biases, List.copyOf(activations), widths, kernel);
    }

    /** @return the network of {@code snapshot}'s layers */
    public static ForwardNetwork of(Snapshot snapshot) {
        return of(snapshot.layers());
    }

    /** @return L, the number of layers */
    public int depth() {
        return weights.size();
    }

    /** @return N_0 … N_L */
    public int[] widths() {
        return widths.clone();
    }

    /** @return layer l's activation, l = 1 … L */
    public Activation activation(int l) {
        return activations.get(l - 1);
    }

    /**
     * Runs the batch {@code inputs} ({@code rows} × N_0, row-major) through the network.
     *
     * @return every layer's pre-activations and activations
     */
    public Activations forward(double[] inputs, int rows) {
        checkInputs(inputs, rows);
        List<double[]> pre = new ArrayList<>();
        List<double[]> post = new ArrayList<>();
        double[] a = inputs;
        for (int l = 0; l < weights.size(); l++) {
            double[] h = preActivation(a, rows, l);
            double[] out = new double[h.length];
            activations.get(l).apply(h, out, rows, widths[l + 1]);
            pre.add(h);
            post.add(out);
            a = out;
        }
        return new Activations(rows, widths, pre, post);
    }

    /**
     * The output pre-activation of class {@code c}, z_c(x) = h^(L)_c(x), for each input row, and its gradient
     * with respect to the input, ∇_x z_c, by back-propagation: g^(L) = e_c, g^(l−1) = (g^(l) W^(l)ᵀ) ⊙ φ'_{l−1}(h^(l−1)),
     * ∇_x z_c = g^(1) W^(1)ᵀ (the slopes as {@link Activation#slope} defines them).
     *
     * @param inputs {@code rows} × N_0, row-major
     * @param c      the output unit, 0 … N_L − 1
     */
    public ClassScore classScore(double[] inputs, int rows, int c) {
        checkInputs(inputs, rows);
        int outputs = widths[widths.length - 1];
        Objects.checkIndex(c, outputs);
        int depth = weights.size();
        double[][] pre = new double[depth][];
        double[] a = inputs;
        for (int l = 0; l < depth; l++) {
            pre[l] = preActivation(a, rows, l);
            if (l < depth - 1) {
                a = new double[pre[l].length];
                activations.get(l).apply(pre[l], a, rows, widths[l + 1]);
            }
        }
        double[] values = new double[rows];
        double[] g = new double[rows * outputs];
        for (int r = 0; r < rows; r++) {
            values[r] = pre[depth - 1][r * outputs + c];
            g[r * outputs + c] = 1;
        }
        for (int l = depth - 1; l >= 0; l--) {
            double[] below = new double[rows * widths[l]];
            kernel.multTransB(g, rows, weights.get(l), widths[l], widths[l + 1], below);
            if (l > 0) {
                Activation phi = activations.get(l - 1);
                double[] h = pre[l - 1];
                for (int i = 0; i < below.length; i++) {
                    below[i] *= phi.slope(h[i]);
                }
            }
            g = below;
        }
        return new ClassScore(rows, widths[0], values, g);
    }

    private double[] preActivation(double[] a, int rows, int l) {
        int cols = widths[l + 1];
        double[] h = new double[rows * cols];
        kernel.mult(a, rows, weights.get(l), widths[l], cols, h);
        double[] b = biases.get(l);
        if (b != null) {
            for (int i = 0; i < h.length; i++) {
                h[i] += b[i % cols];
            }
        }
        return h;
    }

    private void checkInputs(double[] inputs, int rows) {
        if (rows < 1 || (long) rows * widths[0] != inputs.length) {
            throw new IllegalArgumentException(inputs.length + " input values do not fill " + rows + " rows of "
                    + widths[0]);
        }
    }

    /**
     * One batch through the network.
     *
     * @param rows   the batch size P
     * @param widths N_0 … N_L
     * @param pre    h^(1) … h^(L), each P × N_l row-major (not copied: the caller owns the result)
     * @param post   a^(1) … a^(L) = φ_l(h^(l)); a^(L) is the network's output (softmax probabilities for a classifier)
     */
    public record Activations(int rows, int[] widths, List<double[]> pre, List<double[]> post) {

        /** Copies the lists (not the arrays, which only this result holds). */
        public Activations {
            widths = widths.clone();
            pre = List.copyOf(pre);
            post = List.copyOf(post);
        }

        /** @return h^(l), l = 1 … L, P × N_l row-major */
        public double[] pre(int l) {
            return pre.get(l - 1);
        }

        /** @return a^(l), l = 1 … L, P × N_l row-major */
        public double[] post(int l) {
            return post.get(l - 1);
        }

        /** @return N_l */
        public int width(int l) {
            return widths[l];
        }
    }

    /**
     * Class c's output pre-activation and its input gradient on a batch.
     *
     * @param rows      the batch size R
     * @param inputDim  N_0
     * @param values    z_c per row
     * @param gradients ∇_x z_c per row, R × N_0 row-major
     */
    public record ClassScore(int rows, int inputDim, double[] values, double[] gradients) {
    }
}
