package org.spinmon.analyzer.spin;

/**
 * One converged solution of the TAP equations (spin-model.md §6.2).
 *
 * @param m        the magnetisations, each in (−1, 1)
 * @param residual ‖m − tanh(βJm + βh − β²((J∘J)(1 − m∘m))∘m)‖_∞, &lt; 1e-8 for a reported solution
 * @param plefkaX  x_P(m); &gt; 0 is required for a physical state
 * @param q        (1/N) Σ m_i²
 * @param qLayers  q_l = (1/N_l) Σ_{i∈l} m_i² per spin layer
 * @param physical x_P &gt; 0 and q &gt; 1e-4
 */
public record TapState(double[] m, double residual, double plefkaX, double q, double[] qLayers, boolean physical) {

    /** Copies the arrays in. */
    public TapState {
        m = m.clone();
        qLayers = qLayers.clone();
    }

    /** @return a copy of the magnetisations */
    @Override
    public double[] m() {
        return m.clone();
    }

    /** @return a copy of q per spin layer */
    @Override
    public double[] qLayers() {
        return qLayers.clone();
    }
}
