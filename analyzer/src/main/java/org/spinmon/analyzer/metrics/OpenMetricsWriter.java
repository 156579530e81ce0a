package org.spinmon.analyzer.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.spinmon.analyzer.files.AtomicFiles;
import org.spinmon.analyzer.stream.AnalysisOutcome;
import org.spinmon.analyzer.stream.StreamCounters;

/**
 * Collects every published value with its snapshot's timestamp and writes them as OpenMetrics text for
 * {@code promtool tsdb create-blocks-from openmetrics} (ecosystem.md §6.3): per family a {@code # HELP} and
 * {@code # TYPE} line (counter families without {@code _total}), then its series, each with its samples in time
 * order, timestamps in seconds with millisecond precision, and {@code # EOF} at the end. A series the analysis no
 * longer defines gets NaN at that timestamp, as on {@code /metrics}. Two snapshots in the same millisecond would
 * give a series two samples at one timestamp, which the TSDB rejects; the later one is moved 1 ms on.
 */
public final class OpenMetricsWriter implements AnalysisPublisher {

    private final String run;
    private final String mode;
    private final StreamCounters counters;
    private final Map<MetricFamily, Map<String, List<Point>>> families = new EnumMap<>(MetricFamily.class);

    /** One sample of one series. */
    private record Point(long millis, double value) {
    }

    /**
     * @param run      the {@code run} label
     * @param mode     the {@code mode} label
     * @param counters the stream counters written at each outcome's timestamp, or {@code null} for none
     */
    public OpenMetricsWriter(String run, String mode, StreamCounters counters) {
        this.run = Objects.requireNonNull(run, "run");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.counters = counters;
    }

    @Override
    public synchronized void publish(AnalysisOutcome outcome) {
        long millis = outcome.time().toEpochMilli();
        List<MetricSample> samples = new ArrayList<>(MetricSamples.of(outcome, run, mode));
        Set<String> present = new HashSet<>();
        for (MetricSample s : samples) {
            present.add(s.series());
        }
        for (MetricSample s : samples) {
            add(s.family(), s.series(), s.value(), millis);
        }
        for (Map.Entry<MetricFamily, Map<String, List<Point>>> family : families.entrySet()) {
            if (family.getKey().type() == MetricFamily.Type.GAUGE && !family.getKey().periodic()) {
                for (String series : family.getValue().keySet()) {
                    if (!present.contains(series)) {
                        add(family.getKey(), series, Double.NaN, millis);
                    }
                }
            }
        }
        if (counters != null) {
            for (MetricSample s : MetricSamples.counters(counters, run, mode)) {
                add(s.family(), s.series(), s.value(), millis);
            }
        }
    }

    private void add(MetricFamily family, String series, double value, long millis) {
        List<Point> points = families.computeIfAbsent(family, f -> new LinkedHashMap<>())
                .computeIfAbsent(series, s -> new ArrayList<>());
        long t = points.isEmpty() ? millis : Math.max(millis, points.get(points.size() - 1).millis() + 1);
        points.add(new Point(t, value));
    }

    /** @return the OpenMetrics text of everything published so far */
    public synchronized String text() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<MetricFamily, Map<String, List<Point>>> family : families.entrySet()) {
            MetricFamily f = family.getKey();
            b.append("# HELP ").append(f.prometheusName()).append(' ').append(escapeHelp(f.help())).append('\n');
            b.append("# TYPE ").append(f.prometheusName()).append(' ')
                    .append(f.type() == MetricFamily.Type.COUNTER ? "counter" : "gauge").append('\n');
            for (Map.Entry<String, List<Point>> series : family.getValue().entrySet()) {
                for (Point p : series.getValue()) {
                    long t = p.millis();
                    b.append(series.getKey()).append(' ').append(number(p.value())).append(' ')
                            .append(Math.floorDiv(t, 1000)).append('.')
                            .append(String.format("%03d", Math.floorMod(t, 1000))).append('\n');
                }
            }
        }
        return b.append("# EOF\n").toString();
    }

    /** Writes {@link #text()} to {@code file} atomically (a temporary file renamed into place). */
    public void writeTo(Path file) throws IOException {
        AtomicFiles.write(file, text().getBytes(StandardCharsets.UTF_8));
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(v);
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"");
    }
}
