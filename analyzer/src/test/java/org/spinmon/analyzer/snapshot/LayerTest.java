package org.spinmon.analyzer.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LayerTest {

    @Test
    void weightsAreCopiedInAndOut() {
        double[] w = {1, 2, 3, 4, 5, 6};
        double[] b = {0.5, -0.5, 1};
        Layer layer = new Layer("0", "relu", 2, 3, w, b);
        w[0] = 99;
        b[0] = 99;
        assertEquals(1, layer.weight(0, 0));
        assertEquals(0.5, layer.bias()[0]);
        layer.weights()[1] = 99;
        layer.bias()[1] = 99;
        assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6}, layer.weights());
        assertArrayEquals(new double[]{0.5, -0.5, 1}, layer.bias());
    }

    @Test
    void rowsAreTheLowerLayer() {
        Layer layer = Layer.of("0", "relu", 2, 3, new double[]{1, 2, 3, 4, 5, 6});
        assertEquals(3, layer.weight(0, 2));
        assertEquals(4, layer.weight(1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> layer.weight(2, 0));
    }

    @Test
    void shapesAndNamesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Layer.of("0", "relu", 2, 3, new double[5]));
        assertThrows(IllegalArgumentException.class, () -> Layer.of("0", "relu", 0, 3, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new Layer("0", "relu", 1, 2, new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Layer.of("a,b", "relu", 1, 1, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> Layer.of("a", "", 1, 1, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> Layer.of("a b", "relu", 1, 1, new double[1]));
    }

    @Test
    void frobeniusNormIsExactAndDoesNotOverflow() {
        assertEquals(5, Layer.of("0", "relu", 1, 2, new double[]{3, -4}).frobeniusNorm(), 0);
        assertEquals(5e300, Layer.of("0", "relu", 1, 2, new double[]{3e300, 4e300}).frobeniusNorm(), 1e286);
        assertEquals(5e-300, Layer.of("0", "relu", 1, 2, new double[]{3e-300, -4e-300}).frobeniusNorm(), 1e-314);
        assertEquals(0, Layer.of("0", "relu", 1, 2, new double[2]).frobeniusNorm(), 0);
        assertTrue(Double.isNaN(Layer.of("0", "relu", 1, 2, new double[]{1, Double.NaN}).frobeniusNorm()));
        assertEquals(Double.POSITIVE_INFINITY,
                Layer.of("0", "relu", 1, 2, new double[]{Double.NEGATIVE_INFINITY, 1}).frobeniusNorm());
    }

    @Test
    void nonFiniteEntriesAreCounted() {
        Layer layer = new Layer("0", "relu", 1, 3, new double[]{Double.NaN, 1, Double.POSITIVE_INFINITY},
                new double[]{0, Double.NaN, 0});
        assertEquals(3, layer.nonFiniteCount());
    }

    @Test
    void equalityIsByContent() {
        Layer a = Layer.of("0", "relu", 1, 2, new double[]{1, 2});
        assertEquals(a, Layer.of("0", "relu", 1, 2, new double[]{1, 2}));
        assertEquals(a.hashCode(), Layer.of("0", "relu", 1, 2, new double[]{1, 2}).hashCode());
        assertNotEquals(a, Layer.of("0", "relu", 1, 2, new double[]{1, 3}));
        assertNotEquals(a, new Layer("0", "relu", 1, 2, new double[]{1, 2}, new double[2]));
    }
}
