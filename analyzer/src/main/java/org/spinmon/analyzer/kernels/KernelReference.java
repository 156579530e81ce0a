package org.spinmon.analyzer.kernels;

import java.util.List;

/**
 * The pre-activation kernels K_l(0) of a run's first snapshot on the probe batch, computed once
 * ({@link LayerKernels#reference}) and compared with every later snapshot's kernels.
 *
 * @param kernels K_1(0) … K_{L−1}(0), each P × P row-major, in squared input-times-weight units
 * @param norms   their Frobenius norms
 */
public record KernelReference(List<double[]> kernels, double[] norms) {

    /** Copies the list and the norms in (the kernels themselves are owned by this record). */
    public KernelReference {
        kernels = List.copyOf(kernels);
        norms = norms.clone();
    }
}
