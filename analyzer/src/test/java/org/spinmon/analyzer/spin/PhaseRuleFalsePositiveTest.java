package org.spinmon.analyzer.spin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.linalg.Lanczos;
import org.spinmon.analyzer.linalg.Spectrum;
import org.spinmon.analyzer.snapshot.Snapshot;

/**
 * The known weakness of the δ = 0.02 phase rule at small widths (spin-model.md §5.2): purely random weights,
 * L = 3, N = 300 per layer, 24 seeds. The specification saw a shallow finite-size dip call "hidden order" in
 * 1 of 24 seeds (T_c,order up to 1.08·T_SG); this test measures the rate of such false calls and bounds it
 * at 3 of 24, so that a change making the rule markedly less reliable fails here.
 */
class PhaseRuleFalsePositiveTest {

    @Test
    void randomWeightsAreRarelyCalledOrdered() {
        Lanczos solver = Lanczos.standard();
        int falseCalls = 0;
        for (long seed = 0; seed < 24; seed++) {
            Snapshot s = SpinModels.gaussian(7000 + seed, SpinModels.ONE_OVER_N, 300, 300, 300, 300);
            LayeredCouplings j = LayeredCouplings.of(s, SpinLayout.DEFAULT);
            double lambdaMax = solver.solve(j.operator(), 1, Spectrum.LARGEST, null).value(0);
            OrderTemperature o = OrderAnalysis.orderTemperature(j, lambdaMax, SpinModelConfig.DEFAULT);
            double tSg = GlassTemperature.of(j, solver);
            if (!Double.isNaN(o.tcOrder()) && o.tcOrder() > 1.02 * tSg) {
                falseCalls++;
                assertTrue(o.tcOrder() < 1.15 * tSg, "a false call stays a shallow one: " + o.tcOrder() / tSg);
            }
        }
        assertTrue(falseCalls <= 3, falseCalls + " of 24 random networks called hidden order");
    }
}
