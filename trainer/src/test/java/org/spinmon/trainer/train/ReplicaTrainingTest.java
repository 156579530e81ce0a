package org.spinmon.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunListing;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.analyzer.snapshot.SnapshotInfo;
import org.spinmon.trainer.mnist.Mnist;
import org.spinmon.trainer.mnist.TestMnist;
import org.spinmon.trainer.net.HiddenActivation;
import org.spinmon.trainer.net.NetworkConfig;
import org.spinmon.trainer.net.Networks;

/** Replica mode on real DL4J training over a small MNIST subset: 8 steps of a 784-32-16-10 network. */
class ReplicaTrainingTest {

    private static final Duration HANG_GUARD = Duration.ofMinutes(2);
    private static final long STEPS = 8;

    @TempDir
    Path runs;

    @Test
    void replicasStartBitIdenticalAndThenDivergeWithTheirDataOrderKeepingTheirShapes() throws Exception {
        List<Snapshot> snapshots = train(config(3));
        assertEquals(List.of(0L, 1L, 2L, 4L, 8L), snapshots.stream().map(Snapshot::step).toList());
        for (Snapshot s : snapshots) {
            assertEquals(3, s.replicaCount(), "step " + s.step());
            for (List<Layer> replica : s.replicas()) {
                assertEquals(describe(s.layers()), describe(replica), "names, activations, shapes at step " + s.step());
            }
        }
        Snapshot untrained = snapshots.get(0);
        assertEquals(untrained.layers(), untrained.replicas().get(0), "replica 2 starts from replica 1's weights");
        assertEquals(untrained.layers(), untrained.replicas().get(1), "replica 3 starts from replica 1's weights");
        Snapshot last = snapshots.get(snapshots.size() - 1);
        for (int k = 0; k < last.depth(); k++) {
            double[] first = last.layers().get(k).weights();
            double[] second = last.replicas().get(0).get(k).weights();
            double[] third = last.replicas().get(1).get(k).weights();
            assertFalse(Arrays.equals(first, second), "layer " + (k + 1) + " of replicas 1 and 2");
            assertFalse(Arrays.equals(second, third), "layer " + (k + 1) + " of replicas 2 and 3");
        }
    }

    @Test
    void replicaOneIsTheRunWithoutReplicasAndReplicaTwoIsTrainedOnItsOwnOrderFromTheSameStart() throws Exception {
        List<Snapshot> single = train(config(1));
        Path file = runs.resolve("single.safetensors");
        SnapshotFiles.write(single.get(single.size() - 1), file);
        assertEquals(1, SnapshotFiles.readInfo(file).formatVersion(), "a run without replicas writes version 1");
        assertEquals(single.get(single.size() - 1), SnapshotFiles.read(file));

        List<Snapshot> pair = train(config(2));
        assertEquals(single.size(), pair.size());
        for (int i = 0; i < single.size(); i++) {
            assertEquals(List.of(), single.get(i).replicas(), "no replicas without --replicas");
            assertEquals(single.get(i).layers(), pair.get(i).layers(), "replica 1 at step " + pair.get(i).step());
            assertEquals(single.get(i).loss(), pair.get(i).loss(), "the loss is replica 1's");
            assertEquals(single.get(i).accuracy(), pair.get(i).accuracy(), "the accuracy is replica 1's");
        }

        TrainingConfig config = config(2);
        MultiLayerNetwork alone = Networks.build(config.network());
        DataSetIterator examples = Mnist.train(config.mnist(), config.batchSize(), config.shuffleSeed(),
                config.shuffleSeed(2), config.trainExamples());
        for (long step = 0; step < STEPS; step++) {
            alone.fit(examples.next());
        }
        assertEquals(DetachedWeights.copy(alone, config.network().activationNames()),
                pair.get(pair.size() - 1).replicas().get(0),
                "replica 2 is the network trained alone from the same start on the order of shuffleSeed(2)");
    }

    @Test
    void replicaSnapshotsAreRecordedAsVersionTwoAndReadBackUnchanged() throws Exception {
        TrainingConfig config = config(2);
        Trainer trainer = new Trainer(config);
        RunDirectory run = RunDirectory.create(runs, trainer.manifest(Instant.parse("2026-11-23T10:00:00Z")));
        List<Snapshot> snapshots = trainer.snapshots().collectList().block(HANG_GUARD);
        for (Snapshot s : snapshots) {
            run.write(s, DType.F32);
        }
        assertEquals(2, run.readManifest().config().get("replicas"));
        RunListing listing = run.list();
        assertEquals(List.of(), listing.problems());
        assertEquals(snapshots.size(), listing.snapshots().size());
        for (int i = 0; i < snapshots.size(); i++) {
            SnapshotInfo info = listing.snapshots().get(i);
            assertEquals(2, info.formatVersion());
            assertEquals(2, info.replicaCount());
            assertEquals(snapshots.get(i), SnapshotFiles.read(info.file()), "float32 weights are stored exactly");
        }
    }

    private static List<Snapshot> train(TrainingConfig config) {
        return new Trainer(config).snapshots().collectList().block(HANG_GUARD);
    }

    private static List<String> describe(List<Layer> layers) {
        return layers.stream().map(Layer::toString).toList();
    }

    private static TrainingConfig config(int replicas) throws Exception {
        NetworkConfig network = new NetworkConfig(List.of(784, 32, 16, 10), HiddenActivation.RELU, false, 1e-3, 21);
        return new TrainingConfig(network, 32, 1, STEPS, 0, false, 4, "replica-test", TestMnist.unpacked(), 640, 200,
                replicas);
    }
}
