package org.spinmon.analyzer.stream;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the hand-off between the trainer and the analyzer does when the analyzer falls behind and the bounded
 * buffer is full (ecosystem.md §8).
 */
public enum OverflowPolicy {
    /**
     * Drop the oldest waiting snapshot, count it in {@code spinmon_snapshots_dropped_total} and accept the new
     * one: training never waits; the analysis sees the newest snapshots. The default for live runs.
     */
    DROP_OLDEST("drop-oldest"),
    /**
     * Make the producer wait until the analyzer has taken a snapshot: nothing is dropped, training slows to the
     * analyzer's pace when it is slower. For exact runs and for replays.
     */
    BLOCK("block");

    private final String label;

    OverflowPolicy(String label) {
        this.label = label;
    }

    /** @return the command-line name: {@code drop-oldest} or {@code block} */
    public String label() {
        return label;
    }

    /**
     * @return the policy named {@code label} (its {@link #label()}, case-insensitive)
     * @throws IllegalArgumentException naming the allowed values
     */
    public static OverflowPolicy parse(String label) {
        for (OverflowPolicy p : values()) {
            if (p.label.equals(label.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown overflow policy '" + label + "'; allowed: "
                + Arrays.stream(values()).map(OverflowPolicy::label).collect(Collectors.joining(", ")));
    }
}
