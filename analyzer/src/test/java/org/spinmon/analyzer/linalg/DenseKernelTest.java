package org.spinmon.analyzer.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Both kernels pass {@link DenseKernelChecks}; the choice follows the module layer. The build runs the numerical
 * tests twice, with the Vector API module and without it ({@code spinmon.test.kernel} names the kernel expected).
 */
class DenseKernelTest {

    private static boolean vectorModule() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Nested
    class Scalar extends DenseKernelChecks {
        @Override
        DenseKernel kernel() {
            return DenseKernel.scalar();
        }
    }

    @Nested
    class Vector extends DenseKernelChecks {
        @Override
        DenseKernel kernel() {
            assumeTrue(vectorModule(), "jdk.incubator.vector is not in the boot layer");
            DenseKernel kernel = VectorKernel.create();
            assumeTrue(kernel != null, "this machine's preferred vectors hold fewer than 4 doubles");
            return kernel;
        }
    }

    @Test
    void thePreferredKernelFollowsTheModuleLayer() {
        String expected = System.getProperty("spinmon.test.kernel", vectorModule() ? "vector" : "scalar");
        assertEquals(expected, DenseKernel.preferred().name().replaceAll("-\\d+$", ""));
        assertEquals(vectorModule(), !DenseKernel.preferred().name().equals("scalar"));
    }
}
