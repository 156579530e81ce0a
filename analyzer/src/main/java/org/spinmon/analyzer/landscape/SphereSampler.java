package org.spinmon.analyzer.landscape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.spinmon.analyzer.probe.ForwardNetwork;

/**
 * R independent replicas of p(x) ∝ exp(−β H(x)) on the sphere |x|² = N_0 = r², H(x) = −z_c(x), by a
 * Metropolis-adjusted Langevin algorithm (MALA) whose proposal lives in the tangent plane and is projected
 * radially back onto the sphere (a gnomonic projection).
 *
 * <p><b>Proposal.</b> At x, with P_x = 1 − x xᵀ/r² the projector onto the tangent plane T_x (N_0 − 1
 * dimensions): the drift m_x = (ε²/2) P_x(−β ∇H(x)) = (ε²/2) β P_x ∇z_c(x); the tangent step v = m_x + ε ξ,
 * ξ a standard Gaussian in T_x (a standard Gaussian in ℝ^{N_0} projected by P_x); y = x + v; x' = r y/|y|.
 *
 * <p><b>Exactness.</b> The map v ↦ x' from T_x onto the open hemisphere x·x' &gt; 0 is the inverse of the
 * gnomonic projection from the centre, v = (r²/(x·x')) x' − x. Its area factor is (|y|/r)^{N_0−1} (the radial
 * stretch of the N_0 − 1 sphere directions) times 1/cos θ (the tilt of T_x against the sphere at x'), with
 * cos θ = r/|y| = x·x'/r² and θ the angle between x and x': the proposal density of x' with respect to the
 * sphere's surface measure is q(x'|x) = N(v; m_x, ε² P_x)/cos^{N_0} θ. The reverse move x' → x needs the tangent
 * vector v_rev = (r²/(x·x')) x − x' ∈ T_{x'} and has the same angle θ, hence the same factor cos^{N_0} θ, which
 * cancels in the Metropolis–Hastings ratio:
 * <pre>
 *   α = min(1, exp(−β(H(x') − H(x))) · exp(−|v_rev − m_{x'}|²/2ε² + |v − m_x|²/2ε²)).
 * </pre>
 * Every proposal has x·x' = r³/|y| &gt; 0, so the reverse move always exists and the chain is exactly
 * reversible with respect to p for any fixed ε. (At β = 0 the ratio is exactly 1: |v_rev| = |v| = r tan θ.)
 *
 * <p><b>Step size.</b> Each replica a has its own ε_a. During burn-in, log ε_a follows a Robbins–Monro recursion
 * towards an acceptance probability min(1, ratio) of {@value #TARGET_ACCEPTANCE} (Roberts and Rosenthal's optimum
 * for MALA), with gain {@value #ADAPTATION_GAIN}/√(k+1) at burn-in step k, from {@value #INITIAL_STEP}; ε_a is then
 * frozen at the geometric mean of its values over the second half of burn-in, and the sampling phase is a fixed,
 * exact MALA kernel per replica. Per replica, because the step that suits the equilibrium region is far too long
 * for a replica still in the tails: there the drift overshoots, the reverse move is improbable and a shared ε
 * tuned by the other replicas leaves it stuck (measured on the von Mises–Fisher law at N_0 = 784, g = 2: at
 * ε = 0.65, right at equilibrium t = 0.78, the acceptance at t = 0.13 is 1e−13 and one of 16 replicas never
 * moved).
 *
 * <p><b>Cost.</b> One {@link ForwardNetwork#classScore} call per step on all R replicas at once (rows = R):
 * R × (one forward and one backward pass). The overlaps q_ab = x_a·x_b/N_0 of all pairs a &lt; b are recorded
 * at every sampling step, not thinned: they cost R(R−1)/2 · N_0 multiply-adds per step, well under the network
 * pass. Consecutive values are correlated; the statistics built on them are means, which correlation does not
 * bias.
 *
 * <p>All randomness comes from one {@link SplittableRandom} drawn in a fixed order: the same seed gives the same
 * chains on any thread. Not thread-safe; one instance per point.
 */
final class SphereSampler {

    /** The acceptance probability min(1, ratio) the burn-in adaptation aims at, per replica. */
    static final double TARGET_ACCEPTANCE = 0.57;

    /** The Robbins–Monro gain on log ε at the first burn-in step. */
    static final double ADAPTATION_GAIN = 0.5;

