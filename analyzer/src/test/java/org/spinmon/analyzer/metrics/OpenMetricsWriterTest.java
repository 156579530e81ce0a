package org.spinmon.analyzer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.stream.AnalysisOutcome;
import org.spinmon.analyzer.stream.StreamCounters;

class OpenMetricsWriterTest extends AnalysisPublisherChecks {

    @Override
    AnalysisPublisher create(String mode, StreamCounters counters) {
        return new OpenMetricsWriter("r1", mode, counters);
    }

    @Override
    Map<String, Double> readBack(AnalysisPublisher publisher) {
        return Exposition.lastValues(((OpenMetricsWriter) publisher).text());
    }

    @Test
    void familiesAreContiguousTimestampedInSecondsAndEndWithEof() {
        StreamCounters counters = new StreamCounters();
        List<AnalysisOutcome> outcomes = outcomes(counters);
        OpenMetricsWriter writer = new OpenMetricsWriter("r1", "replay", counters);
        outcomes.forEach(writer::publish);
        String text = writer.text();
        assertTrue(text.endsWith("# EOF\n"));
        List<String> typed = new ArrayList<>();
        String current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                current = line.split(" ")[2];
                assertTrue(!typed.contains(current), "family declared twice: " + current);
                typed.add(current);
            } else if (!line.startsWith("#")) {
                assertTrue(line.startsWith(current + "{") || line.startsWith(current + "_total{"),
                        "sample outside its family: " + line);
            }
        }
        assertTrue(text.contains("# TYPE spinmon_snapshots_dropped counter\n"));
        long t0 = outcomes.get(0).time().toEpochMilli();
        String stamp = (t0 / 1000) + "." + String.format("%03d", t0 % 1000);
        assertTrue(text.contains("spinmon_training_step{run=\"r1\",mode=\"replay\"} 0.0 " + stamp + "\n"), text);
    }

    @Test
    void seriesGetOneSampleEachOutcomeInTimeOrder() {
        StreamCounters counters = new StreamCounters();
        List<AnalysisOutcome> outcomes = outcomes(counters);
        OpenMetricsWriter writer = new OpenMetricsWriter("r1", "replay", counters);
        outcomes.forEach(writer::publish);
        List<String> lines = writer.text().lines().filter(l -> l.startsWith("spinmon_tc_melt{")).toList();
        assertEquals(3, lines.size());
        for (int i = 0; i < 3; i++) {
            String[] parts = lines.get(i).split(" ");
            assertEquals(outcomes.get(i).analysis().tcMelt(), Double.parseDouble(parts[1]), 0.0);
            assertEquals(outcomes.get(i).time().toEpochMilli() / 1e3, Double.parseDouble(parts[2]), 1e-9);
        }
    }
}
