package org.spinmon.trainer.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SignSteTest {

    private static final double[] X = {-2, -1.0001, -1, -0.5, -1e-7, 0, 1e-7, 0.5, 1, 1.0001, 2};

    @Test
    void forwardIsSignWithZeroMappedToPlusOne() {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            INDArray out = new SignSte().getActivation(Nd4j.createFromArray(X).castTo(type), true);
            assertArrayEquals(new double[]{-1, -1, -1, -1, -1, 1, 1, 1, 1, 1, 1}, out.toDoubleVector(), type.name());
            assertEquals(type, out.dataType());
        }
    }

    @Test
    void backwardPassesTheGradientThroughOnlyInsideTheClosedUnitWindow() {
        double[] eps = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        INDArray epsilon = Nd4j.createFromArray(eps);
        Pair<INDArray, INDArray> grads = new SignSte().backprop(Nd4j.createFromArray(X), epsilon);
        assertArrayEquals(new double[]{0, 0, 3, 4, 5, 6, 7, 8, 9, 0, 0}, grads.getFirst().toDoubleVector());
        assertNull(grads.getSecond(), "no parameters, no parameter gradient");
        assertArrayEquals(eps, epsilon.toDoubleVector(), "epsilon is left as it was");
    }

    @Test
    void aBinarizedNetworksHiddenUnitsAreSpinsAndItsConfigurationSurvivesJson() {
        NetworkConfig config = new NetworkConfig(List.of(784, 16, 8, 10), HiddenActivation.SIGN, false,
                1e-3, 5);
        MultiLayerNetwork network = Networks.build(config);
        INDArray input = Nd4j.rand(DataType.FLOAT, 3, 784);
        List<INDArray> activations = network.feedForward(input, false);
        for (int layer = 1; layer <= 2; layer++) {
            for (double s : activations.get(layer).ravel().toDoubleVector()) {
                assertEquals(1.0, Math.abs(s), "hidden layer " + layer + " unit " + s);
            }
        }
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()));
    }
}
