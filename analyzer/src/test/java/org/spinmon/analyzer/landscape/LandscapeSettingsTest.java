package org.spinmon.analyzer.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LandscapeSettingsTest {

    private static final LandscapeSettings D = LandscapeSettings.DEFAULT;

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertArrayEquals(new int[]{0}, D.classes());
        assertArrayEquals(new double[]{8, 32, 128}, D.betas());
        assertEquals(8, D.replicas());
        assertEquals(40, D.bins());
        assertEquals(4, D.lowestKept());
        assertEquals(4, D.every());
    }

    @Test
    void everyKnobIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> D.withPoints(new int[0], new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> D.withPoints(new int[]{1, 1}, new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> D.withPoints(new int[]{-1}, new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> D.withPoints(new int[]{0}, new double[]{0}));
        assertThrows(IllegalArgumentException.class, () -> D.withPoints(new int[]{0}, new double[]{Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> D.withPoints(new int[]{0},
                new double[]{Double.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> D.withChains(1, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> D.withChains(2, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> D.withChains(2, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> new LandscapeSettings(true, new int[]{0}, new double[]{1},
                2, 0, 4, 40, 3, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> new LandscapeSettings(true, new int[]{0}, new double[]{1},
                2, 0, 4, 1, 2, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> new LandscapeSettings(true, new int[]{0}, new double[]{1},
                2, 0, 4, 40, 2, 0, 1));
    }

    @Test
    void theArraysAreCopiedInAndOut() {
        int[] classes = {3};
        LandscapeSettings s = D.withPoints(classes, new double[]{2});
        classes[0] = 4;
        s.classes()[0] = 5;
        assertArrayEquals(new int[]{3}, s.classes());
        assertEquals(s, D.withPoints(new int[]{3}, new double[]{2}));
        assertEquals(s.hashCode(), D.withPoints(new int[]{3}, new double[]{2}).hashCode());
    }

    @Test
    void pointSeedsAreStableAndDistinctAcrossStepsClassesAndBetas() {
        Set<Long> seeds = new HashSet<>();
        for (long step = 0; step < 20; step++) {
            for (int c = 0; c < 10; c++) {
                for (int b = 0; b < 3; b++) {
                    seeds.add(D.pointSeed(step, c, b));
                }
            }
        }
        assertEquals(20 * 10 * 3, seeds.size());
        assertEquals(D.pointSeed(5, 1, 2), D.withEnabled(true).pointSeed(5, 1, 2));
        assertNotEquals(D.pointSeed(5, 1, 2), D.withSeed(2).pointSeed(5, 1, 2));
    }
}
