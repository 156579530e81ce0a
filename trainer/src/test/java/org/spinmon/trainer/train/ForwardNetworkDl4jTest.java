package org.spinmon.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.spinmon.analyzer.probe.Activation;
import org.spinmon.analyzer.probe.ForwardNetwork;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.trainer.mnist.Mnist;
import org.spinmon.trainer.mnist.ProbeBatches;
import org.spinmon.trainer.mnist.TestMnist;
import org.spinmon.trainer.net.HiddenActivation;
import org.spinmon.trainer.net.NetworkConfig;
import org.spinmon.trainer.net.Networks;

/**
 * The analyzer's framework-neutral forward pass ({@link ForwardNetwork}, float64) on a trainer snapshot gives what
 * DL4J (float32) computes with the same weights on the same probe batch: the default network 784-512-256-128-10,
 * ReLU and binarized (sign), with and without biases, untrained and after five Adam steps, on the default probe
 * batch of 512 MNIST test images.
 *
 * <p>Tolerances (float32 against float64; measured maxima on this build in brackets):
 * <ul>
 *   <li>softmax probabilities, {@code network.output} and the last {@code feedForward} entry: relative,
 *       |Δp| ≤ 1e-5 · p [2.8e-6];</li>
 *   <li>hidden ReLU activations: |Δa| ≤ 1e-5 · (|a| + the layer's RMS activation) [2.3e-6], since a unit next to
 *       zero keeps only float32's absolute accuracy;</li>
 *   <li>hidden sign activations: exactly equal (±1). A unit may come out on the other side only when its
 *       pre-activation is within float32's summation error of zero, |h| ≤ 1e-5 · (Σ_i |a_i W_ij| + |b_j|); the
 *       rest of such an input's pass legitimately differs, so the input is then left out of the later
 *       comparisons, and at most 1 % of the batch may be (none is on this build).</li>
 * </ul>
 */
class ForwardNetworkDl4jTest {

    private static final double TOLERANCE = 1e-5;
    private static final double SIGN_RESOLUTION = 1e-5;
    private static final int STEPS = 5;

    private static ProbeBatch probe;
    private static INDArray input;

