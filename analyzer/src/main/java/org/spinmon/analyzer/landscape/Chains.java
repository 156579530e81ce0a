package org.spinmon.analyzer.landscape;

import java.util.List;

/**
 * The sampling phase of one point's replicas, as {@link SphereSampler} recorded it.
 *
 * @param energies   H_c(x_a(t)) of replica a at sampling step t, [R][T], in output units
 * @param overlaps   q_ab(t) = x_a(t)·x_b(t)/N_0 for every pair a &lt; b (in the order (0,1), (0,2), …, (R−2,R−1))
 *                   at every sampling step t, pair-fastest: T · R(R−1)/2 values
 * @param acceptance the fraction of accepted moves over the sampling phase and all replicas
 * @param stepSize   the geometric mean over replicas of their frozen sampling-phase step sizes ε_a, in input units
 * @param lowest     the lowest-energy state of each replica over the sampling phase, the lowest first, at most
 *                   the number asked for
 */
record Chains(double[][] energies, double[] overlaps, double acceptance, double stepSize, List<Sample> lowest) {

    /**
     * One state of a replica.
     *
     * @param input  x, N_0 values on the sphere |x|² = N_0
     * @param energy H_c(x)
     */
    record Sample(double[] input, double energy) {
    }
}
