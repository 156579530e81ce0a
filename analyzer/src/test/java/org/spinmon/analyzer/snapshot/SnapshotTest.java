package org.spinmon.analyzer.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotTest {

    private static final Instant T = Instant.parse("2026-11-23T00:00:00Z");
    private static final List<Layer> CHAIN = List.of(Layer.of("0", "relu", 3, 2, new double[6]),
            Layer.of("1", "softmax", 2, 1, new double[2]));

    @Test
    void describesItsSpinLayers() {
        Snapshot s = new Snapshot("r", 0, 0, 2.3, Double.NaN, T, CHAIN);
        assertArrayEquals(new int[]{3, 2, 1}, s.widths());
        assertEquals(2, s.depth());
        assertEquals(8, s.weightCount());
        assertEquals(0, s.nonFiniteCount());
    }

    @Test
    void aSnapshotOfOneNetworkHasNoReplicas() {
        Snapshot s = new Snapshot("r", 0, 0, 2.3, Double.NaN, T, CHAIN);
        assertEquals(List.of(), s.replicas());
        assertEquals(1, s.replicaCount());
        assertEquals(s, new Snapshot("r", 0, 0, 2.3, Double.NaN, T, CHAIN, List.of()));
    }

    @Test
    void replicasCountInTheNonFiniteCountAndEqualityButNotInTheWeightCount() {
        List<Layer> diverged = List.of(Layer.of("0", "relu", 3, 2, new double[]{0, Double.NaN, 0, 0, 0, 0}),
                Layer.of("1", "softmax", 2, 1, new double[]{Double.POSITIVE_INFINITY, 0}));
        Snapshot s = new Snapshot("r", 0, 0, 2.3, Double.NaN, T, CHAIN, List.of(CHAIN, diverged));
        assertEquals(3, s.replicaCount());
        assertEquals(8, s.weightCount(), "one network's weights");
        assertEquals(2, s.nonFiniteCount(), "replica 3's NaN and infinity");
        assertEquals(s, new Snapshot("r", 0, 0, 2.3, Double.NaN, T, CHAIN, List.of(CHAIN, diverged)));
        assertNotEquals(s, new Snapshot("r", 0, 0, 2.3, Double.NaN, T, CHAIN, List.of(diverged, CHAIN)));
        assertNotEquals(s, new Snapshot("r", 0, 0, 2.3, Double.NaN, T, CHAIN, List.of(CHAIN)));
    }

    @Test
    void replicasMustHaveTheNamesActivationsShapesAndBiasesOfReplicaOne() {
        List<Layer> renamed = List.of(Layer.of("0", "relu", 3, 2, new double[6]), Layer.of("x", "softmax", 2, 1,
                new double[2]));
        assertEquals("layer 2 of replica 2 is Layer[x, softmax, 2x1] but in replica 1 it is Layer[1, softmax, 2x1]:"
                + " replicas must have the same names, activations, shapes and biases", replicaError(renamed));
        List<Layer> sign = List.of(Layer.of("0", "sign", 3, 2, new double[6]), CHAIN.get(1));
        assertEquals("layer 1 of replica 2 is Layer[0, sign, 3x2] but in replica 1 it is Layer[0, relu, 3x2]:"
                + " replicas must have the same names, activations, shapes and biases", replicaError(sign));
        List<Layer> biased = List.of(CHAIN.get(0), new Layer("1", "softmax", 2, 1, new double[2], new double[1]));
        assertEquals("layer 2 of replica 2 is Layer[1, softmax, 2x1, bias] but in replica 1 it is Layer[1, softmax,"
                + " 2x1]: replicas must have the same names, activations, shapes and biases", replicaError(biased));
        List<Layer> shallow = List.of(Layer.of("0", "relu", 3, 2, new double[6]));
        assertEquals("replica 2 has 1 layers but replica 1 has 2", replicaError(shallow));
        List<Layer> wide = List.of(Layer.of("0", "relu", 3, 4, new double[12]), Layer.of("1", "softmax", 4, 1,
                new double[4]));
        assertEquals("layer 1 of replica 2 is Layer[0, relu, 3x4] but in replica 1 it is Layer[0, relu, 3x2]:"
                + " replicas must have the same names, activations, shapes and biases", replicaError(wide));
    }

    private static String replicaError(List<Layer> replica) {
        return assertThrows(IllegalArgumentException.class,
                () -> new Snapshot("r", 0, 0, 1, 0.5, T, CHAIN, List.of(replica))).getMessage();
    }

    @Test
    void layersMustChain() {
        List<Layer> broken = List.of(Layer.of("0", "relu", 3, 2, new double[6]), Layer.of("1", "relu", 3, 1, new double[3]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Snapshot("r", 0, 0, 1, 0.5, T, broken));
        assertEquals("layers do not chain: layer 1 has nOut 2 but layer 2 has nIn 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Snapshot("r", 0, 0, 1, 0.5, T, List.of()));
    }

    @Test
    void nanCannotSlipThroughRangeChecks() {
        assertThrows(IllegalArgumentException.class, () -> new Snapshot("r", 0, Double.NaN, 1, 0.5, T, CHAIN));
        assertThrows(IllegalArgumentException.class,
                () -> new Snapshot("r", 0, Double.POSITIVE_INFINITY, 1, 0.5, T, CHAIN));
        assertThrows(IllegalArgumentException.class, () -> new Snapshot("r", 0, -0.5, 1, 0.5, T, CHAIN));
        assertThrows(IllegalArgumentException.class, () -> new Snapshot("r", -1, 0, 1, 0.5, T, CHAIN));
        assertThrows(IllegalArgumentException.class, () -> new Snapshot("r", 0, 0, 1, 1.5, T, CHAIN));
        assertThrows(IllegalArgumentException.class,
                () -> new Snapshot("r", 0, 0, 1, Double.POSITIVE_INFINITY, T, CHAIN));
        new Snapshot("r", 0, 0, Double.NaN, Double.NaN, T, CHAIN);
        new Snapshot("r", 0, 0, Double.POSITIVE_INFINITY, 1.0, T, CHAIN);
    }

    @Test
    void runIdsArePlainShortNames() {
        for (String bad : new String[]{"", ".hidden", "a/b", "..", "a b", "x".repeat(129), "é"}) {
            assertThrows(IllegalArgumentException.class, () -> new Snapshot(bad, 0, 0, 1, 0.5, T, CHAIN), bad);
        }
        new Snapshot("2026-11-23_relu.seed-7", 0, 0, 1, 0.5, T, CHAIN);
    }

    @Test
    void layerListIsCopied() {
        List<Layer> layers = new ArrayList<>(CHAIN);
        Snapshot s = new Snapshot("r", 0, 0, 1, 0.5, T, layers);
        layers.clear();
        assertEquals(2, s.layers().size());
        assertThrows(UnsupportedOperationException.class, () -> s.layers().clear());
    }

    @Test
    void replicaListsAreCopied() {
        List<Layer> replica = new ArrayList<>(CHAIN);
        List<List<Layer>> replicas = new ArrayList<>(List.of(replica));
        Snapshot s = new Snapshot("r", 0, 0, 1, 0.5, T, CHAIN, replicas);
        replica.clear();
        replicas.clear();
        assertEquals(List.of(CHAIN), s.replicas());
        assertThrows(UnsupportedOperationException.class, () -> s.replicas().clear());
        assertThrows(UnsupportedOperationException.class, () -> s.replicas().get(0).clear());
    }
}
