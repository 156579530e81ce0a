package org.spinmon.analyzer.landscape;

import java.util.List;

/**
 * The input landscape of one class at one inverse temperature (landscape-and-kernels.md §1, after Hanin and
 * Winer 2025): R replicas sampled from p(x) ∝ exp(−β H_c(x)) on the sphere |x|² = N_0, H_c(x) = −z_c(x) the
 * negative pre-softmax output of class c (in the network's output units; β in their inverse).
 *
 * @param classIndex      c
 * @param beta            β
 * @param energyPerInput  e(β) = ⟨H_c⟩ / N_0 over the sampling phase and all replicas; NaN when not equilibrated
 * @param overlapMean     the mean over replica pairs a &lt; b and sampling-phase times of q_ab = x_a·x_b / N_0; NaN
 *                        when not equilibrated
 * @param overlapStd      their standard deviation; NaN when not equilibrated
 * @param histogram       P(q): the fraction of pair samples in each of the equal bins over [−1, 1] (sums to 1)
 * @param acceptance      the Metropolis acceptance rate of the sampling phase, in [0, 1]
 * @param stepSize        the proposal step size after burn-in adaptation, in input units
 * @param autocorrelation the integrated autocorrelation time of the energy, in sampler steps
 * @param rHat            the Gelman–Rubin split-R̂ of the energy across replicas (≈ 1 when equilibrated)
 * @param equilibrated    whether the diagnostics pass; when not, the estimates are NaN and {@code reason} says why
 * @param reason          why the point is not equilibrated, or {@code null}
 * @param lowest          the lowest-energy samples found, lowest first (each N_0 values: an input image)
 * @param lowestEnergies  their energies H_c(x)
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
