package org.spinmon.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.trainer.mnist.Mnist;
import org.spinmon.trainer.mnist.TestMnist;
import org.spinmon.trainer.net.HiddenActivation;
import org.spinmon.trainer.net.NetworkConfig;
import org.spinmon.trainer.net.Networks;

class SnapshotListenerTest {

    private static final List<String> ACTIVATIONS = List.of("relu", "relu", "softmax");

    @Test
    void aSnapshotIsADetachedRowMajorCopyThatLaterTrainingDoesNotChange() throws Exception {
        MultiLayerNetwork network = network(false);
        List<Snapshot> snapshots = new ArrayList<>();
        List<double[][]> copiesAtSnapshotTime = new ArrayList<>();
        List<INDArray[]> paramsAtSnapshotTime = new ArrayList<>();
        SnapshotListener listener = new SnapshotListener("detach", new SnapshotSchedule(0, 1000, 1000), ACTIVATIONS,
                List.of(), n -> Double.NaN, false, snapshot -> {
                    snapshots.add(snapshot);
                    copiesAtSnapshotTime.add(snapshot.layers().stream().map(Layer::weights).toArray(double[][]::new));
                    paramsAtSnapshotTime.add(new INDArray[]{network.getParam("0_W").dup(),
                            network.getParam("1_W").dup(), network.getParam("2_W").dup()});
                });
        network.setListeners(listener);
        DataSetIterator examples = Mnist.train(TestMnist.unpacked(), 32, 3, 32 * 20);
        for (int step = 0; step < 20; step++) {
            network.fit(examples.next());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L), snapshots.stream().map(Snapshot::step).toList());

        Snapshot fourth = snapshots.get(2);
        for (int l = 0; l < 3; l++) {
            Layer layer = fourth.layers().get(l);
            INDArray then = paramsAtSnapshotTime.get(2)[l];
            assertEquals(then.size(0), layer.nIn());
            assertEquals(then.size(1), layer.nOut());
            for (int i = 0; i < layer.nIn(); i += 7) {
                for (int j = 0; j < layer.nOut(); j++) {
                    assertEquals(then.getDouble(i, j), layer.weight(i, j), "W[" + i + "][" + j + "] of layer " + l);
                }
            }
            assertArrayEquals(copiesAtSnapshotTime.get(2)[l], layer.weights(), "layer " + l + " as it was at step 4");
            assertFalse(then.equalsWithEps(network.getParam(l + "_W"), 1e-9), "layer " + l + " trained on");
            assertNull(layer.bias());
        }
        assertEquals(List.of("0", "1", "2"), fourth.layers().stream().map(Layer::name).toList());
        assertEquals(ACTIVATIONS, fourth.layers().stream().map(Layer::activation).toList());
        assertArrayEquals(new int[]{784, 16, 8, 10}, fourth.widths());
    }

    @Test
    void lossEpochAndAccuracyFollowTheScheduleAndBiasesAreCopiedWhenPresent() throws Exception {
        MultiLayerNetwork network = network(true);
        List<Snapshot> snapshots = new ArrayList<>();
        List<Double> scoresAfterStep = new ArrayList<>();
        double[] accuracyCalls = {0};
        SnapshotListener listener = new SnapshotListener("meta", new SnapshotSchedule(0, 3, 6), ACTIVATIONS,
                List.of(), n -> ++accuracyCalls[0] / 10, false, snapshots::add);
        network.setListeners(listener);
        DataSetIterator examples = Mnist.train(TestMnist.unpacked(), 32, 3, 32 * 6);
        for (int step = 0; step < 6; step++) {
            network.fit(examples.next());
            scoresAfterStep.add(network.score());
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 6L), snapshots.stream().map(Snapshot::step).toList());
        assertEquals(List.of(1 / 3.0, 2 / 3.0, 1.0, 4 / 3.0, 2.0), snapshots.stream().map(Snapshot::epoch).toList());
        assertEquals(List.of(scoresAfterStep.get(0), scoresAfterStep.get(1), scoresAfterStep.get(2),
                scoresAfterStep.get(3), scoresAfterStep.get(5)), snapshots.stream().map(Snapshot::loss).toList());
        List<Double> accuracies = snapshots.stream().map(Snapshot::accuracy).toList();
        for (int k : new int[]{0, 1, 3}) {
            assertTrue(Double.isNaN(accuracies.get(k)), "no accuracy between epoch ends: " + accuracies);
        }
        assertEquals(0.1, accuracies.get(2), "measured at the end of epoch 1");
        assertEquals(0.2, accuracies.get(4), "measured at the last step");
        assertEquals(0.2, listener.lastAccuracy());
        Snapshot last = snapshots.get(4);
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(network.getParam(l + "_b").toDoubleVector(), last.layers().get(l).bias(), "layer " + l);
        }
    }

    @Test
    void theOtherReplicasAreCopiedAsTheyAreWhenReplicaOneRecords() throws Exception {
        MultiLayerNetwork first = network(true);
        MultiLayerNetwork second = network(true);
        List<Snapshot> snapshots = new ArrayList<>();
        List<double[]> secondAtSnapshotTime = new ArrayList<>();
        SnapshotListener listener = new SnapshotListener("replicas", new SnapshotSchedule(0, 100, 100), ACTIVATIONS,
                List.of(second), n -> Double.NaN, false, snapshot -> {
                    snapshots.add(snapshot);
                    secondAtSnapshotTime.add(second.getParam("1_W").dup('c').data().asDouble());
                });
        first.setListeners(listener);
        DataSetIterator firstExamples = Mnist.train(TestMnist.unpacked(), 32, 3, 32 * 2);
        DataSetIterator secondExamples = Mnist.train(TestMnist.unpacked(), 32, 4, 32 * 2);
        listener.record(first, 0, Double.NaN);
        for (int step = 0; step < 2; step++) {
            second.fit(secondExamples.next());
            first.fit(firstExamples.next());
        }
        assertEquals(List.of(0L, 1L, 2L), snapshots.stream().map(Snapshot::step).toList());
        for (int k = 0; k < 3; k++) {
            Snapshot s = snapshots.get(k);
            assertEquals(2, s.replicaCount());
            assertArrayEquals(secondAtSnapshotTime.get(k), s.replicas().get(0).get(1).weights(), "step " + k);
            assertEquals(s.layers().stream().map(Layer::toString).toList(),
                    s.replicas().get(0).stream().map(Layer::toString).toList());
        }
        assertEquals(snapshots.get(0).layers(), snapshots.get(0).replicas().get(0), "the same seed and no step yet");
        assertNotEquals(snapshots.get(2).layers(), snapshots.get(2).replicas().get(0), "other minibatches");
        assertArrayEquals(second.getParam("2_b").toDoubleVector(), snapshots.get(2).replicas().get(0).get(2).bias(),
                "the biases of replica 2 after its second step");
    }

    private static MultiLayerNetwork network(boolean bias) {
        return Networks.build(new NetworkConfig(List.of(784, 16, 8, 10), HiddenActivation.RELU, bias, 1e-3, 2));
    }
}
