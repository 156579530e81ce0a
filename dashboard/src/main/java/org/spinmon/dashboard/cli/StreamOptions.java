package org.spinmon.dashboard.cli;

import org.spinmon.analyzer.stream.OverflowPolicy;
import org.spinmon.analyzer.stream.StreamSettings;
import picocli.CommandLine.Option;

/** The snapshot → analysis stream options shared by {@code train} and {@code replay}. */
final class StreamOptions {

    @Option(names = "--capacity", paramLabel = "N", defaultValue = "8", converter = OptionTypes.Capacity.class,
            description = "snapshots waiting for the analyzer at most, 1-" + OptionTypes.MAX_CAPACITY
                    + " (default: ${DEFAULT-VALUE})")
    int capacity;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1", converter = OptionTypes.Concurrency.class,
            description = "snapshots analysed at once, 1-" + OptionTypes.MAX_CONCURRENCY + " (default:"
                    + " ${DEFAULT-VALUE}); each takes a core")
    int concurrency;

    @Option(names = "--policy", paramLabel = "P", converter = OptionTypes.Policy.class,
            description = "when the analyzer falls behind: drop-oldest (count the dropped snapshots, training never"
                    + " waits) or block (training waits, nothing dropped); default: drop-oldest for train, block for"
                    + " replay")
    OverflowPolicy policy;

    /** @return the settings, with {@code fallback} as the policy when none was given */
    StreamSettings settings(OverflowPolicy fallback) {
        return new StreamSettings(capacity, concurrency, policy == null ? fallback : policy);
    }
}
