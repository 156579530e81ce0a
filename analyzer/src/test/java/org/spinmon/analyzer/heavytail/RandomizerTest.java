package org.spinmon.analyzer.heavytail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomizerTest {

    @Test
    void aPermutationKeepsTheEntriesAndIsSeeded() {
        double[] w = MpFitterTest.gaussian(30, 20, 1, 1);
        double[] a = Randomizer.permuted(w, new SplittableRandom(4));
        double[] b = Randomizer.permuted(w, new SplittableRandom(4));
        double[] c = Randomizer.permuted(w, new SplittableRandom(5));
        assertArrayEquals(a, b, 0);
        assertFalse(Arrays.equals(a, c));
        assertFalse(Arrays.equals(a, w));
        double[] sortedW = w.clone();
        double[] sortedA = a.clone();
        Arrays.sort(sortedW);
        Arrays.sort(sortedA);
        assertArrayEquals(sortedW, sortedA, 0);
    }

    @Test
    void jensenShannonDistanceOfNormalisedVectors() {
        assertEquals(0, Randomizer.jensenShannonDistance(new double[]{1, 2, 3}, new double[]{2, 4, 6}), 1e-15,
                "both normalise to the same vector");
        assertEquals(Math.sqrt(Math.log(2)), Randomizer.jensenShannonDistance(new double[]{1, 0},
                new double[]{0, 1}), 1e-15);
        // p̂ = (1/4, 3/4), q̂ = (1/2, 1/2), m̂ = (3/8, 5/8).
        double kl1 = 0.25 * Math.log(0.25 / 0.375) + 0.75 * Math.log(0.75 / 0.625);
        double kl2 = 0.5 * Math.log(0.5 / 0.375) + 0.5 * Math.log(0.5 / 0.625);
        assertEquals(Math.sqrt((kl1 + kl2) / 2), Randomizer.jensenShannonDistance(new double[]{1, 3},
                new double[]{2, 2}), 1e-15);
    }

    @Test
    void aPlantedLargeEntryIsACorrelationTrapAndARandomMatrixHasNone() {
        int rows = 400;
        int cols = 200;
        double[] w = MpFitterTest.gaussian(rows, cols, 0.05, 11);
        Esd clean = Esd.of(w, rows, cols);
        Randomization none = Randomizer.randomize(w, rows, cols, clean, 3);
        assertEquals(0, none.correlationTraps(), none.toString());
        assertEquals(1, none.replicas());
        assertEquals(1.0, none.wwSoftrank(), 0.1);

        double[] trapped = w.clone();
        trapped[17 * cols + 42] = 5.0;
        Esd esd = Esd.of(trapped, rows, cols);
        Randomization r = Randomizer.randomize(trapped, rows, cols, esd, 3);
        assertTrue(r.correlationTraps() >= 1, r.toString());
        assertTrue(r.maxRandEval() > 20, "the large entry stays large after the shuffle: " + r);
        assertEquals(3, r.seed());
    }

    @Test
    void fewEigenvaluesPoolFiveReplicas() {
        double[] w = MpFitterTest.gaussian(128, 10, 1, 2);
        Esd esd = Esd.of(w, 128, 10);
        Randomization r = Randomizer.randomize(w, 128, 10, esd, 1);
        assertEquals(5, r.replicas());
        assertEquals(r, Randomizer.randomize(w, 128, 10, esd, 1), "seeded: the same result twice");
    }
}
