package org.spinmon.analyzer.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
