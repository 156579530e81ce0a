package org.spinmon.analyzer.freezing;

/**
 * The freezing view of one layer (landscape-and-kernels.md §2, after Yoshino 2020). Spins of layer l on probe
 * input μ are S_i^{l,μ} = sign(h_i^{l,μ}) (sign(0) = +1). All overlaps are dimensionless, in [−1, 1]; an undefined
 * one is NaN (no previous snapshot, no t = 0 snapshot, no probe batch, no replicas).
 *
 * @param layer                 l = 1 … L (W^(l) and the spin layer it produces)
 * @param spinOverlapPrevious   C_l(t, t_prev) = (1/(N_l P)) Σ_{μ,i} S_i^{l,μ}(t) S_i^{l,μ}(t_prev), t_prev the
 *                              previous analysed snapshot
 * @param spinOverlapFirst      C_l(t, t_0), against the run's first snapshot
 * @param weightOverlapPrevious C^W_l(t, t_prev) = ⟨W_l(t), W_l(t_prev)⟩_F / (‖W_l(t)‖_F ‖W_l(t_prev)‖_F)
 * @param weightOverlapFirst    C^W_l(t, t_0)
 * @param replicaWeightOverlap  replica mode: the mean over replica pairs a &lt; b of ⟨W^a_l, W^b_l⟩_F / (‖W^a_l‖_F ‖W^b_l‖_F)
 * @param replicaSpinOverlap    replica mode: the mean over pairs of (1/(N_l P)) Σ_{μ,i} S^{a}_i S^{b}_i on the probe batch
 * @param solid                 1 when the layer is solid (C_l(t, t_prev) ≥ 1 − ε over the last window of snapshots),
 *                              0 when liquid, NaN before the window is full
 */
public record FreezingLayer(int layer, double spinOverlapPrevious, double spinOverlapFirst,
                            double weightOverlapPrevious, double weightOverlapFirst, double replicaWeightOverlap,
                            double replicaSpinOverlap, double solid) {

    /** @return this layer with the solid label set */
    public FreezingLayer withSolid(double label) {
        return new FreezingLayer(layer, spinOverlapPrevious, spinOverlapFirst, weightOverlapPrevious,
                weightOverlapFirst, replicaWeightOverlap, replicaSpinOverlap, label);
    }
}
