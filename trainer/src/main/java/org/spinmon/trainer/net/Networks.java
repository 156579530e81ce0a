package org.spinmon.trainer.net;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the MLPs spinmon trains: L fully connected layers of widths N_0 → N_1 → … → N_L, hidden layers with
 * the configured activation (ReLU, or sign with the straight-through estimator for the binarized network), a softmax
 * output layer trained with multi-class cross-entropy (DL4J's MCXENT, in nats), Xavier initialisation
 * (Glorot and Bengio 2010: W ~ N(0, 2 / (nIn + nOut))), Adam (Kingma and Ba 2015; DL4J's defaults β₁ = 0.9,
 * β₂ = 0.999, ε = 1e-8) with the configured learning rate, float32 parameters, and biases only when configured.
 *
 * <p>Layer l (0-based) is named {@code "l"} (DL4J's default would be {@code "layerl"}), matching its parameter keys:
 * the weights are parameter {@code "l_W"} (nIn × nOut) and, with biases, {@code "l_b"} (nOut entries).
 */
public final class Networks {

    private Networks() {
    }

    /** @return the network described by {@code config}, initialised with its seed and ready to train */
    public static MultiLayerNetwork build(NetworkConfig config) {
        List<Integer> widths = config.widths();
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(config.learningRate()))
                .list();
        int depth = config.depth();
        for (int l = 0; l < depth - 1; l++) {
            layers.layer(new DenseLayer.Builder()
                    .name(String.valueOf(l))
                    .nIn(widths.get(l)).nOut(widths.get(l + 1))
                    .activation(config.activation().function())
                    .hasBias(config.bias())
                    .build());
        }
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .name(String.valueOf(depth - 1))
                .nIn(widths.get(depth - 1)).nOut(widths.get(depth))
                .activation(Activation.SOFTMAX)
                .hasBias(config.bias())
                .build());
        MultiLayerNetwork network = new MultiLayerNetwork(layers.build());
        network.init();
        return network;
    }
}
