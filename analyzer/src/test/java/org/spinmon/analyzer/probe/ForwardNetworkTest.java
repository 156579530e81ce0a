package org.spinmon.analyzer.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.spinmon.analyzer.snapshot.Layer;

class ForwardNetworkTest {

    @Test
    void twoLayerReluNetworkByHand() {
        // x = (1, −2); W1 = [[1, −1], [2, 1]] → h1 = (1·1 + −2·2, 1·−1 + −2·1) = (−3, −3) + b1 (4, 0) = (1, −3)
        // a1 = relu = (1, 0); W2 = [[2], [5]] → h2 = 2; identity output.
        ForwardNetwork net = ForwardNetwork.of(List.of(
                new Layer("0", "relu", 2, 2, new double[]{1, -1, 2, 1}, new double[]{4, 0}),
                Layer.of("1", "identity", 2, 1, new double[]{2, 5})));
        ForwardNetwork.Activations a = net.forward(new double[]{1, -2}, 1);
        assertArrayEquals(new double[]{1, -3}, a.pre(1), 0);
        assertArrayEquals(new double[]{1, 0}, a.post(1), 0);
        assertArrayEquals(new double[]{2}, a.pre(2), 0);
        // ∂z/∂x = W1 · (relu'(h1) ⊙ W2) = W1 · (2, 0) = (2, 4)
        ForwardNetwork.ClassScore s = net.classScore(new double[]{1, -2}, 1, 0);
        assertArrayEquals(new double[]{2}, s.values(), 0);
        assertArrayEquals(new double[]{2, 4}, s.gradients(), 0);
    }

    @Test
    void softmaxRowsSumToOneAndKeepOrder() {
        ForwardNetwork net = ForwardNetwork.of(List.of(Layer.of("0", "softmax", 1, 3, new double[]{1000, 1001, 999})));
        double[] p = net.forward(new double[]{1, 2}, 2).post(1);
        for (int r = 0; r < 2; r++) {
            assertEquals(1, p[3 * r] + p[3 * r + 1] + p[3 * r + 2], 1e-15);
            assertTrue(p[3 * r + 1] > p[3 * r] && p[3 * r] > p[3 * r + 2]);
        }
        assertEquals(Math.exp(-1) / (1 + Math.exp(-1) + Math.exp(-2)), p[0], 1e-15);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "TANH", "SIN", "IDENTITY"})
    void inputGradientMatchesCentralDifferences(Activation phi) {
        SplittableRandom random = new SplittableRandom(7);
        int[] widths = {6, 5, 4, 3};
        ForwardNetwork net = ForwardNetwork.of(List.of(
                layer("0", phi.label(), widths[0], widths[1], random, true),
                layer("1", phi.label(), widths[1], widths[2], random, false),
                layer("2", "softmax", widths[2], widths[3], random, true)));
        double[] x = new double[2 * widths[0]];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        ForwardNetwork.ClassScore s = net.classScore(x, 2, 1);
        double h = 1e-6;
        for (int i = 0; i < x.length; i++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += h;
            down[i] -= h;
            int row = i / widths[0];
            double numeric = (net.classScore(up, 2, 1).values()[row] - net.classScore(down, 2, 1).values()[row]) / (2 * h);
            assertEquals(numeric, s.gradients()[i], 1e-6, phi + " input " + i);
        }
    }

    @Test
    void unknownActivationIsAClearErrorNamingTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForwardNetwork.of(List.of(
                Layer.of("0", "relu", 2, 2, new double[4]), Layer.of("dense_7", "gelu", 2, 1, new double[2]))));
        assertTrue(e.getMessage().contains("layer 2 (\"dense_7\")") && e.getMessage().contains("gelu")
                && e.getMessage().contains("relu, tanh, sin, identity, sign, softmax"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ForwardNetwork.of(List.of(
                Layer.of("0", "softmax", 2, 2, new double[4]), Layer.of("1", "identity", 2, 1, new double[2]))));
    }

    @Test
    void signIsPlusOneAtZeroAndMinusOneForNaN() {
        assertEquals(1, Activation.SIGN.value(0.0));
        assertEquals(1, Activation.SIGN.value(-0.0));
        assertEquals(-1, Activation.SIGN.value(-1e-300));
        assertEquals(-1, Activation.SIGN.value(Double.NaN));
        assertEquals(Activation.IDENTITY, Activation.parse(" Linear "));
    }

    @Test
    void inputsThatDoNotFillTheRowsAreRejected() {
        ForwardNetwork net = ForwardNetwork.of(List.of(Layer.of("0", "relu", 3, 1, new double[3])));
        assertThrows(IllegalArgumentException.class, () -> net.forward(new double[5], 2));
    }

    static Layer layer(String name, String activation, int nIn, int nOut, SplittableRandom random, boolean bias) {
        double[] w = new double[nIn * nOut];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() / Math.sqrt(nIn);
        }
        double[] b = null;
        if (bias) {
            b = new double[nOut];
            for (int i = 0; i < nOut; i++) {
                b[i] = 0.1 * random.nextGaussian();
            }
        }
        return new Layer(name, activation, nIn, nOut, w, b);
    }
}
