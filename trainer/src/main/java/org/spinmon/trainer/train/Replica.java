package org.spinmon.trainer.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.spinmon.trainer.mnist.Mnist;
import org.spinmon.trainer.net.Networks;

/**
 * One of the R networks a run trains side by side, with its own iterator over the training examples.
 *
 * @param network  the network, built from the run's network configuration
 * @param examples its training minibatches; every replica's iterator yields as many per epoch
 */
record Replica(MultiLayerNetwork network, DataSetIterator examples) {

    /**
     * @return replicas 1 … R of {@code config}: replica 1 is the network and the iterator a run without replicas
     *         trains; replicas 2 … R are networks of the same configuration holding a copy of replica 1's initial
     *         parameters, each iterating over replica 1's training examples in the order of
     *         {@link TrainingConfig#shuffleSeed(int)}
     */
    static List<Replica> all(TrainingConfig config) throws IOException {
        MultiLayerNetwork first = Networks.build(config.network());
        List<Replica> replicas = new ArrayList<>(config.replicas());
        replicas.add(new Replica(first, Mnist.train(config.mnist(), config.batchSize(), config.shuffleSeed(),
                config.trainExamples())));
        for (int r = 2; r <= config.replicas(); r++) {
            MultiLayerNetwork network = Networks.build(config.network());
            network.setParams(first.params());
            replicas.add(new Replica(network, Mnist.train(config.mnist(), config.batchSize(), config.shuffleSeed(),
                    config.shuffleSeed(r), config.trainExamples())));
        }
        return List.copyOf(replicas);
    }

    /** Takes one optimizer step on the next minibatch of this replica's own examples. */
    void step() {
        network.fit(examples.next());
    }

    /** @return whether the loss of this replica's last step is NaN */
    boolean diverged() {
        return Double.isNaN(network.score());
    }
}
