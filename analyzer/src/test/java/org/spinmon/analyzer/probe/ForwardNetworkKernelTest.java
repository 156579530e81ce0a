package org.spinmon.analyzer.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.linalg.DenseKernel;
import org.spinmon.analyzer.snapshot.Layer;

/**
 * The forward pass and the input gradient on the hand-written kernels equal the same computation on EJML's
 * {@code CommonOps_DDRM.mult} and {@code multTransB} (the products the network used before) to 1e-12 of each
 * result's largest magnitude, on both kernels: random networks with biases on alternate layers, every activation,
 * widths around the kernels' blocks of 1, 2 and 4 vectors, and batches of 1 to 33 rows.
 */
class ForwardNetworkKernelTest {

    private static final int[] WIDTHS = {45, 70, 33, 17, 10};
    private static final int[] ROWS = {1, 3, 8, 13, 33};

    @Nested
    class Scalar extends Checks {
        @Override
        DenseKernel kernel() {
            return DenseKernel.scalar();
        }
    }

    @Nested
    class Vector extends Checks {
        @Override
        DenseKernel kernel() {
            assumeFalse(DenseKernel.preferred().name().equals("scalar"), "the Vector API kernel is not in use");
            return DenseKernel.preferred();
        }
    }

    abstract static class Checks {

        abstract DenseKernel kernel();

        @Test
        void classScoresAndForwardPassesEqualEjmlOnEveryActivation() {
            for (Activation phi : Activation.values()) {
                SplittableRandom random = new SplittableRandom(phi.ordinal() + 11);
                List<Layer> layers = network(phi, random);
                ForwardNetwork net = ForwardNetwork.of(layers, kernel());
                for (int rows : ROWS) {
                    double[] x = gaussian(rows * WIDTHS[0], random);
                    String what = phi.label() + ", " + rows + " rows";
                    Reference expected = new Reference(layers, x, rows);
                    int c = rows % WIDTHS[WIDTHS.length - 1];
                    ForwardNetwork.ClassScore s = net.classScore(x, rows, c);
                    assertClose(expected.classValues(c), s.values(), "z_c, " + what);
                    assertClose(expected.gradients(c), s.gradients(), "∇z_c, " + what);
                    ForwardNetwork.Activations a = net.forward(x, rows);
                    for (int l = 1; l < WIDTHS.length; l++) {
                        assertClose(expected.pre.get(l - 1).data, a.pre(l), "h of layer " + l + ", " + what);
                        assertClose(expected.post.get(l - 1).data, a.post(l), "a of layer " + l + ", " + what);
                    }
                }
            }
        }
    }

    /** Hidden layers and the output on φ (softmax: relu hidden layers), biases on layers 1 and 3. */
    private static List<Layer> network(Activation phi, SplittableRandom random) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < WIDTHS.length; l++) {
            boolean output = l + 2 == WIDTHS.length;
            String activation = phi == Activation.SOFTMAX && !output ? "relu" : phi.label();
            double scale = Math.sqrt(2.0 / (WIDTHS[l] + WIDTHS[l + 1]));
            double[] w = gaussian(WIDTHS[l] * WIDTHS[l + 1], random);
            for (int i = 0; i < w.length; i++) {
                w[i] *= scale;
            }
            double[] b = l % 2 == 0 ? gaussian(WIDTHS[l + 1], random) : null;
            layers.add(new Layer(Integer.toString(l), activation, WIDTHS[l], WIDTHS[l + 1], w, b));
        }
        return layers;
    }

    private static double[] gaussian(int n, SplittableRandom random) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * scale, what + " at " + i);
        }
    }

    /** The forward pass and back-propagation on EJML's products, as {@link ForwardNetwork} computed them before. */
    private static final class Reference {

        private final List<Layer> layers;
        private final List<Activation> activations = new ArrayList<>();
        private final List<DMatrixRMaj> pre = new ArrayList<>();
        private final List<DMatrixRMaj> post = new ArrayList<>();
        private final int rows;

        Reference(List<Layer> layers, double[] x, int rows) {
            this.layers = layers;
            this.rows = rows;
            DMatrixRMaj a = DMatrixRMaj.wrap(rows, layers.get(0).nIn(), x);
            for (Layer layer : layers) {
                Activation phi = Activation.parse(layer.activation());
                DMatrixRMaj h = new DMatrixRMaj(rows, layer.nOut());
                CommonOps_DDRM.mult(a, DMatrixRMaj.wrap(layer.nIn(), layer.nOut(), layer.weights()), h);
                if (layer.hasBias()) {
                    double[] b = layer.bias();
                    for (int i = 0; i < h.data.length; i++) {
                        h.data[i] += b[i % b.length];
                    }
                }
                DMatrixRMaj out = new DMatrixRMaj(rows, layer.nOut());
                phi.apply(h.data, out.data, rows, layer.nOut());
                activations.add(phi);
                pre.add(h);
                post.add(out);
                a = out;
            }
        }

        double[] classValues(int c) {
            double[] z = new double[rows];
            for (int r = 0; r < rows; r++) {
                z[r] = pre.get(pre.size() - 1).get(r, c);
            }
            return z;
        }

        double[] gradients(int c) {
            int depth = layers.size();
            DMatrixRMaj g = new DMatrixRMaj(rows, layers.get(depth - 1).nOut());
            for (int r = 0; r < rows; r++) {
                g.set(r, c, 1);
            }
            for (int l = depth - 1; l >= 0; l--) {
                Layer layer = layers.get(l);
                DMatrixRMaj below = new DMatrixRMaj(rows, layer.nIn());
                CommonOps_DDRM.multTransB(g, DMatrixRMaj.wrap(layer.nIn(), layer.nOut(), layer.weights()), below);
                if (l > 0) {
                    double[] h = pre.get(l - 1).data;
                    for (int i = 0; i < below.data.length; i++) {
                        below.data[i] *= activations.get(l - 1).slope(h[i]);
                    }
                }
                g = below;
            }
            return g.data;
        }
    }
}
