package org.spinmon.dashboard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.spinmon.analyzer.files.TemporaryDirectory;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.trainer.mnist.MnistFile;
import org.spinmon.trainer.mnist.ProbeBatches;
import org.spinmon.trainer.net.NetworkConfig;
import org.spinmon.trainer.train.ProbeConfig;
import org.spinmon.trainer.train.TrainingConfig;

/**
 * {@code spinmon bench --training}: training throughput on MNIST unmonitored, monitored by spinmon and with
 * DL4J's {@code StatsListener}, and spinmon's snapshot → {@code /metrics} latency, in one JVM.
 *
 * <p>Every run trains the same seeded network on the same seeded minibatches for the same number of steps. The
 * variants alternate, one run of each per round in {@link TrainingVariant} order, so that drift in the machine's
 * speed hits them alike; the first round warms up (JIT, native libraries, file cache) and is not counted; a full
 * garbage collection precedes every run. A monitored run ends only when its analyses are published, so that no
 * analysis competes with the next run.
 *
 * <p>Reported: iterations per second (steps / window seconds) per run and their median over the timed rounds per
 * variant; each variant's median over the unmonitored median (the monitoring's cost: 1 = free); the p50 and
 * p95 (nearest rank) of the latencies of every snapshot of the timed monitored runs that reached
 * {@code /metrics}, with the counts of those dropped by the drop-oldest hand-off.
 */
final class TrainingBench {

    /** The run id of every monitored run (each has its own run directory, registry and server). */
    private static final String RUN_ID = "bench";

    private final PrintWriter out;
    private final int repeat;
    private final SpinModelConfig analysis;
    private final MonitoredTraining monitored;

    /**
     * @param repeat   timed rounds after the warm-up round, ≥ 1
     * @param analysis the analysis of the monitored runs
     */
    TrainingBench(PrintWriter out, int repeat, SpinModelConfig analysis) {
        this.out = out;
        this.repeat = repeat;
        this.analysis = analysis;
        this.monitored = new MonitoredTraining(HttpClient.newHttpClient(), analysis);
    }

    /**
     * @return the benchmark's run: {@code steps} steps of {@code network} over a seeded subset of
     *         {@code trainExamples} training images (as many epochs as that takes), batch 64, test accuracy on all
     *         10,000 test images, shuffle seed = the network's seed, the default probe batch of {@code spinmon train}
     * @throws IllegalArgumentException naming the bad setting
     */
    static TrainingConfig config(NetworkConfig network, long steps, int trainExamples, Path mnist) {
        return config(network, steps, trainExamples, mnist, 0);
    }

    /** As {@link #config(NetworkConfig, long, int, Path)}, with a snapshot every {@code stride} steps as well (0: off). */
    static TrainingConfig config(NetworkConfig network, long steps, int trainExamples, Path mnist, long stride) {
        if (steps < 1) {
            throw new IllegalArgumentException("--training-steps must be >= 1, was " + steps);
        }
        if (stride < 0) {
            throw new IllegalArgumentException("--stride must be >= 0 (0 = off), was " + stride);
        }
        TrainingConfig oneEpoch = withEpochs(network, 1, steps, trainExamples, mnist, stride);
        return withEpochs(network, Math.toIntExact((steps + oneEpoch.stepsPerEpoch() - 1) / oneEpoch.stepsPerEpoch()),
                steps, trainExamples, mnist, stride);
    }

    private static TrainingConfig withEpochs(NetworkConfig network, int epochs, long steps, int trainExamples, Path mnist,
                                             long stride) {
        return new TrainingConfig(network, TrainingConfig.DEFAULT_BATCH_SIZE, epochs, steps, stride, false,
                network.seed(), RUN_ID, mnist, trainExamples, MnistFile.TEST_IMAGES.count(),
                ProbeConfig.forRun(ProbeBatches.DEFAULT_SIZE, network.seed()));
    }

