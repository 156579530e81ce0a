package org.spinmon.analyzer.landscape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spinmon.analyzer.probe.ForwardNetwork;

/**
 * Samples a network's input landscape (landscape-and-kernels.md §1, after Hanin and Winer 2025, "Deep Neural
 * Nets as Hamiltonians"): the weights are fixed and the negative pre-softmax output of class c,
 * H_c(x) = −z_c(x) (output units), is an energy over inputs x on the sphere |x|² = N_0 with Gibbs measure
 * p(x) ∝ exp(−β H_c(x)) (β in inverse output units).
 *
 * <p>For each (class, β): R independent replicas, started uniformly on the sphere, run an exact MALA chain in the
 * tangent plane with radial projection (the derivation is on {@code SphereSampler}); burn-in adapts the step
 * size towards acceptance 0.57, the sampling phase keeps it fixed. Each point reports e(β) = ⟨H_c⟩/N_0, the
 * overlaps q_ab = x_a·x_b/N_0 of all pairs a &lt; b at every sampling step (mean, standard deviation, histogram
 * P(q) over [−1, 1]), the acceptance, the step size, the energy's integrated autocorrelation time (Sokal's
 * automatic windowing) and split-R̂ across replicas, and each replica's lowest-energy state of the sampling phase.
 *
 * <p>An estimate is published only when the energy passes every equilibration test (in this order): all
 * energies finite; sampling acceptance ≥ 0.1; the energy varies; each replica's sampling phase spans ≥ 20
 * integrated autocorrelation times; ≥ 100 effective samples R T/τ (τ counted as at least one step); split-R̂
 * ≤ 1.1. Otherwise the point has {@code equilibrated = false}, the failed test as its reason, and NaN energy,
 * overlap mean, overlap standard deviation and histogram; the diagnostics and the lowest samples (real inputs with
 * their exact energies, no equilibrium claim) are still given. The tests see the energy only: replicas that have
 * settled in different valleys of equal energy, each at equilibrium inside its own, pass them, and P(q) then shows
 * where the replicas settled rather than the valleys' exact Gibbs weights.
 *
 * <p>Cost per point: (burn-in + sampling steps) × one forward and backward pass on R inputs. Deterministic: a
 * point's randomness is seeded by {@link LandscapeSettings#pointSeed} from the settings' seed, the snapshot's step
 * and the point's position, so results do not depend on the thread or on the other points. Stateless and
 * thread-safe.
 */
public final class InputLandscape {

    private InputLandscape() {
    }

    /**
     * Samples every (class, β) of {@code settings} on {@code net}, one after the other on the calling thread
     * ({@link LandscapeSettings#enabled()} and {@link LandscapeSettings#every()} are the caller's to apply).
     *
     * @param step the snapshot's optimizer step, which seeds the points
     * @throws IllegalArgumentException when a class is not an output unit of {@code net}
     */
    public static LandscapeAnalysis sample(ForwardNetwork net, LandscapeSettings settings, long step) {
        int[] widths = net.widths();
        int outputs = widths[widths.length - 1];
        int[] classes = settings.classes();
        double[] betas = settings.betas();
        if (Arrays.stream(classes).anyMatch(c -> c >= outputs)) {
            throw new IllegalArgumentException("classes " + Arrays.toString(classes) + " are not all output units of a"
                    + " network with " + outputs + " outputs");
        }
        List<LandscapePoint> points = new ArrayList<>();
        for (int ci = 0; ci < classes.length; ci++) {
            for (int bi = 0; bi < betas.length; bi++) {
                SphereSampler sampler = new SphereSampler(net, classes[ci], betas[bi], settings.replicas(),
                        settings.pointSeed(step, ci, bi));
                Chains chains = sampler.run(settings.burnIn(), settings.samplingSteps(), settings.lowestKept());
                points.add(point(classes[ci], betas[bi], widths[0], chains, settings.bins()));
            }
        }
        return new LandscapeAnalysis(step, widths[0], points);
    }

    private static LandscapePoint point(int c, double beta, int inputDim, Chains chains, int bins) {
        double[][] energies = chains.energies();
        double tau = Autocorrelation.integratedTime(energies);
        double rHat = SplitRHat.of(energies);
        String reason = Equilibration.reason(energies, tau, rHat, chains.acceptance());
        List<double[]> lowest = chains.lowest().stream().map(Chains.Sample::input).toList();
        double[] lowestEnergies = chains.lowest().stream().mapToDouble(Chains.Sample::energy).toArray();
        if (reason != null) {
            double[] nan = new double[bins];
            Arrays.fill(nan, Double.NaN);
            return new LandscapePoint(c, beta, Double.NaN, Double.NaN, Double.NaN, nan, chains.acceptance(),
                    chains.stepSize(), tau, rHat, false, reason, lowest, lowestEnergies);
        }
        double meanEnergy = Arrays.stream(energies).flatMapToDouble(Arrays::stream).average().orElseThrow();
        OverlapStatistics q = OverlapStatistics.of(chains.overlaps(), bins);
        return new LandscapePoint(c, beta, meanEnergy / inputDim, q.mean(), q.std(), q.histogram(),
                chains.acceptance(), chains.stepSize(), tau, rHat, true, null, lowest, lowestEnergies);
    }
}
