package org.spinmon.analyzer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.stream.AnalysisOutcome;
import org.spinmon.analyzer.stream.StreamCounters;

class MicrometerPublisherTest extends AnalysisPublisherChecks {

    private final Map<AnalysisPublisher, PrometheusMeterRegistry> registries = new IdentityHashMap<>();

    private static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
                new PrometheusRegistry(), new MockClock());
        registry.throwExceptionOnRegistrationFailure();
        return registry;
    }

    @Override
    AnalysisPublisher create(String mode, StreamCounters counters) {
        PrometheusMeterRegistry registry = registry();
        AnalysisPublisher publisher = MicrometerPublisher.builder(registry).run("r1").mode(mode).counters(counters)
                .build();
        registries.put(publisher, registry);
        return publisher;
    }

    @Override
    Map<String, Double> readBack(AnalysisPublisher publisher) {
        return Exposition.lastValues(registries.get(publisher).scrape());
    }

    @Test
    void everyFamilyHasHelpAndTheTimerCountsAnalyses() {
        StreamCounters counters = new StreamCounters();
        PrometheusMeterRegistry registry = registry();
        MicrometerPublisher publisher = MicrometerPublisher.builder(registry).run("r1").counters(counters).build();
        var outcomes = outcomes(counters);
        outcomes.forEach(publisher::publish);
        String scrape = registry.scrape();
        for (MetricFamily f : MetricFamily.values()) {
            if (f.name().startsWith("TAP_") || f.name().startsWith("VC_") || f == MetricFamily.TC_ORDER) {
                assertTrue(scrape.contains("# TYPE " + f.seriesName().replace("_total", "")), f.seriesName());
            }
            assertTrue(scrape.contains("# HELP " + f.seriesName() + " " + f.help())
                    || scrape.contains("# HELP " + f.prometheusName() + " " + f.help()), f.seriesName());
        }
        Map<String, Double> values = Exposition.lastValues(scrape);
        assertEquals(3.0, values.get("spinmon_analysis_seconds_count{mode=\"live\",run=\"r1\"}"));
        double sum = outcomes.stream().mapToDouble(AnalysisOutcome::seconds).sum();
        assertEquals(sum, values.get("spinmon_analysis_seconds_sum{mode=\"live\",run=\"r1\"}"), 1e-6);
    }

    @Test
    void infoMetricsCarryTheirLabels() {
        PrometheusMeterRegistry registry = registry();
        InfoMetrics.register(registry.getPrometheusRegistry(), new java.util.LinkedHashMap<>(Map.of("run", "r1",
                "mode", "live", "widths", "784-512-10")));
        String scrape = registry.scrape();
        assertTrue(scrape.contains("spinmon_metric_definition_info{family=\"spin_model\",fit=\"\",version=\""
                + InfoMetrics.SPIN_MODEL_VERSION + "\",ww_compat=\"\"} 1"), scrape);
        for (MetricFamily f : MetricFamily.values()) {
            String line = "spinmon_metric_definition_info{family=\"" + f.prometheusName() + "\",fit=\"PL\",version=\""
                    + InfoMetrics.HEAVY_TAIL_VERSION + "\",ww_compat=\"0.7.5\"} 1";
            assertEquals(f.heavyTail(), scrape.contains(line), line);
        }
        assertTrue(MetricFamily.LAYER_ALPHA.heavyTail() && MetricFamily.LAYER_FIT_FAILURES.heavyTail()
                && MetricFamily.WW_MEAN_MP_SOFTRANK.heavyTail() && !MetricFamily.LAYER_HILL_ALPHA.heavyTail());
        assertTrue(scrape.contains("spinmon_build_info{"), scrape);
        assertTrue(scrape.contains("widths=\"784-512-10\""), scrape);
    }
}
