package org.spinmon.analyzer.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WeightMatrixTest {

    @Test
    void float32StorageOnlyWhenEveryEntryIsExact() {
        double[] singles = {0.5, -0.1f, 3, Double.NaN, 1e-20f, 7};
        WeightMatrix a = WeightMatrix.of(singles, 2, 3);
        assertTrue(a.singlePrecision());
        assertArrayEquals(singles, a.toArray(), 0);
        double[] doubles = singles.clone();
        doubles[1] = -0.1;
        WeightMatrix b = WeightMatrix.of(doubles, 3, 2);
        assertFalse(b.singlePrecision());
        assertArrayEquals(doubles, b.toArray(), 0);
    }

    @Test
    void productsUseTheStoredEntries() {
        double[] values = {1, 2, 3, 4, 5, 6.1};
        WeightMatrix a = WeightMatrix.of(values, 2, 3, DenseKernel.scalar());
        double[] y = new double[2];
        a.multiply(new double[]{1, 1, 1}, y);
        assertArrayEquals(new double[]{6, 15.1}, y, 1e-15);
        double[] yt = new double[3];
        a.multiplyTransposed(new double[]{1, -1}, yt);
        assertArrayEquals(new double[]{-3, -3, -3.1}, yt, 1e-15);
        double[] fused = new double[5];
        a.fused(0, 2, new double[]{1, 0, 0, 0, 1}, fused, 0, 2, true);
        assertArrayEquals(new double[]{9, 6.1 * 6.1, 1, 4, 9}, fused, 1e-14);
    }

    @Test
    void shapesMustFit() {
        assertThrows(IllegalArgumentException.class, () -> WeightMatrix.of(new double[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> WeightMatrix.of(new double[0], 0, 3));
    }
}
