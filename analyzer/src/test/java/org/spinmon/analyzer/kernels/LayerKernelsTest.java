package org.spinmon.analyzer.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.probe.ForwardNetwork;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.snapshot.Layer;

class LayerKernelsTest {

    @Test
    void aKernelEqualToTheLabelsOuterProductIsFullyAligned() {
        // Four inputs of two classes; the layer's pre-activations are the centred one-hot labels themselves.
        int[] labels = {0, 1, 1, 0};
        ProbeBatch probe = new ProbeBatch(new double[4], 4, 1, labels, 2, 0, "t");
        double[] yy = probe.centredLabelGram();
        double yyNorm = Math.sqrt(java.util.Arrays.stream(yy).map(v -> v * v).sum());
        assertEquals(1, LayerKernels.alignment(yy, yy, yyNorm, 4), 1e-12);
        double[] negated = java.util.Arrays.stream(yy).map(v -> -v).toArray();
        assertEquals(-1, LayerKernels.alignment(negated, yy, yyNorm, 4), 1e-12);
        // A constant kernel is pure mean: nothing left after centring.
        assertTrue(Double.isNaN(LayerKernels.alignment(new double[]{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
                yy, yyNorm, 4)));
    }

    @Test
    void theEffectiveRankOfAnIsotropicRankRKernelIsR() {
        // K = diag(1, 1, 1, 0, 0): rank 3, isotropic.
        double[] k = new double[25];
        for (int i = 0; i < 3; i++) {
            k[i * 5 + i] = 2.5;
        }
        assertEquals(3, LayerKernels.effectiveRank(k, 5), 1e-12);
    }

    @Test
    void aTwoPointDistributionHasExcessKurtosisMinusTwoAndConstantNeuronsAreLeftOut() {
        // Column 0 alternates ±1 (kurtosis 1 − 3 = −2); column 1 is constant (zero variance, left out).
        double[] h = {1, 5, -1, 5, 1, 5, -1, 5};
        double[] kurtosis = LayerKernels.excessKurtosis(h, 4, 2);
        assertEquals(-2, kurtosis[0], 1e-12);
        assertEquals(0, kurtosis[1], 1e-12);
    }

    @Test
    void theChangeFromInitIsZeroForTheSameNetworkAndGrowsWithTheWeights() {
        List<Layer> layers = List.of(Layer.of("0", "tanh", 2, 3, new double[]{1, -1, 0.5, 0.3, 2, -1}),
                Layer.of("1", "identity", 3, 1, new double[]{1, 1, 1}));
        double[] x = {1, 0, 0, 1, 1, 1};
        ProbeBatch probe = new ProbeBatch(x, 3, 2, new int[]{0, 1, 1}, 2, 0, "t");
        ForwardNetwork.Activations a = ForwardNetwork.of(layers).forward(x, 3);
        KernelReference reference = LayerKernels.reference(a);
        KernelLayer same = LayerKernels.of(a, reference, probe).get(0);
        assertEquals(0, same.change(), 0);
        assertEquals(1, LayerKernels.of(a, null, probe).size(), "one hidden layer, the output has no kernel view");
        assertTrue(Double.isNaN(LayerKernels.of(a, null, probe).get(0).change()));
        // Doubling the first layer's weights quadruples K_1: ‖4K − K‖ / ‖K‖ = 3.
        List<Layer> doubled = List.of(Layer.of("0", "tanh", 2, 3, new double[]{2, -2, 1, 0.6, 4, -2}), layers.get(1));
        KernelLayer moved = LayerKernels.of(ForwardNetwork.of(doubled).forward(x, 3), reference, probe).get(0);
        assertEquals(3, moved.change(), 1e-12);
    }
}
