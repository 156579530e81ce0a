package org.spinmon.analyzer.linalg;

/**
 * Chooses the {@link DenseKernel} once per JVM: the Vector API kernel needs the incubating
 * {@code jdk.incubator.vector} module in the boot layer (it is not resolved by default), and is only taken
 * where its vectors hold at least 4 doubles; the class that uses the module is loaded only then.
 */
final class KernelChoice {

    static final DenseKernel PREFERRED = choose();

    private KernelChoice() {
    }

    private static DenseKernel choose() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            DenseKernel vector = VectorKernel.create();
            if (vector != null) {
                return vector;
            }
        }
        return ScalarKernel.INSTANCE;
    }
}