    /** The step size the adaptation starts from, in input units (the coordinates of a uniform x are ≈ 1). */
    static final double INITIAL_STEP = 0.1;

    /**
     * The largest step size, in input units: tan θ ≈ ε, so a 63° move. The chain is exact for any ε; this only
     * stops the adaptation from running away at small β, where every move is accepted.
     */
    static final double MAX_STEP = 2;

    /** The smallest step size, in input units. */
    static final double MIN_STEP = 1e-6;

    private final ForwardNetwork net;
    private final int classIndex;
    private final double beta;
    private final int replicas;
    private final int n;
    private final double radius2;
    private final SplittableRandom random;

    /** The replicas' states, R × N_0 row-major, their z_c and tangent forces β P_x ∇z_c. */
    private final double[] x;
    private final double[] z;
    private final double[] force;
    /** The proposals x', the tangent steps v that made them, their tangent forces, and |v − m_x|²/2ε² = |ξ|²/2. */
    private final double[] xNew;
    private final double[] tangentStep;
    private final double[] forceNew;
    private final double[] forwardNoise;

    /**
     * @param net        the network; its input dimension is N_0
     * @param classIndex c
     * @param beta       β, in inverse output units
     * @param replicas   R
     * @param seed       the seed of everything random
     */
    SphereSampler(ForwardNetwork net, int classIndex, double beta, int replicas, long seed) {
        this.net = net;
        this.classIndex = classIndex;
        this.beta = beta;
        this.replicas = replicas;
        this.n = net.widths()[0];
        this.radius2 = n;
        this.random = new SplittableRandom(seed);
        this.x = new double[replicas * n];
        this.z = new double[replicas];
        this.force = new double[replicas * n];
        this.xNew = new double[replicas * n];
        this.tangentStep = new double[replicas * n];
        this.forceNew = new double[replicas * n];
        this.forwardNoise = new double[replicas];
    }

    /**
     * Runs {@code burnIn} adapting steps, then {@code samplingSteps} measured ones.
     *
     * @param lowestKept how many of the replicas' lowest-energy states to keep
     */
    Chains run(int burnIn, int samplingSteps, int lowestKept) {
        for (int a = 0; a < replicas; a++) {
            uniformOnSphere(a);
        }
        ForwardNetwork.ClassScore s = net.classScore(x, replicas, classIndex);
        System.arraycopy(s.values(), 0, z, 0, replicas);
        tangentForce(x, s.gradients(), force);
        double[] logStep = new double[replicas];
        Arrays.fill(logStep, Math.log(INITIAL_STEP));
        double[] logStepSum = new double[replicas];
        int logStepCount = 0;
        double[] eps = new double[replicas];
        double[] probability = new double[replicas];
        for (int k = 0; k < burnIn; k++) {
            for (int a = 0; a < replicas; a++) {
                eps[a] = Math.exp(logStep[a]);
            }
            step(eps, probability, null);
            boolean secondHalf = 2 * k >= burnIn;
            if (secondHalf) {
                logStepCount++;
            }
            double gain = ADAPTATION_GAIN / Math.sqrt(k + 1);
            for (int a = 0; a < replicas; a++) {
                if (secondHalf) {
                    logStepSum[a] += logStep[a];
                }
                logStep[a] += gain * (probability[a] - TARGET_ACCEPTANCE);
                logStep[a] = Math.max(Math.log(MIN_STEP), Math.min(Math.log(MAX_STEP), logStep[a]));
            }
        }
        double logMean = 0;
        for (int a = 0; a < replicas; a++) {
            eps[a] = logStepCount == 0 ? INITIAL_STEP : Math.exp(logStepSum[a] / logStepCount);
            logMean += Math.log(eps[a]) / replicas;
        }
        int pairs = replicas * (replicas - 1) / 2;
        double[][] energies = new double[replicas][samplingSteps];
        double[] overlaps = new double[pairs * samplingSteps];
        double[] bestEnergy = new double[replicas];
        double[][] best = new double[replicas][];
        Arrays.fill(bestEnergy, Double.POSITIVE_INFINITY);
        long[] accepted = new long[1];
        for (int t = 0; t < samplingSteps; t++) {
            step(eps, probability, accepted);
            int p = t * pairs;
            for (int a = 0; a < replicas; a++) {
                double h = -z[a];
                energies[a][t] = h;
                if (h < bestEnergy[a]) {
                    bestEnergy[a] = h;
                    best[a] = Arrays.copyOfRange(x, a * n, (a + 1) * n);
                }
                for (int b = a + 1; b < replicas; b++) {
                    overlaps[p++] = dot(x, a * n, x, b * n) / n;
                }
            }
        }
        double acceptance = (double) accepted[0] / ((long) replicas * samplingSteps);
        return new Chains(energies, overlaps, acceptance, Math.exp(logMean), lowest(best, bestEnergy, lowestKept));
    }