    @BeforeAll
    static void probeBatch() throws Exception {
        probe = ProbeBatches.fromTestSet(TestMnist.dir(), ProbeBatches.DEFAULT_SIZE, 3);
        double[] x = probe.inputs();
        float[] values = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = (float) x[i];
        }
        input = Nd4j.create(values, new long[]{probe.size(), probe.inputDim()}, 'c');
    }

    @ParameterizedTest(name = "{0}, biases {1}")
    @CsvSource({"RELU, false", "RELU, true", "SIGN, false", "SIGN, true"})
    void theForwardPassOfASnapshotEqualsDl4jsBeforeAndAfterTraining(HiddenActivation activation, boolean bias)
            throws Exception {
        NetworkConfig config = new NetworkConfig(NetworkConfig.DEFAULT_WIDTHS, activation, bias, 1e-3, 5);
        MultiLayerNetwork network = Networks.build(config);
        Snapshot initial = snapshot(network, config, 0);
        assertSameForward(network, initial, "untrained");

        DataSetIterator examples = Mnist.train(TestMnist.unpacked(), 64, 5, 64 * STEPS);
        while (examples.hasNext()) {
            network.fit(examples.next());
        }
        Snapshot trained = snapshot(network, config, STEPS);
        for (int l = 0; l < config.depth(); l++) {
            Layer before = initial.layers().get(l);
            Layer after = trained.layers().get(l);
            assertFalse(Arrays.equals(before.weights(), after.weights()), "layer " + l + "'s weights trained");
            if (bias) {
                assertTrue(Arrays.stream(after.bias()).anyMatch(b -> b != 0), "layer " + l + "'s biases trained");
            }
        }
        assertSameForward(network, trained, "after " + STEPS + " steps");
    }

    @Test
    void anUnknownActivationNameInASnapshotIsAClearError() {
        NetworkConfig config = new NetworkConfig(List.of(784, 8, 10), HiddenActivation.RELU, false, 1e-3, 5);
        List<Layer> layers = DetachedWeights.copy(Networks.build(config), List.of("swish", "softmax"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForwardNetwork.of(layers));
        assertTrue(e.getMessage().startsWith("layer 1 (\"0\"): unknown activation \"swish\": the forward pass knows"
                + " relu, tanh, sin, identity, sign, softmax"), e.getMessage());
    }

    private static Snapshot snapshot(MultiLayerNetwork network, NetworkConfig config, long step) {
        List<Snapshot> recorded = new ArrayList<>();
        new SnapshotListener("forward", new SnapshotSchedule(0, STEPS, STEPS), config.activationNames(), List.of(),
                n -> Double.NaN, false, recorded::add).record(network, step, Double.NaN);
        return recorded.get(0);
    }

    private static void assertSameForward(MultiLayerNetwork network, Snapshot snapshot, String when) {
        int rows = probe.size();
        ForwardNetwork forward = ForwardNetwork.of(snapshot);
        ForwardNetwork.Activations ours = forward.forward(probe.inputs(), rows);
        List<INDArray> dl4j = network.feedForward(input, false);
        int depth = forward.depth();
        assertEquals(depth + 1, dl4j.size());
        boolean[] flipped = new boolean[rows];
        for (int l = 1; l <= depth; l++) {
            String what = when + ", layer " + l + " (" + forward.activation(l).label() + ")";
            float[] theirs = values(dl4j.get(l));
            switch (forward.activation(l)) {
                case SOFTMAX -> assertRelative(ours.post(l), theirs, flipped, what);
                case SIGN -> assertSigns(snapshot.layers().get(l - 1), l == 1 ? probe.inputs() : ours.post(l - 1),
                        ours.pre(l), ours.post(l), theirs, flipped, what);
                default -> assertWithinLayerScale(ours.post(l), theirs, flipped, what);
            }
        }
        assertRelative(ours.post(depth), values(network.output(input, false)), flipped, when + ", network.output");
        long left = count(flipped);
        assertTrue(left <= rows / 100, when + ": " + left + " of " + rows + " inputs met a sign at float32 resolution");
    }

    private static void assertRelative(double[] ours, float[] theirs, boolean[] flipped, String what) {
        int cols = ours.length / flipped.length;
        for (int i = 0; i < ours.length; i++) {
            if (!flipped[i / cols] && !(Math.abs(theirs[i] - ours[i]) <= TOLERANCE * Math.abs(ours[i]))) {
                throw new AssertionError(what + ", element " + i + ": DL4J " + theirs[i] + ", spinmon " + ours[i]);
            }
        }
    }

    private static void assertWithinLayerScale(double[] ours, float[] theirs, boolean[] flipped, String what) {
        int cols = ours.length / flipped.length;
        double rms = Math.sqrt(Arrays.stream(ours).map(a -> a * a).sum() / ours.length);
        assertTrue(rms > 0, what + " is all zero");
        for (int i = 0; i < ours.length; i++) {
            if (!flipped[i / cols] && !(Math.abs(theirs[i] - ours[i]) <= TOLERANCE * (Math.abs(ours[i]) + rms))) {
                throw new AssertionError(what + ", element " + i + ": DL4J " + theirs[i] + ", spinmon " + ours[i]
                        + ", layer RMS " + rms);
            }
        }
    }

    private static void assertSigns(Layer layer, double[] below, double[] pre, double[] ours, float[] theirs,
                                    boolean[] flipped, String what) {
        int cols = layer.nOut();
        double[] magnitude = magnitudes(layer, below, flipped.length);
        for (int i = 0; i < ours.length; i++) {
            int row = i / cols;
            if (flipped[row] || ours[i] == theirs[i]) {
                continue;
            }
            if (!(Math.abs(pre[i]) <= SIGN_RESOLUTION * magnitude[i])) {
                throw new AssertionError(what + ", element " + i + ": DL4J " + theirs[i] + ", spinmon " + ours[i]
                        + " at h = " + pre[i] + ", beyond float32 resolution " + SIGN_RESOLUTION * magnitude[i]);
            }
            flipped[row] = true;
        }
    }

    /** @return Σ_i |a_i W_ij| + |b_j| per input and unit: the scale of float32's summation error in h_j */
    private static double[] magnitudes(Layer layer, double[] below, int rows) {
        double[] absW = Arrays.stream(layer.weights()).map(Math::abs).toArray();
        double[] absB = layer.bias() == null ? null : Arrays.stream(layer.bias()).map(Math::abs).toArray();
        double[] absA = Arrays.stream(below).map(Math::abs).toArray();
        Layer magnitude = new Layer(layer.name(), Activation.IDENTITY.label(), layer.nIn(), layer.nOut(), absW, absB);
        return ForwardNetwork.of(List.of(magnitude)).forward(absA, rows).post(1);
    }

    private static float[] values(INDArray array) {
        return array.dup('c').data().asFloat();
    }

    private static long count(boolean[] flags) {
        long n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }
}
