package org.spinmon.analyzer.spin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.linalg.Lanczos;
import org.spinmon.analyzer.linalg.Spectrum;

/** The two definiteness tests of the scan, dense Cholesky and Lanczos λ_min, find the same transition. */
class HessianScanTest {

    private static OrderTemperature scan(Couplings c, int denseLimit) {
        double lambdaMax = Lanczos.standard().solve(c.operator(), 1, Spectrum.LARGEST, null).value(0);
        return OrderAnalysis.orderTemperature(c, lambdaMax, SpinModelConfig.builder().denseLimit(denseLimit).build());
    }

    @Test
    void choleskyAndLanczosAgreeOnAnOrderedModel() {
        LayeredCouplings c = LayeredCouplings.of(SpinModels.planted(150, 2.0, 1201), SpinLayout.DEFAULT);
        OrderTemperature lanczos = scan(c, 0);
        OrderTemperature cholesky = scan(c, 10_000);
        assertEquals(lanczos.tcOrder(), cholesky.tcOrder(), 2e-7 * lanczos.tcOrder());
        assertEquals(lanczos.tStar(), cholesky.tStar(), 1e-3 * lanczos.tStar());
        assertEquals(lanczos.minLambda(), cholesky.minLambda(), 1e-6);
        assertNotNull(cholesky.vc());
    }

    @Test
    void choleskyAndLanczosAgreeThatAGlassHasNoCrossing() {
        DenseCouplings sk = SpinModels.sk(400, 0, 1202);
        OrderTemperature lanczos = scan(sk, 0);
        OrderTemperature cholesky = scan(sk, 10_000);
        assertEquals(Double.isNaN(lanczos.tcOrder()), Double.isNaN(cholesky.tcOrder()));
        assertEquals(lanczos.tStar(), cholesky.tStar(), 0.02 * lanczos.tStar());
        assertTrue(cholesky.minLambda() > -0.01, "min λ_min " + cholesky.minLambda());
    }

    @Test
    void lockstepRunsOfTheScanAgreeWithOneRunAndWithAccurateSolves() {
        LayeredCouplings c = LayeredCouplings.of(SpinModels.planted(150, 2.0, 1201), SpinLayout.DEFAULT);
        double tHi = Lanczos.standard().solve(c.operator(), 1, Spectrum.LARGEST, null).value(0);
        double[] temps = new double[40];
        for (int i = 0; i < temps.length; i++) {
            temps[i] = tHi * Math.pow(0.05, i / 39.0);
        }
        double[] s = c.rowSquareSums();
        Lanczos coarse = Lanczos.builder().tolerance(1e-3).seed(3).build();
        Hessian sequential = new Hessian(c, s, coarse, 0);
        double[] oneByOne = new double[temps.length];
        for (int i = 0; i < temps.length; i++) {
            oneByOne[i] = sequential.lambdaMin(temps[i]);
        }
        assertArrayEquals(oneByOne, new Hessian(c, s, coarse, 0).lambdaMins(temps, 1), 0);
        double[] lockstep = new Hessian(c, s, coarse, 0).lambdaMins(temps, 4);
        Hessian exact = new Hessian(c, s, Lanczos.builder().tolerance(1e-12).build(), 0);
        for (int i = 0; i < temps.length; i++) {
            double lambda = exact.lambdaMin(temps[i]);
            // Ritz values bound λ_min from above; a residual of 1e-3 (relative) leaves them close to it.
            assertTrue(lockstep[i] >= lambda - 1e-12 && lockstep[i] <= lambda + 0.01, i + ": " + lockstep[i]
                    + " vs " + lambda);
        }
    }
}
