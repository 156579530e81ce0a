package org.spinmon.analyzer.metrics;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import org.spinmon.analyzer.SpinmonVersion;

/**
 * The {@code _info} metrics (value 1, facts in labels; ecosystem.md §4.3: registered on the Prometheus client
 * registry, since Micrometer strips the {@code _info} suffix):
 *
 * <ul>
 *   <li>{@code spinmon_build_info{version, java_version}};</li>
 *   <li>{@code spinmon_metric_definition_info{family, version, ww_compat, fit}}: the definition version of each
 *       metric family ({@value #SPIN_MODEL_VERSION} for {@code spin_model}: the conventions and defaults of
 *       spin-model.md §0 and §8.1; {@value #STREAM_VERSION} for {@code stream}; {@value #HEAVY_TAIL_VERSION}
 *       for each WeightWatcher-compatible family, named by its Prometheus name, with {@code ww_compat="0.7.5"}
 *       and {@code fit="PL"}, ecosystem.md §2.9); a change of formula, threshold or default bumps it;</li>
 *   <li>{@code spinmon_run_info{run, mode, …}}: the architecture and spin conventions of the run (widths,
 *       activations, which spin layers, biases as fields), given by the caller.</li>
 * </ul>
 */
public final class InfoMetrics {

    /** Definition version of the spin-model metrics. */
    public static final String SPIN_MODEL_VERSION = "1";
    /** Definition version of the stream accounting metrics. */
    public static final String STREAM_VERSION = "1";
    /** Definition version of the WeightWatcher-compatible heavy-tail metrics. */
    public static final String HEAVY_TAIL_VERSION = "1";
    /** The WeightWatcher release whose {@code analyze()} the heavy-tail metrics reproduce. */
    public static final String WW_COMPAT = "0.7.5";

    private InfoMetrics() {
    }

    /**
     * Registers the three info metrics on {@code registry}.
     *
     * @param run the run's facts, label name → value; it must hold {@code run} and {@code mode}
     */
    public static void register(PrometheusRegistry registry, Map<String, String> run) {
        Info build = Info.builder().name("spinmon_build_info").help("spinmon build: version and Java runtime")
                .labelNames("version", "java_version").register(registry);
        build.setLabelValues(SpinmonVersion.get(), System.getProperty("java.version"));
        Info definitions = Info.builder().name("spinmon_metric_definition_info")
                .help("Definition version of each metric family; a change of convention or default bumps it")
                .labelNames("family", "version", "ww_compat", "fit").register(registry);
        definitions.addLabelValues("spin_model", SPIN_MODEL_VERSION, "", "");
        definitions.addLabelValues("stream", STREAM_VERSION, "", "");
        for (MetricFamily f : MetricFamily.values()) {
            if (f.heavyTail()) {
                definitions.addLabelValues(f.prometheusName(), HEAVY_TAIL_VERSION, WW_COMPAT, "PL");
            }
        }
        if (!run.containsKey("run") || !run.containsKey("mode")) {
            throw new IllegalArgumentException("run info needs the labels run and mode, got " + run.keySet());
        }
        Info runInfo = Info.builder().name("spinmon_run_info")
                .help("The run: architecture and the spin conventions its metrics use")
                .labelNames(run.keySet().toArray(String[]::new)).register(registry);
        runInfo.setLabelValues(run.values().toArray(String[]::new));
    }
}
