package org.spinmon.analyzer.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Prometheus text or OpenMetrics exposition back: the last value of each series, keyed canonically as
 * {@code name{a="x",b="y"}} with the labels sorted by name (exposers order labels differently).
 */
final class Exposition {

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+)(\\s+\\S+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Exposition() {
    }

    static Map<String, Double> lastValues(String text) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not an exposition line: " + line);
            }
            values.put(canonical(m.group(1), m.group(3) == null ? "" : m.group(3)), parse(m.group(4)));
        }
        return values;
    }

    /** @return the canonical key of a sample's series */
    static String canonical(MetricSample s) {
        String series = s.series();
        int brace = series.indexOf('{');
        return canonical(series.substring(0, brace), series.substring(brace + 1, series.length() - 1));
    }

    private static String canonical(String name, String labels) {
        Map<String, String> sorted = new TreeMap<>();
        Matcher m = LABEL.matcher(labels);
        while (m.find()) {
            sorted.put(m.group(1), m.group(2));
        }
        StringBuilder b = new StringBuilder(name).append('{');
        String sep = "";
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            b.append(sep).append(e.getKey()).append("=\"").append(e.getValue()).append('"');
            sep = ",";
        }
        return b.append('}').toString();
    }

    private static double parse(String v) {
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }
}
