package org.spinmon.analyzer.spin;

/**
 * The hidden-order transition of one snapshot (spin-model.md §4.3, §5.1 item 2, §8.2 step 4).
 *
 * <p>T_c,order is the largest T with λ_min(H_0(T)) &lt; 0. The scan walks T geometrically down from
 * T_hi = λ_max(J) (where H_0 ≻ 0 is guaranteed) to T_lo = 0.05·T_hi over {@code nScan} points, testing
 * positive definiteness, and brackets the first failure to a relative width below 1e-7 (a regula-falsi root
 * search, bisection for dense Cholesky tests). T* = argmin_T λ_min(H_0(T)) comes from the scan's smallest
 * value refined by golden-section search in β = 1/T over two grid points either side. If no scan point
 * failed but min λ_min &lt; 0, a narrow crossing fell between grid points and is bracketed on
 * [T*, the scan point above]. v_c is the unit eigenvector of
 * λ_min(H_0(T_c,order)). Temperatures in weight units; λ's dimensionless.
 *
 * @param tcOrder     T_c,order, or NaN when no crossing exists in the scanned range
 * @param tStar       argmin_T λ_min(H_0(T))
 * @param minLambda   min_T λ_min(H_0(T)): ≈ 0 (−0.01…+0.08) in a glass, clearly &lt; 0 with hidden order
 * @param vc          the order pattern (unit, length N), or {@code null} when tcOrder is NaN
 * @param reason      why tcOrder is NaN, or {@code null}
 * @param evaluations λ_min evaluations and definiteness tests spent
 * @param matvecs     J products spent
 */
public record OrderTemperature(double tcOrder, double tStar, double minLambda, double[] vc, String reason,
                               int evaluations, int matvecs) {

    /** @return a copy of v_c, or {@code null} */
    @Override
    public double[] vc() {
        return vc == null ? null : vc.clone();
    }
}
