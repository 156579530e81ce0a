package org.spinmon.trainer.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.spinmon.trainer.mnist.Mnist;
import org.spinmon.trainer.mnist.TestMnist;

/**
 * The straight-through estimator carries enough gradient for a binarized network to learn MNIST with the default
 * learning rate, and it reaches the first layer (through two sign layers), whose weights a zero gradient would
 * leave untouched under Adam.
 */
class BinarizedTrainingTest {

    @Test
    void aBinarizedNetworkLearnsOverOneHundredStepsDownToItsFirstLayer() throws Exception {
        MultiLayerNetwork network = Networks.build(new NetworkConfig(List.of(784, 64, 32, 10), HiddenActivation.SIGN,
                false, NetworkConfig.DEFAULT_LEARNING_RATE, 17));
        INDArray initialFirstLayer = network.getParam("0_W").dup();
        DataSetIterator examples = Mnist.train(TestMnist.unpacked(), 64, 17, 6400);
        List<Double> losses = new ArrayList<>();
        while (examples.hasNext()) {
            network.fit(examples.next());
            losses.add(network.score());
        }
        assertEquals(100, losses.size());
        double first = mean(losses.subList(0, 10));
        double last = mean(losses.subList(90, 100));
        assertTrue(last < 0.8 * first, "mean loss of the first ten steps " + first + ", of the last ten " + last);
        double moved = network.getParam("0_W").sub(initialFirstLayer).norm2Number().doubleValue();
        assertTrue(moved > 1e-3, "the first layer's weights moved by only " + moved);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