    /**
     * One MALA step of every replica, replica a with step size {@code eps[a]}.
     *
     * @param probability receives each replica's acceptance probability min(1, ratio)
     * @param accepted    when not null, its single entry counts the accepted moves
     */
    private void step(double[] eps, double[] probability, long[] accepted) {
        for (int a = 0; a < replicas; a++) {
            int o = a * n;
            double half = eps[a] * eps[a] / 2;
            double along = 0;
            for (int i = 0; i < n; i++) {
                double g = random.nextGaussian();
                tangentStep[o + i] = g;
                along += g * x[o + i];
            }
            along /= radius2;
            double noise2 = 0;
            double y2 = 0;
            for (int i = 0; i < n; i++) {
                double xi = tangentStep[o + i] - along * x[o + i];
                noise2 += xi * xi;
                double v = half * force[o + i] + eps[a] * xi;
                tangentStep[o + i] = v;
                double y = x[o + i] + v;
                y2 += y * y;
            }
            forwardNoise[a] = noise2 / 2;
            double scale = Math.sqrt(radius2 / y2);
            for (int i = 0; i < n; i++) {
                xNew[o + i] = (x[o + i] + tangentStep[o + i]) * scale;
            }
        }
        ForwardNetwork.ClassScore s = net.classScore(xNew, replicas, classIndex);
        double[] zNew = s.values();
        tangentForce(xNew, s.gradients(), forceNew);
        for (int a = 0; a < replicas; a++) {
            int o = a * n;
            double half = eps[a] * eps[a] / 2;
            double c = radius2 / dot(x, o, xNew, o);
            double reverse2 = 0;
            for (int i = 0; i < n; i++) {
                double d = c * x[o + i] - xNew[o + i] - half * forceNew[o + i];
                reverse2 += d * d;
            }
            double logRatio = beta * (zNew[a] - z[a]) - reverse2 / (2 * eps[a] * eps[a]) + forwardNoise[a];
            double u = random.nextDouble();
            boolean accept = Math.log(u) < logRatio;
            probability[a] = logRatio >= 0 ? 1 : Double.isNaN(logRatio) ? 0 : Math.exp(logRatio);
            if (accept) {
                System.arraycopy(xNew, o, x, o, n);
                System.arraycopy(forceNew, o, force, o, n);
                z[a] = zNew[a];
                if (accepted != null) {
                    accepted[0]++;
                }
            }
        }
    }

    /** Writes β P_x ∇z_c(x) of every replica into {@code out}: the tangent force, m_x = (ε²/2) × it. */
    private void tangentForce(double[] states, double[] gradients, double[] out) {
        for (int a = 0; a < replicas; a++) {
            int o = a * n;
            double along = dot(gradients, o, states, o) / radius2;
            for (int i = 0; i < n; i++) {
                out[o + i] = beta * (gradients[o + i] - along * states[o + i]);
            }
        }
    }

    private void uniformOnSphere(int a) {
        int o = a * n;
        double norm2 = 0;
        for (int i = 0; i < n; i++) {
            double g = random.nextGaussian();
            x[o + i] = g;
            norm2 += g * g;
        }
        double scale = Math.sqrt(radius2 / norm2);
        for (int i = 0; i < n; i++) {
            x[o + i] *= scale;
        }
    }

    private static List<Chains.Sample> lowest(double[][] best, double[] bestEnergy, int k) {
        List<Chains.Sample> all = new ArrayList<>();
        for (int a = 0; a < best.length; a++) {
            if (best[a] != null) {
                all.add(new Chains.Sample(best[a], bestEnergy[a]));
            }
        }
        all.sort(Comparator.comparingDouble(Chains.Sample::energy));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    private double dot(double[] u, int uo, double[] v, int vo) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += u[uo + i] * v[vo + i];
        }
        return s;
    }
}
