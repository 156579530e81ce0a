package org.spinmon.analyzer.powerlaw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.linalg.Vectors;

class PowerLawFitTest {

    @Test
    void v11RecoversTheExponentAndItsIntervalCoversIt() {
        int n = 30;
        long[] steps = new long[n];
        double[] tc = new double[n];
        double[] noise = Vectors.gaussian(n, new SplittableRandom(1101));
        for (int i = 0; i < n; i++) {
            double t = Math.pow(10, 4.0 * i / (n - 1));
            steps[i] = Math.round(t);
            tc[i] = 0.8 * Math.pow(steps[i], 0.3) * (1 + 0.01 * noise[i]);
        }
        PowerLaw fit = PowerLawFit.fit(steps, tc, 1, PowerLawFit.BOOTSTRAP, PowerLawFit.ROLLING, 7);
        assertEquals(0.3, fit.exponent(), 0.02);
        assertTrue(fit.ciLow() <= 0.3 && 0.3 <= fit.ciHigh(), "[" + fit.ciLow() + ", " + fit.ciHigh() + "]");
        assertTrue(fit.ciHigh() - fit.ciLow() < 0.02, "the interval is tight at 1 % noise");
        assertEquals(0.8, fit.prefactor(), 0.02);
        assertTrue(fit.r2() > 0.99, "R² " + fit.r2());
        assertEquals(0.3, fit.rollingExponent(), 0.05);
        assertEquals(n, fit.points());
    }

    @Test
    void exactPowerLawsAreExact() {
        long[] steps = {1, 2, 4, 8, 16, 32};
        double[] tc = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            tc[i] = 1.5 * Math.pow(steps[i], 0.25);
        }
        PowerLaw fit = PowerLawFit.fit(steps, tc, 1, 200, 8, 1);
        assertEquals(0.25, fit.exponent(), 1e-12);
        assertEquals(0.25, fit.ciLow(), 1e-12);
        assertEquals(0.25, fit.ciHigh(), 1e-12);
        assertEquals(1, fit.r2(), 1e-12);
    }

    @Test
    void stepZeroNanAndTheTransientAreLeftOut() {
        long[] steps = {0, 1, 2, 4, 8, 16, 32};
        double[] tc = {1.2, 1.2, Double.NaN, 2.0 * Math.pow(4, 0.5), 2.0 * Math.pow(8, 0.5), 2.0 * Math.pow(16, 0.5),
                2.0 * Math.pow(32, 0.5)};
        PowerLaw fit = PowerLawFit.fit(steps, tc, 4, 100, 8, 1);
        assertEquals(4, fit.points());
        assertEquals(4, fit.firstStep());
        assertEquals(32, fit.lastStep());
        assertEquals(0.5, fit.exponent(), 1e-12);
    }

    @Test
    void tooFewPointsIsNanWithAReason() {
        PowerLaw fit = PowerLawFit.fit(new long[]{0, 5, 6}, new double[]{1, 2, 3}, 0, 100, 8, 1);
        assertTrue(Double.isNaN(fit.exponent()));
        assertTrue(fit.reason().contains("at least 3"), fit.reason());
    }
}
