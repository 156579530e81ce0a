package org.spinmon.analyzer.landscape;

import java.util.List;

/**
 * The input landscape of one class at one inverse temperature (landscape-and-kernels.md §1, after Hanin and
 * Winer 2025): R replicas sampled from p(x) ∝ exp(−β H_c(x)) on the sphere |x|² = N_0, H_c(x) = −z_c(x) the
 * negative pre-softmax output of class c (in the network's output units; β in their inverse).
 *
 * @param classIndex      c
 * @param beta            β
 * @param energyPerInput  e(β) = ⟨H_c⟩ / N_0 over the sampling phase and all replicas, in output units; NaN when not
 *                        equilibrated
 * @param overlapMean     the mean over replica pairs a &lt; b and sampling-phase steps of q_ab = x_a·x_b / N_0
 *                        (dimensionless, every step recorded); NaN when not equilibrated
 * @param overlapStd      their standard deviation; NaN when not equilibrated
 * @param histogram       P(q): the fraction of those pair samples in each of the equal bins over [−1, 1] (sums to 1);
 *                        every bin NaN when not equilibrated
 * @param acceptance      the Metropolis acceptance rate of the sampling phase, in [0, 1]
 * @param stepSize        the proposal step size ε after burn-in adaptation (each replica adapts and freezes its own;
 *                        this is their geometric mean), in input units
 * @param autocorrelation the integrated autocorrelation time of the energy (Sokal's automatic windowing), in sampler
 *                        steps; NaN when the energy does not vary; not resolved (the point is then refused) when
 *                        the sampling phase is shorter than 5 τ
 * @param rHat            the Gelman–Rubin split-R̂ of the energy across replicas (≈ 1 when equilibrated); NaN when
 *                        the energy does not vary
 * @param equilibrated    whether the diagnostics pass; when not, the estimates are NaN and {@code reason} says why
 * @param reason          why the point is not equilibrated, or {@code null}
 * @param lowest          the lowest-energy samples found, lowest first: the lowest state of the sampling phase of
 *                        each of that many distinct replicas (each N_0 values on the sphere |x|² = N_0: an input
 *                        image); given whether or not the point is equilibrated
 * @param lowestEnergies  their energies H_c(x), in output units, ascending
 */
public record LandscapePoint(int classIndex, double beta, double energyPerInput, double overlapMean,
                             double overlapStd, double[] histogram, double acceptance, double stepSize,
                             double autocorrelation, double rHat, boolean equilibrated, String reason,
                             List<double[]> lowest, double[] lowestEnergies) {

    /** Copies the arrays in. */
    public LandscapePoint {
        histogram = histogram.clone();
        lowest = lowest.stream().map(double[]::clone).toList();
        lowestEnergies = lowestEnergies.clone();
    }

    @Override
    public double[] histogram() {
        return histogram.clone();
    }

    @Override
    public double[] lowestEnergies() {
        return lowestEnergies.clone();
    }
}
