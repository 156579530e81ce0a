package org.spinmon.trainer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.spinmon.trainer.mnist.Mnist;
import org.spinmon.trainer.mnist.MnistFile;
import org.spinmon.trainer.mnist.TestMnist;

/**
 * The trimmed DL4J dependency set (no bytedeco natives but OpenBLAS for linux-x86_64, no image loading,
 * newer commons-io and commons-lang3) still trains on MNIST: a small MLP's training loss falls.
 */
class Dl4jRuntimeTest {

    @Test
    void aSmallNetworkLearnsMnistOnThisDependencySet(@TempDir Path dir) throws Exception {
        for (MnistFile f : MnistFile.values()) {
            Path source = f.locate(TestMnist.dir()).orElseThrow();
            Files.copy(source, dir.resolve(source.getFileName()));
        }
        Mnist.ensure(dir, List.of(), m -> { });
        assertEquals("CPU", Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11).weightInit(WeightInit.XAVIER).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(32).activation(Activation.RELU).hasBias(false).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(10)
                        .activation(Activation.SOFTMAX).hasBias(false).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSetIterator train = Mnist.train(dir, 64, 3);
        DataSet first = train.next();
        double before = net.score(first);
        net.fit(first);
        for (int i = 0; i < 60 && train.hasNext(); i++) {
            net.fit(train.next());
        }
        double after = net.score(first);
        assertTrue(before > 2.0, "untrained cross-entropy is about ln 10: " + before);
        assertTrue(after < 0.8 * before, "loss fell from " + before + " to only " + after);
    }
}
