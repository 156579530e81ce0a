package org.spinmon.dashboard.cli;

/**
 * The ways {@code spinmon bench --training} trains the same seeded network, compared by their iterations per
 * second: without any listener, monitored by spinmon's live pipeline, and with DL4J's own {@code StatsListener}.
 */
enum TrainingVariant {

    /** Plain DL4J training: no listener, nothing copied out. */
    UNMONITORED("unmonitored"),
    /**
     * {@code spinmon train}'s pipeline: the trainer's snapshots at the default schedule, drop-oldest hand-off to
     * the analyzer on its own thread, recording into a run directory, publication on {@code /metrics}.
     */
    SPINMON("spinmon"),
    /** DL4J's {@code StatsListener} at its default frequency (every iteration) into an in-memory storage. */
    STATS_LISTENER("dl4j-stats");

    private final String label;

    TrainingVariant(String label) {
        this.label = label;
    }

    /** @return the variant's name in the benchmark's output */
    String label() {
        return label;
    }
}
