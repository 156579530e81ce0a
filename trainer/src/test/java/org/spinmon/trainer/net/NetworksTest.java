package org.spinmon.trainer.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class NetworksTest {

    @Test
    void theDefaultNetworkHasTheConfiguredLayersAndNoBiases() {
        MultiLayerNetwork network = Networks.build(NetworkConfig.defaults(HiddenActivation.RELU, 3));
        assertEquals(Set.of("0_W", "1_W", "2_W", "3_W"), network.paramTable().keySet());
        int[][] shapes = {{784, 512}, {512, 256}, {256, 128}, {128, 10}};
        for (int l = 0; l < 4; l++) {
            assertArrayEquals(new long[]{shapes[l][0], shapes[l][1]}, network.getParam(l + "_W").shape());
            BaseLayer layer = (BaseLayer) network.getLayer(l).conf().getLayer();
            assertEquals(String.valueOf(l), layer.getLayerName());
            assertInstanceOf(WeightInitXavier.class, layer.getWeightInitFn());
            Adam adam = assertInstanceOf(Adam.class, layer.getIUpdater());
            assertEquals(1e-4, adam.getLearningRate());
            if (l < 3) {
                assertInstanceOf(DenseLayer.class, layer);
                assertInstanceOf(ActivationReLU.class, layer.getActivationFn());
            } else {
                OutputLayer output = assertInstanceOf(OutputLayer.class, layer);
                assertInstanceOf(ActivationSoftmax.class, output.getActivationFn());
                assertInstanceOf(LossMCXENT.class, output.getLossFn());
            }
        }
    }

    @Test
    void theBiasFlagAddsBiasesToEveryLayerAndTheActivationIsSign() {
        MultiLayerNetwork network = Networks.build(new NetworkConfig(List.of(784, 16, 10), HiddenActivation.SIGN,
                true, 1e-3, 3));
        assertEquals(Set.of("0_W", "0_b", "1_W", "1_b"), network.paramTable().keySet());
        assertEquals(16, network.getParam("0_b").length());
        assertInstanceOf(SignSte.class, ((BaseLayer) network.getLayer(0).conf().getLayer()).getActivationFn());
    }

    @Test
    void theSeedFixesTheInitialWeights() {
        NetworkConfig config = new NetworkConfig(List.of(784, 16, 10), HiddenActivation.RELU, false, 1e-3, 3);
        assertEquals(Networks.build(config).params(), Networks.build(config).params());
        NetworkConfig other = new NetworkConfig(List.of(784, 16, 10), HiddenActivation.RELU, false, 1e-3, 4);
        assertNotEquals(Networks.build(config).params(), Networks.build(other).params());
    }
}
