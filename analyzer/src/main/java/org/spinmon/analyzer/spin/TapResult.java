package org.spinmon.analyzer.spin;

import java.util.Arrays;
import java.util.List;

/**
 * The TAP states of one snapshot at T = τ·tc_melt (spin-model.md §5.1 item 4, §6).
 *
 * @param tau            the fraction of tc_melt
 * @param temperature    T = τ·tc_melt, weight units
 * @param starts         iteration starts
 * @param converged      the converged solutions (residual &lt; 1e-8), physical or not
 * @param distinct       the distinct physical states: |m·m'|/(‖m‖‖m'‖) &gt; 0.99 is the same state, which
 *                       also merges the ±m pair; ordered by decreasing q, so the first is the leading state
 * @param plefkaX        min x_P over the converged solutions, physical or not; NaN when none converged
 * @param overlapVc      |m·v_c|/(‖m‖‖v_c‖) of the leading state; NaN without a leading state or v_c
 * @param saturated      starts stopped because some |m_i| exceeded 1 − 1e-12 (tanh saturation)
 */
public record TapResult(double tau, double temperature, int starts, List<TapState> converged, List<TapState> distinct,
                        double plefkaX, double overlapVc, int saturated) {

    /** Copies the lists in. */
    public TapResult {
        converged = List.copyOf(converged);
        distinct = List.copyOf(distinct);
    }

    /** @return the number of distinct physical states (1 = hidden order, 0 in a glass) */
    public int states() {
        return distinct.size();
    }

    /** @return the fraction of starts that converged, 0..1 */
    public double convergedRatio() {
        return starts == 0 ? Double.NaN : (double) converged.size() / starts;
    }

    /** @return q per spin layer of the leading state, or NaN entries when there is none */
    public double[] leadingQLayers(int layers) {
        if (distinct.isEmpty()) {
            double[] nan = new double[layers];
            Arrays.fill(nan, Double.NaN);
            return nan;
        }
        return distinct.get(0).qLayers();
    }
}
