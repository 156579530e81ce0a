package org.spinmon.analyzer.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.probe.ForwardNetwork;
import org.spinmon.analyzer.snapshot.Layer;

class InputLandscapeTest {

    private static final int WIDTH = 24;
    private static final ForwardNetwork NET = network();
    private static final LandscapeSettings SHORT = LandscapeSettings.DEFAULT.withPoints(new int[]{1, 0},
            new double[]{5, 20}).withChains(6, 300, 1500).withSeed(3);

    @Test
    void pointsComeInClassThenBetaOrderAndPublishEquilibratedEstimates() {
        LandscapeAnalysis a = InputLandscape.sample(NET, SHORT, 7);
        assertEquals(7, a.step());
        assertEquals(WIDTH, a.inputDim());
        assertEquals(4, a.points().size());
        int[] classes = {1, 1, 0, 0};
        double[] betas = {5, 20, 5, 20};
        for (int k = 0; k < 4; k++) {
            LandscapePoint p = a.points().get(k);
            assertEquals(classes[k], p.classIndex());
            assertEquals(betas[k], p.beta());
            assertTrue(p.equilibrated(), p.reason());
            assertNull(p.reason());
            assertEquals(1, Arrays.stream(p.histogram()).sum(), 1e-12);
            assertEquals(40, p.histogram().length);
            assertTrue(p.overlapStd() > 0 && Math.abs(p.overlapMean()) < 1);
            assertTrue(p.acceptance() > 0.3 && p.acceptance() < 0.8, "acceptance " + p.acceptance());
            assertTrue(p.rHat() < Equilibration.MAX_R_HAT && p.autocorrelation() >= 0.5);
        }
        // A colder point sits lower and its replicas agree more.
        assertTrue(a.points().get(1).energyPerInput() < a.points().get(0).energyPerInput());
        assertTrue(a.points().get(1).overlapMean() > a.points().get(0).overlapMean());
    }

    @Test
    void lowestSamplesAreOnTheSphereSortedAndCarryTheirExactEnergies() {
        LandscapePoint p = InputLandscape.sample(NET, SHORT, 0).points().get(1);
        assertEquals(4, p.lowest().size());
        double[] energies = p.lowestEnergies();
        for (int k = 0; k < 4; k++) {
            double[] x = p.lowest().get(k);
            assertEquals(WIDTH, x.length);
            assertEquals(WIDTH, Arrays.stream(x).map(v -> v * v).sum(), 1e-9);
            assertEquals(-NET.classScore(x, 1, 1).values()[0], energies[k], 1e-12);
            if (k > 0) {
                assertTrue(energies[k] >= energies[k - 1]);
                assertFalse(Arrays.equals(x, p.lowest().get(k - 1)), "one sample per replica");
            }
        }
        assertTrue(energies[0] < p.energyPerInput() * WIDTH, "the lowest sample is below the mean energy");
    }

    @Test
    void aTooShortSamplingPhaseIsRefusedWithNaNEstimates() {
        LandscapePoint p = InputLandscape.sample(NET, SHORT.withChains(6, 300, 5), 0).points().get(0);
        assertFalse(p.equilibrated());
        assertTrue(p.reason().startsWith("sampling phase too short"), p.reason());
        assertTrue(Double.isNaN(p.energyPerInput()) && Double.isNaN(p.overlapMean()) && Double.isNaN(p.overlapStd()));
        assertTrue(Arrays.stream(p.histogram()).allMatch(Double::isNaN));
        assertTrue(p.acceptance() > 0 && p.stepSize() > 0);
        assertEquals(4, p.lowest().size());
    }

    @Test
    void theSameSeedGivesTheSameNumbersOnAnyThreadAndAnotherSeedDoesNot() throws Exception {
        LandscapeSettings settings = SHORT.withChains(4, 50, 200);
        LandscapeAnalysis here = InputLandscape.sample(NET, settings, 11);
        LandscapeAnalysis there = CompletableFuture.supplyAsync(() -> InputLandscape.sample(NET, settings, 11)).get();
        for (int k = 0; k < here.points().size(); k++) {
            assertSamePoint(here.points().get(k), there.points().get(k));
        }
        LandscapePoint otherStep = InputLandscape.sample(NET, settings, 12).points().get(0);
        LandscapePoint otherSeed = InputLandscape.sample(NET, settings.withSeed(4), 11).points().get(0);
        assertNotEquals(here.points().get(0).lowestEnergies()[0], otherStep.lowestEnergies()[0]);
        assertNotEquals(here.points().get(0).lowestEnergies()[0], otherSeed.lowestEnergies()[0]);
    }

    @Test
    void aClassTheNetworkDoesNotHaveIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputLandscape.sample(NET, SHORT.withPoints(new int[]{2}, new double[]{1}), 0));
        assertTrue(e.getMessage().contains("2 outputs"), e.getMessage());
    }

    private static void assertSamePoint(LandscapePoint a, LandscapePoint b) {
        assertEquals(a.energyPerInput(), b.energyPerInput(), 0);
        assertEquals(a.overlapMean(), b.overlapMean(), 0);
        assertEquals(a.overlapStd(), b.overlapStd(), 0);
        assertArrayEquals(a.histogram(), b.histogram(), 0);
        assertEquals(a.acceptance(), b.acceptance(), 0);
        assertEquals(a.stepSize(), b.stepSize(), 0);
        assertEquals(a.autocorrelation(), b.autocorrelation(), 0);
        assertEquals(a.rHat(), b.rHat(), 0);
        assertEquals(a.reason(), b.reason());
        assertArrayEquals(a.lowestEnergies(), b.lowestEnergies(), 0);
        for (int k = 0; k < a.lowest().size(); k++) {
            assertArrayEquals(a.lowest().get(k), b.lowest().get(k), 0);
        }
    }

    /** A random 24-24-2 tanh network without biases and a softmax output, as a classifier. */
    private static ForwardNetwork network() {
        SplittableRandom random = new SplittableRandom(9);
        double[] w1 = new double[WIDTH * WIDTH];
        double[] w2 = new double[WIDTH * 2];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = random.nextGaussian() / Math.sqrt(WIDTH);
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = random.nextGaussian() / Math.sqrt(WIDTH);
        }
        return ForwardNetwork.of(List.of(Layer.of("0", "tanh", WIDTH, WIDTH, w1),
                Layer.of("1", "softmax", WIDTH, 2, w2)));
    }
}
