package org.spinmon.analyzer.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LanczosTest {

    @Nested
    class Standard extends ExtremeEigensolverChecks {
        @Override
        ExtremeEigensolver solver() {
            return Lanczos.standard();
        }
    }

    @Nested
    class ShortRoundsForceRestarts extends ExtremeEigensolverChecks {
        @Override
        ExtremeEigensolver solver() {
            return Lanczos.builder().maxSteps(10).maxRestarts(500).seed(99).build();
        }
    }

    @Test
    void shortRoundsReallyRestart() {
        double[] lambda = new double[200];
        for (int i = 0; i < lambda.length; i++) {
            lambda[i] = Math.sin(1.7 * i) * 3 + 0.01 * i;
        }
        EigenPairs pairs = Lanczos.builder().maxSteps(10).maxRestarts(500).build()
                .solve(ExtremeEigensolverChecks.withSpectrum(lambda, 3), 2, Spectrum.LARGEST, null);
        assertTrue(pairs.matvecs() > 10, "took " + pairs.matvecs());
        double[] sorted = lambda.clone();
        Arrays.sort(sorted);
        assertEquals(sorted[199], pairs.value(0), 1e-9 * 5);
    }

    @Test
    void eigenvaluesAloneFallBackToThickRestartsWhenTheirBasisIsTooSmall() {
        // A tight cluster at the top: one unrestarted basis of 8k + 100 vectors does not resolve it.
        double[] lambda = new double[400];
        for (int i = 0; i < lambda.length; i++) {
            lambda[i] = i < 300 ? Math.sin(1.3 * i) : 3 + 1e-4 * Math.sin(0.7 * i);
        }
        SymmetricOperator op = ExtremeEigensolverChecks.withSpectrum(lambda, 21);
        Lanczos solver = Lanczos.builder().maxSteps(20).maxRestarts(500).build();
        double[] sorted = lambda.clone();
        Arrays.sort(sorted);
        double[] values = solver.eigenvalues(op, 2, Spectrum.LARGEST);
        assertEquals(sorted[399], values[0], 1e-9 * 3);
        assertEquals(sorted[398], values[1], 1e-9 * 3);
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> Lanczos.builder().maxSteps(1));
        assertThrows(IllegalArgumentException.class, () -> Lanczos.builder().tolerance(0));
        assertThrows(IllegalArgumentException.class, () -> Lanczos.builder().tolerance(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Lanczos.builder().maxRestarts(-1));
    }
}