    /** Runs the warm-up round and the timed rounds of {@code config}, then prints the summary. */
    void run(TrainingConfig config) throws IOException {
        out.printf(Locale.ROOT, "training: %s %s, batch %d, %d steps, %d training examples, %d test examples, seed %d;"
                        + " analysis %s; OMP_NUM_THREADS=%s%n", widths(config.network()),
                config.network().activation().label(), config.batchSize(), config.totalSteps(),
                config.trainExamples(), config.testExamples(), config.shuffleSeed(),
                analysis.taus().length == 0 ? "without TAP" : "with TAP", System.getenv("OMP_NUM_THREADS"));
        out.printf(Locale.ROOT, "1 warm-up round, then %d timed rounds of %s%n", repeat, Stream.of(TrainingVariant.values())
                .map(TrainingVariant::label).collect(Collectors.joining(", ")));
        out.printf(Locale.ROOT, "%-8s %-12s %6s %9s %9s %9s  %s%n", "round", "variant", "steps", "seconds", "it/s",
                "accuracy", "snapshots");
        out.flush();
        Map<TrainingVariant, List<TrainingTiming>> timings = new EnumMap<>(TrainingVariant.class);
        List<MonitoredTraining.Result> results = new ArrayList<>();
        for (int round = 0; round <= repeat; round++) {
            for (TrainingVariant variant : TrainingVariant.values()) {
                System.gc();
                MonitoredTraining.Result result = variant == TrainingVariant.SPINMON ? monitored(config) : null;
                TrainingTiming timing = switch (variant) {
                    case UNMONITORED -> PlainTraining.run(config, variant, List.of());
                    case SPINMON -> result.timing();
                    case STATS_LISTENER -> PlainTraining.run(config, variant,
                            List.of(new StatsListener(new InMemoryStatsStorage())));
                };
                out.printf(Locale.ROOT, "%-8s %-12s %6d %9.3f %9.2f %9.4f  %s%n", round == 0 ? "warm-up" : round,
                        variant.label(), timing.steps(), timing.seconds(), timing.iterationsPerSecond(),
                        timing.accuracy(), result == null ? "-" : snapshots(result));
                out.flush();
                if (round > 0) {
                    timings.computeIfAbsent(variant, v -> new ArrayList<>()).add(timing);
                    if (result != null) {
                        results.add(result);
                    }
                }
            }
        }
        summary(timings, results);
    }

    private MonitoredTraining.Result monitored(TrainingConfig config) throws IOException {
        try (TemporaryDirectory runs = TemporaryDirectory.create("spinmon-bench-")) {
            return monitored.run(config, runs.path());
        }
    }

    private void summary(Map<TrainingVariant, List<TrainingTiming>> timings, List<MonitoredTraining.Result> results) {
        out.printf(Locale.ROOT, "%ntraining throughput, median of %d timed rounds:%n", repeat);
        out.printf(Locale.ROOT, "%-12s %11s %8s  %-30s %s%n", "variant", "it/s_median", "ratio", "it/s per round",
                "test accuracy");
        double baseline = median(timings.get(TrainingVariant.UNMONITORED));
        timings.forEach((variant, runs) -> {
            double median = median(runs);
            out.printf(Locale.ROOT, "%-12s %11.2f %8.3f  %-30s %s%n", variant.label(), median, median / baseline,
                    runs.stream().map(t -> String.format(Locale.ROOT, "%.2f", t.iterationsPerSecond()))
                            .collect(Collectors.joining(" ")), accuracies(runs));
        });
        List<Double> latencies = results.stream().flatMap(r -> r.latencies().stream()).toList();
        long emitted = results.stream().mapToLong(MonitoredTraining.Result::emitted).sum();
        long dropped = results.stream().mapToLong(MonitoredTraining.Result::dropped).sum();
        long failed = results.stream().mapToLong(MonitoredTraining.Result::analysisFailures).sum();
        long unseen = results.stream().mapToLong(MonitoredTraining.Result::unseen).sum();
        out.printf(Locale.ROOT, "%nsnapshot -> /metrics latency (spinmon, %d timed rounds): %d of %d snapshots on"
                        + " /metrics, %d dropped by drop-oldest, %d analysis failures, %d not seen by the scrape%n",
                results.size(), latencies.size(), emitted, dropped, failed, unseen);
        if (!latencies.isEmpty()) {
            out.printf(Locale.ROOT, "latency seconds: p50 %.3f, p95 %.3f, max %.3f%n", Quantiles.of(latencies, 0.5),
                    Quantiles.of(latencies, 0.95), Quantiles.of(latencies, 1.0));
        }
        out.flush();
    }

    private static String snapshots(MonitoredTraining.Result r) {
        return String.format(Locale.ROOT, "%d emitted, %d on /metrics, %d dropped, latency max %.3f s", r.emitted(),
                r.latencies().size(), r.dropped(), r.latencies().isEmpty() ? Double.NaN
                        : Quantiles.of(r.latencies(), 1.0));
    }

    private static double median(List<TrainingTiming> runs) {
        return Quantiles.of(runs.stream().map(TrainingTiming::iterationsPerSecond).toList(), 0.5);
    }

    private static String accuracies(List<TrainingTiming> runs) {
        double min = runs.stream().mapToDouble(TrainingTiming::accuracy).min().orElse(Double.NaN);
        double max = runs.stream().mapToDouble(TrainingTiming::accuracy).max().orElse(Double.NaN);
        return min == max ? String.format(Locale.ROOT, "%.4f", min)
                : String.format(Locale.ROOT, "%.4f-%.4f", min, max);
    }

    private static String widths(NetworkConfig network) {
        return network.widths().stream().map(String::valueOf).collect(Collectors.joining("-"));
    }
}
