package org.spinmon.analyzer.spin;

import org.junit.jupiter.api.Nested;
import org.spinmon.analyzer.linalg.DenseKernel;

/** {@link LayeredCouplingsChecks} on the scalar kernel and on the one this JVM prefers (SIMD when available). */
class LayeredCouplingsTest {

    @Nested
    class Scalar extends LayeredCouplingsChecks {
        @Override
        DenseKernel kernel() {
            return DenseKernel.scalar();
        }
    }

    @Nested
    class Preferred extends LayeredCouplingsChecks {
        @Override
        DenseKernel kernel() {
            return DenseKernel.preferred();
        }
    }
}
