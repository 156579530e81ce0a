package org.spinmon.trainer.train;

import org.spinmon.trainer.mnist.ProbeBatches;

/**
 * The probe batch of a training run (landscape-and-kernels.md, "Shared inputs"): how many MNIST test images
 * {@link ProbeBatches#fromTestSet} draws, and with which seed.
 *
 * @param size P, 0 … 10,000; 0 = the run has no probe batch
 * @param seed the seed of the draw; {@link #forRun} derives it from the run's seed
 */
public record ProbeConfig(int size, long seed) {

    /** No probe batch. */
    public static final ProbeConfig NONE = new ProbeConfig(0, 0);

    /** XORed into the run's seed to give the probe seed: the ASCII bytes of {@code "probe"}. */
    public static final long SEED_SALT = 0x70_72_6F_62_65L;

    /** Validates the size; the message names what it allows. */
    public ProbeConfig {
        if (size < 0 || size > ProbeBatches.MAX_SIZE) {
            throw new IllegalArgumentException("probe size must be between 0 (no probe batch) and "
                    + ProbeBatches.MAX_SIZE + ", was " + size);
        }
    }

    /**
     * @param size    P, 0 … 10,000 (0 = none)
     * @param runSeed the run's seed ({@code spinmon train --seed})
     * @return P images drawn with the seed runSeed XOR {@link #SEED_SALT} (0x70726F6265), so that the draw is fixed by
     *         the run's seed yet is not the same random stream as the other uses of that seed
     */
    public static ProbeConfig forRun(int size, long runSeed) {
        return new ProbeConfig(size, runSeed ^ SEED_SALT);
    }

    /** @return whether the run has a probe batch (P ≥ 1) */
    public boolean enabled() {
        return size > 0;
    }
}
