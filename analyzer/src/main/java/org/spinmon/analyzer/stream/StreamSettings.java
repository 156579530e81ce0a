package org.spinmon.analyzer.stream;

import java.util.Objects;

/**
 * The shape of the snapshot → analysis stream.
 *
 * @param capacity    snapshots the hand-off holds while the analyzer is busy (≥ 1); memory ≈ capacity × 8 bytes
 *                    × weights
 * @param concurrency snapshots analysed at the same time (≥ 1); results still come out in step order
 * @param policy      what happens when the hand-off is full
 */
public record StreamSettings(int capacity, int concurrency, OverflowPolicy policy) {

    /** The defaults: capacity 8, one analysis at a time, drop-oldest. */
    public static final StreamSettings DEFAULT = new StreamSettings(8, 1, OverflowPolicy.DROP_OLDEST);

    /** Validates the settings. */
    public StreamSettings {
        Objects.requireNonNull(policy, "policy");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
    }
}
