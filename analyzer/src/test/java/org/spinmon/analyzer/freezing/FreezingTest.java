package org.spinmon.analyzer.freezing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.snapshot.Layer;

class FreezingTest {

    @Test
    void spinOverlapsByHand() {
        double[] h = {0.3, -2, 0, 5};
        assertEquals(1, Overlaps.spin(h, h));
        assertEquals(-1, Overlaps.spin(h, new double[]{-0.3, 2, -1e-9, -5}));
        // sign(0) = +1, so 0 and 7 agree and 0 and -0.0 agree; two of four differ: overlap 0.
        assertEquals(0, Overlaps.spin(h, new double[]{-1, -1, -0.0, -5}));
        assertEquals(0.5, Overlaps.spin(new double[]{Double.NaN, 1, 1, 1}, new double[]{-1, 1, 1, -1}));
        assertThrows(IllegalArgumentException.class, () -> Overlaps.spin(h, new double[3]));
    }

    @Test
    void weightOverlapIsTheScaleInvariantCosine() {
        Layer a = Layer.of("0", "relu", 1, 3, new double[]{1, 2, 2});
        assertEquals(1, Overlaps.weight(a, Layer.of("0", "relu", 1, 3, new double[]{3, 6, 6})), 1e-15);
        assertEquals(-1, Overlaps.weight(a, Layer.of("0", "relu", 1, 3, new double[]{-1e-3, -2e-3, -2e-3})), 1e-15);
        assertEquals(0, Overlaps.weight(a, Layer.of("0", "relu", 1, 3, new double[]{2, -1, 0})), 1e-15);
        assertTrue(Double.isNaN(Overlaps.weight(a, Layer.of("0", "relu", 1, 3, new double[3]))));
    }

    @Test
    void aLayerIsSolidOnlyAfterAFullWindowOfHighOverlapsAndMeltsOnADrop() {
        SolidTracker tracker = new SolidTracker(0.01, 3);
        List<Double> labels = new ArrayList<>();
        for (double c : new double[]{Double.NaN, 0.995, 0.999, 0.98, 0.995, 0.999, 1.0, 0.95}) {
            labels.add(tracker.label(List.of(layer(1, c))).get(0).solid());
        }
        // NaN is not counted; the window fills at the fourth value (0.98 < 0.99: liquid), then three high values.
        assertEquals(List.of(Double.NaN, Double.NaN, Double.NaN, 0.0, 0.0, 0.0, 1.0, 0.0), labels);
    }

    @Test
    void theSolidFractionCountsLabelledLayersOnly() {
        assertEquals(0.5, SolidTracker.solidFraction(List.of(layer(1, 1).withSolid(1), layer(2, 1).withSolid(0),
                layer(3, 1))));
        assertTrue(Double.isNaN(SolidTracker.solidFraction(List.of(layer(1, 1)))));
    }

    private static FreezingLayer layer(int l, double overlap) {
        return new FreezingLayer(l, overlap, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
