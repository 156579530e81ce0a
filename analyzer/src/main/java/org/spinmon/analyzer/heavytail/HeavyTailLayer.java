package org.spinmon.analyzer.heavytail;

/**
 * One layer's WeightWatcher 0.7.5 row (ecosystem.md §2): the ESD bookkeeping, the power-law fit, the norm
 * metrics, the MP fit and, on randomised snapshots, the randomisation.
 *
 * @param index         l, 1..L (the weight matrix)
 * @param n             the larger dimension N
 * @param m             the smaller dimension M = num_evals (rf = 1)
 * @param svMax         largest singular value, weight units
 * @param svMin         smallest singular value, weight units
 * @param lambdaMax     largest eigenvalue σ_max², squared weight units
 * @param rankLoss      M − numerical rank
 * @param weakRankLoss  #eigenvalues &lt; 1e-6
 * @param fit           the power-law fit of the tail
 * @param norms         the norm metrics
 * @param mp            the Marchenko–Pastur fit, {@code null} when switched off
 * @param randomization the randomisation, {@code null} on snapshots that are not randomised
 */
public record HeavyTailLayer(int index, int n, int m, double svMax, double svMin, double lambdaMax, int rankLoss,
                             int weakRankLoss, PowerLawTail fit, NormMetrics norms, MarchenkoPastur mp,
                             Randomization randomization) {

    /** @return Q = N/M */
    public double q() {
        return (double) n / m;
    }
}
