package org.spinmon.analyzer.spin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.linalg.EigenPairs;
import org.spinmon.analyzer.linalg.Lanczos;
import org.spinmon.analyzer.linalg.LanczosValues;
import org.spinmon.analyzer.linalg.Spectrum;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.spectral.LayerMetrics;
import org.spinmon.analyzer.spectral.LayerSpectra;
import org.spinmon.analyzer.testing.SnapshotFixtures;

/** Solves that ride along the passes over J change neither J's products nor their own results. */
class SharedPassCouplingsTest {

    @Test
    void ridingLayerSpectraAndTheProductsOfJAreThoseComputedAlone() {
        // 400x340 and 340x330: Gram dimensions above the dense limit, W read once per product: both can ride.
        Snapshot s = SnapshotFixtures.xavier("ride", 0, 22, 400, 340, 330, 10);
        LayeredCouplings couplings = LayeredCouplings.of(s, SpinLayout.DEFAULT);
        SharedPassCouplings shared = new SharedPassCouplings(couplings);
        Lanczos solver = Lanczos.standard();
        LanczosValues[] started = new LanczosValues[2];
        for (int l = 0; l < 2; l++) {
            started[l] = LayerSpectra.start(s.layers().get(l), solver);
            shared.ride(l, started[l]);
        }
        EigenPairs alone = solver.solve(couplings.operator(), 5, Spectrum.LARGEST, null);
        EigenPairs sharing = solver.solve(shared.operator(), 5, Spectrum.LARGEST, null);
        assertArrayEquals(alone.values(), sharing.values(), 0);
        assertTrue(sharing.matvecs() > 100, "the riders advanced " + sharing.matvecs() + " steps");
        for (int l = 0; l < 2; l++) {
            Layer layer = s.layers().get(l);
            LayerMetrics solo = LayerSpectra.of(l + 1, layer, null, solver);
            assertEquals(solo, LayerSpectra.of(l + 1, layer, null, solver, started[l]), "layer " + (l + 1));
        }
    }
}
