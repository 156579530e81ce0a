package org.spinmon.analyzer.metrics;

import org.spinmon.analyzer.stream.AnalysisOutcome;

/**
 * Publishes analysis outcomes as the series of {@link MetricSamples}, in step order, one outcome at a time.
 * Implementations: {@link MicrometerPublisher} (live {@code /metrics}) and {@link OpenMetricsWriter} (a
 * timestamped file for Prometheus backfill); both pass the same compatibility checks.
 */
public interface AnalysisPublisher {

    /** Publishes {@code outcome}: its series take its values; series it does not define become NaN. */
    void publish(AnalysisOutcome outcome);
}
