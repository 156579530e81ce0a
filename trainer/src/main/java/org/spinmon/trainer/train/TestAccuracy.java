package org.spinmon.trainer.train;

import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A network's classification accuracy on a held-out set: the fraction of examples whose most probable class
 * (argmax of the output) is the labelled one, a ratio in [0, 1], computed by DL4J's {@link Evaluation} over one
 * full pass of the iterator (reset before each pass).
 */
public final class TestAccuracy implements ToDoubleFunction<MultiLayerNetwork> {

    private final DataSetIterator examples;

    /** @param examples the held-out examples, for example {@code Mnist.test(dir, 1000)}; must support reset */
    public TestAccuracy(DataSetIterator examples) {
        this.examples = Objects.requireNonNull(examples, "examples");
    }

    /** @return the accuracy of {@code network} on the examples, in [0, 1] */
    @Override
    public double applyAsDouble(MultiLayerNetwork network) {
        examples.reset();
        Evaluation evaluation = network.evaluate(examples);
        return evaluation.accuracy();
    }
}
