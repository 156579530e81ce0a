package org.spinmon.analyzer.spin;

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
}
