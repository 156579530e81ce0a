package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.spinmon.trainer.mnist.TestMnist;

class BenchCommandTest {

    @Test
    void theViewsAreTimedPartByPartOnlyWhenAsked() {
        SpinmonMainTest.Run r = SpinmonMainTest.run("bench", "--sizes", "40-30-20-10", "--repeat", "1", "--views",
                "--probe-size", "16");
        assertEquals(0, r.status(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.startsWith("40-30-20-10")).toList();
        assertEquals(4, rows.size(), r.out());
        assertTrue(rows.stream().allMatch(l -> l.matches(".* landscape [0-9.]+  forward [0-9.]+  kernels [0-9.]+"
                + "  freezing [0-9.]+$")), r.out());
        SpinmonMainTest.Run plain = SpinmonMainTest.run("bench", "--sizes", "40-30-20-10", "--repeat", "1");
        assertTrue(plain.out().lines().filter(l -> l.startsWith("40-30-20-10"))
                .noneMatch(l -> l.contains("kernels") || l.contains("landscape")), plain.out());
    }

    @Test
    void timesEveryCaseAndFitsTheCostSlope() {
        SpinmonMainTest.Run r = SpinmonMainTest.run("bench", "--sizes", "40-30-20-10,80-60-40-10", "--repeat", "1");
        assertEquals(0, r.status(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.startsWith("40-30-20-10") || l.startsWith("80-60-40-10"))
                .toList();
        assertEquals(8, rows.size(), r.out());
        assertTrue(rows.stream().anyMatch(l -> l.matches("80-60-40-10\\s+7600 planted-order\\s+yes\\s+[0-9.]+"
                + " hidden_order .*tap [0-9.]+.*")), r.out());
        assertTrue(rows.stream().anyMatch(l -> l.matches("40-30-20-10\\s+2000 random-init\\s+no\\s+[0-9.]+ glass .*")),
                r.out());
        assertEquals(4, r.out().lines().filter(l -> l.startsWith("cost ~ weights^")).count(), r.out());
    }

    @Test
    void eigensolverComparisonFindsTheSameEigenvalues() {
        SpinmonMainTest.Run r = SpinmonMainTest.run("bench", "--eigensolvers", "--sizes", "60-40-30-10", "--repeat", "1");
        assertEquals(0, r.status(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.startsWith("60-40-30-10")).toList();
        assertEquals(3, rows.size(), r.out());
        for (String row : rows) {
            String[] cells = row.trim().split("\\s+");
            double diff = Double.parseDouble(cells[cells.length - 1]);
            assertTrue(diff < 1e-8, row);
        }
    }

    @Test
    void trainingBenchTimesEveryVariantAndTheLatencyToMetrics() throws Exception {
        SpinmonMainTest.Run r = SpinmonMainTest.run("bench", "--training", "--training-steps", "8", "--widths",
                "784-32-16-10", "--train-examples", "256", "--repeat", "1", "--no-tap", "--data",
                TestMnist.unpacked().toString());
        assertEquals(0, r.status(), r.err() + r.out());
        assertEquals(6, r.out().lines().filter(l -> l.matches("(warm-up|1) +\\S+ +8 .*")).count(), r.out());
        Set<String> accuracies = new HashSet<>();
        for (TrainingVariant variant : TrainingVariant.values()) {
            Matcher row = Pattern.compile("^" + variant.label() + " +(\\S+) +(\\S+) +(\\S+) +(\\S+)$", Pattern.MULTILINE)
                    .matcher(r.out());
            assertTrue(row.find(), variant.label() + " missing from\n" + r.out());
            double iterationsPerSecond = Double.parseDouble(row.group(1));
            double ratio = Double.parseDouble(row.group(2));
            assertTrue(iterationsPerSecond > 0 && Double.isFinite(iterationsPerSecond), row.group());
            assertTrue(ratio > 0 && Double.isFinite(ratio), row.group());
            assertEquals(iterationsPerSecond, Double.parseDouble(row.group(3)), 0.01, row.group());
            double accuracy = Double.parseDouble(row.group(4));
            assertTrue(accuracy > 0 && accuracy <= 1, row.group());
            accuracies.add(row.group(4));
            if (variant == TrainingVariant.UNMONITORED) {
                assertEquals("1.000", row.group(2), row.group());
            }
        }
        assertEquals(1, accuracies.size(), "every variant trains the same seeded network: " + accuracies);
        // 8 steps of 4 per epoch: snapshots at 0, 1, 2, 4, 8, fewer than the hand-off holds, so none is dropped
        assertTrue(r.out().contains("5 of 5 snapshots on /metrics, 0 dropped by drop-oldest, 0 analysis failures,"
                + " 0 not seen by the scrape"), r.out());
        Matcher latency = Pattern.compile("latency seconds: p50 (\\S+), p95 (\\S+), max (\\S+)").matcher(r.out());
        assertTrue(latency.find(), r.out());
        double p50 = Double.parseDouble(latency.group(1));
        double p95 = Double.parseDouble(latency.group(2));
        assertTrue(p50 > 0 && p50 <= p95 && p95 <= Double.parseDouble(latency.group(3)), latency.group());
    }

    @Test
    void trainingModeOptionsAreChecked() {
        SpinmonMainTest.Run both = SpinmonMainTest.run("bench", "--training", "--eigensolvers");
        assertEquals(2, both.status());
        assertTrue(both.err().contains("choose one"), both.err());
        SpinmonMainTest.Run widths = SpinmonMainTest.run("bench", "--training", "--widths", "100-10");
        assertEquals(2, widths.status());
        assertTrue(widths.err().contains("--widths must be 784-...-10 for MNIST"), widths.err());
        SpinmonMainTest.Run steps = SpinmonMainTest.run("bench", "--training", "--training-steps", "0");
        assertEquals(2, steps.status());
        assertTrue(steps.err().contains("--training-steps must be an integer from 1 to"), steps.err());
    }

    @Test
    void slowAnalyzerBenchChecksTheCountersOfEveryRun() throws Exception {
        SpinmonMainTest.Run r = SpinmonMainTest.run("bench", "--training", "--training-steps", "24", "--widths",
                "784-32-16-10", "--train-examples", "2560", "--repeat", "1", "--no-tap", "--stride", "2",
                "--slow-analyzer", "10", "--data", TestMnist.unpacked().toString());
        // The exit status also says whether the throughput target was met: a timing, not asserted here.
        assertTrue(r.status() == 0 || r.status() == 1, r.err() + r.out());
        assertTrue(r.err().isEmpty(), r.err());
        assertTrue(r.out().contains("analysis delay D = 10 x I"), r.out());
        assertTrue(r.out().matches("(?s).*throughput, median of 1 rounds: .* (PASS|FAIL) \\(target >= 0.95\\).*"),
                r.out());
        // warm-up, round 1, the runs of 24 and 96 steps under the heap probe, and the block run
        // (rows of the counters' table: scheduled = emitted = files)
        List<String> counted = r.out().lines().filter(l -> l.matches("(drop-oldest|block) +(24|96) +(\\d+) +\\3 +\\3 .*"))
                .toList();
        assertEquals(5, counted.size(), r.out());
        assertTrue(counted.stream().allMatch(l -> l.endsWith("PASS")), r.out());
        // steps 0, 1 and every second step to 24: 14 snapshots, all analysed under block
        assertTrue(counted.get(4).matches("block +24 +14 +14 +14 +14 +14 +14 +0 +14/14/0/14 +PASS"), counted.get(4));
        int held = 8 + 1 + SlowAnalyzerBench.HELD_BESIDES;
        assertEquals(2, r.out().lines().filter(l -> l.matches("drop-oldest +(24|96) .* PASS \\(<= " + held
                + " \\+ backlog\\)"))
                .count(), r.out());
        assertTrue(r.out().contains("README: max(T_train, A0 + (S - C - 2) x A) = max("), r.out());
        // the window of the block hand-off, exactly: the last snapshot goes once S - C - 1 = 5 analyses are done
        assertTrue(r.out().contains("analysis 5 of 14 was published"), r.out());
    }

    @Test
    void slowAnalyzerOptionsAreChecked() {
        SpinmonMainTest.Run noTraining = SpinmonMainTest.run("bench", "--slow-analyzer", "10");
        assertEquals(2, noTraining.status());
        assertTrue(noTraining.err().contains("spinmon bench: --slow-analyzer applies only with --training"),
                noTraining.err());
        SpinmonMainTest.Run noStride = SpinmonMainTest.run("bench", "--training", "--slow-analyzer", "10");
        assertEquals(2, noStride.status());
        assertTrue(noStride.err().contains("--slow-analyzer needs --stride K (K >= 1)"), noStride.err());
        for (String bad : new String[]{"0", "-1", "NaN", "Infinity", "1001"}) {
            SpinmonMainTest.Run r = SpinmonMainTest.run("bench", "--training", "--stride", "8", "--slow-analyzer", bad);
            assertEquals(2, r.status(), bad);
            assertTrue(r.err().contains("--slow-analyzer must be a number in (0, 1000]"), bad + ": " + r.err());
        }
        SpinmonMainTest.Run word = SpinmonMainTest.run("bench", "--training", "--stride", "8", "--slow-analyzer", "ten");
        assertEquals(2, word.status());
        assertTrue(word.err().contains("--slow-analyzer"), word.err());
        SpinmonMainTest.Run stride = SpinmonMainTest.run("bench", "--training", "--stride", "-1");
        assertEquals(2, stride.status());
        assertTrue(stride.err().contains("--stride must be an integer from 0 to " + Long.MAX_VALUE), stride.err());
    }

    @Test
    void malformedSizesAreUsageErrors() {
        SpinmonMainTest.Run r = SpinmonMainTest.run("bench", "--sizes", "784x10");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--sizes must be two or more integers >= 1 joined by '-'"), r.err());
    }
}
