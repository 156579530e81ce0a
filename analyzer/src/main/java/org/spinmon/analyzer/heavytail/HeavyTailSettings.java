package org.spinmon.analyzer.heavytail;

/**
 * The settings of the per-layer heavy-tail analysis (ecosystem.md §2), WeightWatcher 0.7.5's code defaults
 * where WeightWatcher has one.
 *
 * @param enabled         run the analysis at all (default true)
 * @param minEvals        skip a layer with M·rf &lt; minEvals eigenvalues (default 10, WeightWatcher's code
 *                        default; its README says 50)
 * @param maxEvals        skip a layer with M·rf &gt; maxEvals eigenvalues (default 15000)
 * @param maxN            skip a layer whose larger dimension N exceeds maxN (default 50000)
 * @param mpFit           fit the Marchenko–Pastur bulk (WeightWatcher's {@code mp_fit=True}; default true)
 * @param randomizeEvery  randomise (correlation traps, {@code randomize=True}) on the snapshot at step 0, at
 *                        every epoch end and at every step that is a multiple of this; 0 = never. A rule on
 *                        the snapshot's own step and epoch, so a replay randomises exactly the snapshots the
 *                        live run did (default 1000)
 * @param seed            base seed of the entry permutations; the permutation of layer l at step t is seeded
 *                        with {@link #permutationSeed(long, int)} (WeightWatcher does not seed its shuffle)
 */
public record HeavyTailSettings(boolean enabled, int minEvals, int maxEvals, int maxN, boolean mpFit,
                                long randomizeEvery, long seed) {

    /** WeightWatcher 0.7.5's defaults, MP fit on, randomisation every 1000 steps and at epoch ends. */
    public static final HeavyTailSettings DEFAULT = new HeavyTailSettings(true, 10, 15000, 50000, true, 1000, 1);

    /** Validates every knob. */
    public HeavyTailSettings {
        if (minEvals < 1 || maxEvals < minEvals) {
            throw new IllegalArgumentException("need 1 <= minEvals <= maxEvals, were " + minEvals + " and "
                    + maxEvals);
        }
        if (maxN < 1) {
            throw new IllegalArgumentException("maxN must be >= 1, was " + maxN);
        }
        if (randomizeEvery < 0) {
            throw new IllegalArgumentException("randomizeEvery must be >= 0 (0 = never), was " + randomizeEvery);
        }
    }

    /** @return these settings with the analysis switched on or off */
    public HeavyTailSettings withEnabled(boolean on) {
        return new HeavyTailSettings(on, minEvals, maxEvals, maxN, mpFit, randomizeEvery, seed);
    }

    /** @return these settings with another randomisation period (steps; 0 = never) */
    public HeavyTailSettings withRandomizeEvery(long steps) {
        return new HeavyTailSettings(enabled, minEvals, maxEvals, maxN, mpFit, steps, seed);
    }

    /** @return these settings with the Marchenko–Pastur fit on or off */
    public HeavyTailSettings withMpFit(boolean on) {
        return new HeavyTailSettings(enabled, minEvals, maxEvals, maxN, on, randomizeEvery, seed);
    }

    /**
     * @param step  the snapshot's optimizer step
     * @param epoch the snapshot's fractional epoch
     * @return whether the snapshot is randomised: step 0, an epoch end (a whole positive epoch), or a multiple
     *         of {@link #randomizeEvery()}; never when it is 0
     */
    public boolean randomizes(long step, double epoch) {
        if (randomizeEvery == 0) {
            return false;
        }
        boolean epochEnd = epoch > 0 && epoch == Math.rint(epoch);
        return step == 0 || epochEnd || step % randomizeEvery == 0;
    }

    /** @return the seed of layer {@code layer}'s permutations at {@code step}: a SplitMix64 mix of the three */
    public long permutationSeed(long step, int layer) {
        long z = seed + 0x9E3779B97F4A7C15L * (step + 1) + 0xBF58476D1CE4E5B9L * layer;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
