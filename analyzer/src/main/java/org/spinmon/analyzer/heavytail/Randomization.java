package org.spinmon.analyzer.heavytail;

/**
 * WeightWatcher 0.7.5's randomisation columns of one layer ({@code randomize=True}; ecosystem.md §2.6). The
 * entries of W are permuted (the same values, so ‖W‖_F is kept) and the ESD taken again: {@code replicas}
 * permutations (5 when M &lt; 100, else 1) pooled into one randomised ESD, which is MP-fitted; its spikes are
 * the correlation traps. A further single permutation gives the distance and the soft rank, as WeightWatcher
 * does it.
 *
 * @param replicas     permutations pooled for the MP fit
 * @param seed         the seed of this layer's permutations (recorded so the result can be reproduced)
 * @param maxRandEval  largest eigenvalue of the pooled randomised ESD, λ units
 * @param randMp       the MP fit of the pooled randomised ESD; {@code randMp.numSpikes()} = correlation traps
 * @param randDistance Jensen–Shannon distance (natural log) between the sorted ESD and one sorted randomised
 *                     ESD, each normalised to sum 1 as if it were a probability vector (WeightWatcher's quirk:
 *                     not a distance between densities), 0..√ln 2
 * @param wwSoftrank   max λ_rand / max λ (about bulk_max / λ_max; near 1 = nothing beyond randomness)
 * @param wwMaxdist    max λ − max λ_rand, λ units
 */
public record Randomization(int replicas, long seed, double maxRandEval, MarchenkoPastur randMp,
                            double randDistance, double wwSoftrank, double wwMaxdist) {

    /** @return the number of correlation traps: spikes of the randomised ESD beyond its MP bulk */
    public int correlationTraps() {
        return randMp.numSpikes();
    }
}
