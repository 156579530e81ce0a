package org.spinmon.analyzer.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One value of one series: the family, every label (run and mode first, then the family's own, in order) and
 * the value (NaN when undefined).
 *
 * @param family the metric
 * @param labels label name → value
 * @param value  the value
 */
public record MetricSample(MetricFamily family, Map<String, String> labels, double value) {

    /** Checks that the labels are exactly the family's, and copies them in order. */
    public MetricSample {
        Objects.requireNonNull(family, "family");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        int expected = MetricFamily.COMMON_LABELS.size() + family.labels().size();
        if (labels.size() != expected || !labels.keySet().containsAll(MetricFamily.COMMON_LABELS)
                || !labels.keySet().containsAll(family.labels())) {
            throw new IllegalArgumentException(family + " has labels " + MetricFamily.COMMON_LABELS + " + "
                    + family.labels() + ", got " + labels.keySet());
        }
    }

    /** @return the series in exposition syntax, {@code name{a="x",b="y"}}, label values escaped */
    public String series() {
        StringBuilder b = new StringBuilder(family.seriesName()).append('{');
        String sep = "";
        for (Map.Entry<String, String> e : labels.entrySet()) {
            b.append(sep).append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
            sep = ",";
        }
        return b.append('}').toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
