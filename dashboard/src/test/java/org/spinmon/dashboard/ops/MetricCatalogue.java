package org.spinmon.dashboard.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.spinmon.analyzer.metrics.MetricFamily;

/**
 * The series names a query may use: every {@link MetricFamily} (counters with {@code _total}), the timer
 * {@code spinmon.analysis} of {@code MicrometerPublisher} ({@code spinmon_analysis_seconds_count/_sum/_max}),
 * the info metrics of {@code InfoMetrics}, and the recording rules of {@code prometheus/rules}.
 */
final class MetricCatalogue {

    /** The timer's series: {@code _count} and {@code _sum} only grow, {@code _max} is a gauge. */
    static final Set<String> TIMER_COUNTERS = Set.of("spinmon_analysis_seconds_count", "spinmon_analysis_seconds_sum");
    static final Set<String> TIMER_GAUGES = Set.of("spinmon_analysis_seconds_max");
    static final Set<String> INFO = Set.of("spinmon_build_info", "spinmon_metric_definition_info", "spinmon_run_info");

    private MetricCatalogue() {
    }

    /** @return every series name spinmon exposes on {@code /metrics} */
    static Set<String> exposed() {
        Set<String> names = Arrays.stream(MetricFamily.values()).map(MetricFamily::seriesName)
                .collect(Collectors.toCollection(TreeSet::new));
        names.addAll(TIMER_COUNTERS);
        names.addAll(TIMER_GAUGES);
        names.addAll(INFO);
        return names;
    }

    /** @return the series that only grow, and so belong inside {@code rate()} or {@code increase()} */
    static Set<String> counters() {
        Set<String> names = Arrays.stream(MetricFamily.values()).filter(f -> f.type() == MetricFamily.Type.COUNTER)
                .map(MetricFamily::seriesName).collect(Collectors.toCollection(TreeSet::new));
        names.addAll(TIMER_COUNTERS);
        return names;
    }

    /** @return the names the recording rules of {@code prometheus/rules/*.yml} write */
    static Set<String> recorded() {
        Set<String> names = new TreeSet<>();
        for (Path file : OpsFiles.ruleFiles()) {
            for (JsonNode group : OpsFiles.yaml(file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("record")) {
                        names.add(rule.get("record").asText());
                    }
                }
            }
        }
        return names;
    }

    /** @return every name a dashboard query may use: exposed and recorded */
    static Set<String> all() {
        Set<String> names = new TreeSet<>(exposed());
        names.addAll(recorded());
        return names;
    }
}
