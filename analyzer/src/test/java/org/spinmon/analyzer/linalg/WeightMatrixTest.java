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
        double[] g = new double[3];
        a.gram(new double[]{1, 0, -1}, g);
        // A x = (-2, -2.1); Aᵀ(A x) = (-2 - 8.4, -4 - 10.5, -6 - 12.81)
        assertArrayEquals(new double[]{-10.4, -14.5, -6 - 2.1 * 6.1}, g, 1e-14);
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
