package org.spinmon.analyzer.heavytail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EsdAndNormsTest {

    /** rows × cols with the singular values on the diagonal. */
    static double[] diagonal(int rows, int cols, double... singular) {
        double[] w = new double[rows * cols];
        for (int i = 0; i < singular.length; i++) {
            w[i * cols + i] = singular[i];
        }
        return w;
    }

    @Test
    void theEsdOfADiagonalMatrixIsItsSquaredDiagonal() {
        for (boolean tall : new boolean[]{true, false}) {
            int rows = tall ? 6 : 4;
            int cols = tall ? 4 : 6;
            Esd esd = Esd.of(diagonal(rows, cols, 3, 0, 1, 2), rows, cols);
            assertArrayEquals(new double[]{0, 1, 4, 9}, esd.eigenvalues(), 1e-13);
            assertEquals(6, esd.n());
            assertEquals(4, esd.m());
            assertEquals(1.5, esd.q());
            assertEquals(3, esd.svMax(), 1e-14);
            assertEquals(0, esd.svMin(), 1e-14);
            assertEquals(9, esd.lambdaMax(), 1e-13);
            assertEquals(3, esd.matrixRank());
            assertEquals(1, esd.rankLoss());
            assertEquals(1, esd.weakRankLoss());
        }
    }

    @Test
    void weakRankLossCountsEigenvaluesBelowOneMillionth() {
        Esd esd = Esd.of(diagonal(5, 5, 1, 1e-2, 9e-4, 1e-3, 2), 5, 5);
        // λ = 1, 1e-4, 8.1e-7, 1e-6, 4: only 8.1e-7 is below 1e-6; all are above the rank tolerance.
        assertEquals(1, esd.weakRankLoss());
        assertEquals(0, esd.rankLoss());
        assertEquals(1.0, esd.q());
    }

    @Test
    void normMetricsOfChosenSingularValues() {
        Esd esd = Esd.of(diagonal(7, 4, 1, 2, 3, 4), 7, 4);
        NormMetrics m = NormMetrics.of(esd, 2);
        // λ = 1, 4, 9, 16: Σλ = 30, max λ = 16, Σλ² = 354.
        assertEquals(Math.log10(30), m.logNorm(), 1e-14);
        assertEquals(Math.log10(16), m.logSpectralNorm(), 1e-14);
        assertEquals(2 * Math.log10(16), m.alphaWeighted(), 1e-14);
        assertEquals(Math.log10(354), m.logAlphaNorm(), 1e-13);
        assertEquals(30.0 / 16, m.stableRank(), 1e-14);
        assertEquals(4, m.matrixRank());
        double h = 0;
        for (double l : new double[]{1, 4, 9, 16}) {
            double p = l / 30 + 1e-10;
            h -= p * Math.log(p);
        }
        assertEquals(h / Math.log(4 + 1e-10), m.entropy(), 1e-14);
    }

    @Test
    void aFailedFitsMinusOneEntersTheWeightedNormsAsInWeightWatcher() {
        Esd esd = Esd.of(diagonal(5, 3, 0, 2, 4), 5, 3);
        NormMetrics m = NormMetrics.of(esd, -1);
        assertEquals(-Math.log10(16), m.alphaWeighted(), 1e-14);
        assertEquals(Double.POSITIVE_INFINITY, m.logAlphaNorm(), "λ = 0 raised to −1");
        assertEquals(2, m.matrixRank());
    }

    @Test
    void equalSingularValuesHaveEntropyOne() {
        Esd esd = Esd.of(diagonal(8, 8, 2, 2, 2, 2, 2, 2, 2, 2), 8, 8);
        assertEquals(1.0, NormMetrics.of(esd, 3).entropy(), 1e-8);
        assertEquals(8.0, NormMetrics.of(esd, 3).stableRank(), 1e-12);
    }
}
