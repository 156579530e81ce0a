package org.spinmon.analyzer.spin;

import org.spinmon.analyzer.linalg.Lanczos;
import org.spinmon.analyzer.linalg.SymmetricOperator;

/**
 * The public entry to the package's order computations: the Hessian scan ({@link OrderTemperature}) and the
 * TAP states ({@link TapResult}) of a coupling matrix, with the settings of a {@link SpinModelConfig}.
 */
public final class OrderAnalysis {

    private OrderAnalysis() {
    }

    /** @return T_c,order, T*, min λ_min(H_0) and v_c, scanning down from {@code lambdaMaxJ} */
    public static OrderTemperature orderTemperature(Couplings couplings, double lambdaMaxJ, SpinModelConfig config) {
        return HessianScan.run(couplings, lambdaMaxJ, config.nScan(), config.denseLimit(), config.seed());
    }

    /** @return the paramagnetic TAP Hessian H_0(T) = I + diag(s)/T² − J/T as an operator (dimensionless) */
    public static SymmetricOperator hessian(Couplings couplings, double temperature) {
        return new Hessian(couplings, couplings.rowSquareSums(), Lanczos.standard(), 0).at(temperature);
    }

    /**
     * @param tau         the fraction of tc_melt
     * @param temperature T = τ·tc_melt
     * @param vc          the order pattern for half the starts, or {@code null}
     * @return the TAP states at {@code temperature}
     */
    public static TapResult tap(Couplings couplings, double tau, double temperature, double[] vc,
                                SpinModelConfig config, Lanczos solver) {
        return TapSolver.solve(couplings, tau, temperature, vc, config, solver);
    }
}
