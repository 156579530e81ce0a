package org.spinmon.analyzer.analysis;

/**
 * The magnetic phase of a snapshot's spin model (spin-model.md §5.2): hidden order when T_c,order exists and
 * T_c,order &gt; (1+δ)·T_SG, glass otherwise. Never decided from the sign of min λ_min alone.
 */
public enum Phase {
    /** Spin glass: the Hessian only touches zero near T_SG. Metric value 0. */
    GLASS("glass", 0),
    /** Hidden (Mattis-like) order: an outlier of J makes the Hessian cross zero well above T_SG. Value 1. */
    HIDDEN_ORDER("hidden_order", 1);

    private final String label;
    private final int value;

    Phase(String label, int value) {
        this.label = label;
        this.value = value;
    }

    /** @return the name used in JSON and metrics: {@code glass} or {@code hidden_order} */
    public String label() {
        return label;
    }

    /** @return the value of the {@code spinmon_phase} gauge: 0 or 1 */
    public int value() {
        return value;
    }
}
