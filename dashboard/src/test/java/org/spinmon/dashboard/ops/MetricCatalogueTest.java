package org.spinmon.dashboard.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.metrics.InfoMetrics;
import org.spinmon.analyzer.metrics.MetricFamily;
import org.spinmon.analyzer.metrics.MicrometerPublisher;
import org.spinmon.analyzer.stream.StreamCounters;

/** The names {@link MetricCatalogue} adds to {@link MetricFamily} are the ones a real scrape shows. */
class MetricCatalogueTest {

    @Test
    void timerCountersAndInfoMetricsAreScraped() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.throwExceptionOnRegistrationFailure();
        MicrometerPublisher.builder(registry).run("r1").mode("live").counters(new StreamCounters()).build();
        InfoMetrics.register(registry.getPrometheusRegistry(), Map.of("run", "r1", "mode", "live"));
        Set<String> scraped = new TreeSet<>();
        for (String line : registry.scrape().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                scraped.add(line.split("[{ ]", 2)[0]);
            }
        }
        Set<String> expected = new TreeSet<>(MetricCatalogue.counters());
        expected.addAll(MetricCatalogue.TIMER_GAUGES);
        expected.addAll(MetricCatalogue.INFO);
        assertEquals(expected, scraped, "before any analysis: the counters, the timer and the info metrics");
        assertTrue(MetricCatalogue.exposed().containsAll(scraped));
        assertEquals(MetricFamily.values().length + MetricCatalogue.TIMER_COUNTERS.size()
                + MetricCatalogue.TIMER_GAUGES.size() + MetricCatalogue.INFO.size(), MetricCatalogue.exposed().size(),
                "no name twice");
    }
}
