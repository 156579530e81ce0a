package org.spinmon.dashboard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.spinmon.analyzer.analysis.AnalysisContext;
import org.spinmon.analyzer.analysis.RunReference;
import org.spinmon.analyzer.analysis.SnapshotAnalysis;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.analysis.ViewSettings;
import org.spinmon.analyzer.heavytail.HeavyTailSettings;
import org.spinmon.analyzer.linalg.DenseKernel;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.trainer.mnist.Mnist;
import org.spinmon.trainer.net.HiddenActivation;
import org.spinmon.trainer.net.NetworkConfig;
import org.spinmon.trainer.train.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinmon bench}: times the full per-snapshot analysis on synthetic random-init and planted-order
 * snapshots of several widths, with and without TAP, on this machine. Each case runs once to warm the JIT
 * and then {@code --repeat} times; the median wall time is reported with the per-part split (where the time
 * goes), and the slope of log(time) against log(#weights) over the sizes (1 = linear cost).
 *
 * <p>Other modes: {@code --eigensolvers} ({@link EigensolverComparison}) and {@code --training}
 * ({@link TrainingBench}: training throughput unmonitored, monitored and with DL4J's StatsListener, and the
 * snapshot → {@code /metrics} latency); with {@code --slow-analyzer F --stride K} ({@link SlowAnalyzerBench}): the
 * slow-analyzer fault. Exit status 1 when a check of {@code --slow-analyzer} fails.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Times the spin-model analysis per snapshot on synthetic networks (random init and planted"
                + " order, with and without TAP); or, with --training, the cost of monitoring training.",
                "Run it on an otherwise idle machine; figures go to BENCHMARKS.md."})
final class BenchCommand implements Callable<Integer>, CheckedCommand {

    /** The largest --slow-analyzer: an analysis of a thousand snapshot intervals is slow enough to test anything. */
    static final double MAX_SLOWNESS = 1000;

    /** The options of the --training mode, refused without it. */
    private static final List<String> TRAINING_ONLY = List.of("--training-steps", "--widths", "--train-examples",
            "--no-tap", "--data", "--stride", "--slow-analyzer");

    @Option(names = "--sizes", split = ",", paramLabel = "W", converter = OptionTypes.Widths.class, description = "spin-layer widths, dash-separated"
            + " (default: ${DEFAULT-VALUE})",
            defaultValue = "784-256-128-64-10,784-512-256-128-10,784-1024-1024-1024-10,784-2048-2048-2048-10")
    List<LayerWidths> sizes;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", converter = OptionTypes.Positive.class, description = "timed runs per case after one"
            + " warm-up (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--seed", defaultValue = "1", converter = OptionTypes.AnyLong.class, description = "seed of the synthetic weights; with --training, of"
            + " the initial weights, the data order and the analysis (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--dense-limit", paramLabel = "N", defaultValue = "0", converter = OptionTypes.DenseLimit.class,
            description = "largest N_tot whose definiteness tests use dense Cholesky instead of Lanczos, 0-"
                    + OptionTypes.MAX_DENSE + " (default: ${DEFAULT-VALUE}, never)")
    int denseLimit;

    @Option(names = "--eigensolvers", description = "instead: compare spinmon's Lanczos with ARPACK's Java"
            + " translation on the eigenproblems of the analysis (top 5 of J, rho(J∘J), lambda_min of H_0 at T_SG)")
    boolean eigensolvers;

    @Option(names = "--heavy-tail", description = "also compute the WeightWatcher-compatible heavy-tail metrics"
            + " (the synthetic snapshots are at step 0, so randomised too); default: the spin-model metrics only")
    boolean heavyTail;

    @Option(names = "--views", description = "also compute the forward-pass views (layer kernels, freezing"
            + " profile on a synthetic probe batch of --probe-size inputs, and the input landscape)")
    boolean views;

    @Option(names = "--probe-size", paramLabel = "P", defaultValue = "512",
            converter = OptionTypes.SyntheticProbeSize.class, description = "with --views: probe"
            + " batch size (default: ${DEFAULT-VALUE})")
    int probeSize;

    @Option(names = "--training", description = "instead: MNIST training throughput (iterations/s) unmonitored,"
            + " monitored by spinmon (default schedule, drop-oldest, /metrics) and with DL4J's StatsListener, variants"
            + " alternating over --repeat rounds after a warm-up round; and the snapshot -> /metrics latency")
    boolean training;

    @Option(names = "--training-steps", paramLabel = "N", defaultValue = "600",
            converter = OptionTypes.PositiveLong.class,
            description = "with --training: optimizer steps per run (default: ${DEFAULT-VALUE})")
    long trainingSteps;

    @Option(names = "--widths", paramLabel = "W", defaultValue = "784-512-256-128-10",
            converter = OptionTypes.Widths.class,
            description = "with --training: layer widths, as for spinmon train (default: ${DEFAULT-VALUE})")
    LayerWidths widths;

    @Option(names = "--train-examples", paramLabel = "N", defaultValue = "60000",
            converter = OptionTypes.TrainImages.class,
            description = "with --training: training examples, a seeded subset when below 60000"
                    + " (default: ${DEFAULT-VALUE})")
    int trainExamples;

    @Option(names = "--no-tap", description = "with --training: analyse without TAP (default: TAP at 0.9·tc_melt,"
            + " as spinmon train)")
    boolean noTap;

    @Option(names = "--stride", paramLabel = "K", defaultValue = "0", converter = OptionTypes.NonNegativeLong.class,
            description = "with --training: a snapshot every K steps as well, as for spinmon train (default:"
                    + " ${DEFAULT-VALUE}, the default schedule only)")
    long stride;

    @Option(names = "--slow-analyzer", paramLabel = "F", converter = OptionTypes.Slowness.class,
            description = "with --training and --stride: instead, the slow-analyzer fault: every analysis delayed by F"
            + " snapshot intervals (a sleep on the analyzer thread); throughput unmonitored vs drop-oldest (PASS at"
            + " >= 95 %), the drop counters against files, outcomes and /metrics, the live heap of runs of N and 4N"
            + " steps, and the block policy's time against the README")
    Double slowAnalyzer;

    @Option(names = "--data", paramLabel = "DIR", converter = OptionTypes.FilePath.class, description = "with --training: MNIST directory (default:"
            + " $SPINMON_MNIST, else ~/.spinmon/mnist; fetched there when missing)")
    Path data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        TrainingConfig config = training ? trainingConfig() : null;
        out.printf(Locale.ROOT, "machine: %d cores, Java %s, max heap %d MiB, %s kernels%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20,
                DenseKernel.preferred().name());
        if (eigensolvers) {
            new EigensolverComparison(out, repeat).run(sizes.stream().map(LayerWidths::array).toList(), seed);
            return 0;
        }
        if (training) {
            SpinModelConfig.Builder analysis = SpinModelConfig.builder().seed(seed);
            if (noTap) {
                analysis.taus(new double[0]);
            }
            if (slowAnalyzer != null) {
                NetworkConfig network = config.network();
                boolean pass = new SlowAnalyzerBench(out, repeat, analysis.build(), slowAnalyzer,
                        steps -> TrainingBench.config(network, steps, trainExamples, config.mnist(), stride))
                        .run(trainingSteps);
                return pass ? 0 : 1;
            }
            new TrainingBench(out, repeat, analysis.build()).run(config);
            return 0;
        }
        out.printf(Locale.ROOT, "%-24s %10s %-13s %-4s %9s %-13s  %s%n", "widths", "weights", "case", "tap",
                "median_s", "phase", "parts (median run, seconds)");
        Map<String, List<double[]>> slopes = new LinkedHashMap<>();
        for (LayerWidths size : sizes) {
            int[] widths = size.array();
            for (String kind : new String[]{"random-init", "planted-order"}) {
                Snapshot snapshot = SyntheticSnapshots.xavier(widths, seed, kind.equals("planted-order") ? 3.0 : 0.0);
                for (boolean tap : new boolean[]{false, true}) {
                    SnapshotAnalyzer analyzer = SnapshotAnalyzer.builder(SpinModelConfig.builder()
                            .taus(tap ? new double[]{0.9} : new double[0]).denseLimit(denseLimit).build())
                            .heavyTail(HeavyTailSettings.DEFAULT.withEnabled(heavyTail))
                            .views(views ? ViewSettings.DEFAULT : ViewSettings.OFF)
                            .probe(views ? SyntheticSnapshots.probe(widths[0], probeSize, seed) : null).build();
                    // With the views, as in a stream analysed in order: the run's reference and the previous
                    // snapshot are known (here the snapshot itself, whose forward pass is then cached as it would
                    // be), and the snapshot is number 0, so the input landscape is sampled (its cost per snapshot
                    // is that divided by --landscape-every). Without them, as the spin-model figures of
                    // BENCHMARKS.md were taken: alone.
                    Optional<RunReference> reference = views ? Optional.of(SnapshotAnalyzer.reference(snapshot,
                            analyzer.analyzeAsReference(snapshot))) : Optional.empty();
                    AnalysisContext context = new AnalysisContext(0, views ? snapshot : null);
                    analyzer.analyze(snapshot, reference, context);
                    List<SnapshotAnalysis> runs = new ArrayList<>();
                    for (int r = 0; r < repeat; r++) {
                        runs.add(analyzer.analyze(snapshot, reference, context));
                    }
                    runs.sort((a, b) -> Double.compare(a.timings().get("total"), b.timings().get("total")));
                    SnapshotAnalysis median = runs.get(runs.size() / 2);
                    double seconds = median.timings().get("total");
                    out.printf(Locale.ROOT, "%-24s %10d %-13s %-4s %9.3f %-13s  %s%n", size, snapshot.weightCount(), kind,
                            tap ? "yes" : "no", seconds, median.phase() == null ? "-" : median.phase().label(),
                            parts(median));
                    out.flush();
                    slopes.computeIfAbsent(kind + (tap ? " with TAP" : " without TAP"), k -> new ArrayList<>())
                            .add(new double[]{Math.log(snapshot.weightCount()), Math.log(seconds)});
                }
            }
        }
        slopes.forEach((name, points) -> {
            if (points.size() >= 2) {
                out.printf(Locale.ROOT, "cost ~ weights^%.2f (%s, log-log least squares over %d sizes)%n",
                        slope(points), name, points.size());
            }
        });
        return 0;
    }

    private TrainingConfig trainingConfig() throws IOException {
        Path mnist = Mnist.locate(Optional.ofNullable(data), System.getenv(), Path.of(System.getProperty("user.home")));
        TrainingConfig config;
        try {
            NetworkConfig network = new NetworkConfig(widths.widths(), HiddenActivation.RELU, false,
                    NetworkConfig.DEFAULT_LEARNING_RATE, seed);
            config = TrainingBench.config(network, trainingSteps, trainExamples, mnist, stride);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "spinmon bench: " + e.getMessage());
        }
        Mnist.ensure(mnist, Mnist.sources(System.getenv()),
                message -> spec.commandLine().getErr().println("spinmon bench: " + message));
        return config;
    }

    /**
     * The modes exclude each other, the options of one mode are refused in another, the --training widths are
     * MNIST's, and every network fits in the heap.
     */
    @Override
    public void checkOptions() {
        if (training && eigensolvers) {
            throw UsageErrors.error(spec, "--training and --eigensolvers are separate modes; choose one");
        }
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : TRAINING_ONLY) {
            if (!training && parsed.hasMatchedOption(option)) {
                throw UsageErrors.error(spec, option + " applies only with --training");
            }
        }
        if (slowAnalyzer != null && stride == 0) {
            throw UsageErrors.error(spec, "--slow-analyzer needs --stride K (K >= 1): a steady snapshot rate to be"
                    + " slower than");
        }
        if (!views && parsed.hasMatchedOption("--probe-size")) {
            throw UsageErrors.error(spec, "--probe-size applies only with --views");
        }
        if (training) {
            TrainCommand.checkMnistWidths(spec, widths);
            // Training holds float32 weights, gradients and Adam's moments (16 bytes) and a float64 snapshot (8).
            refuseTooLarge("--widths", widths, 24);
            if (data != null) {
                PathRules.directoryOrAbsent(spec, "--data", data);
            }
        } else {
            for (LayerWidths size : sizes) {
                // A synthetic snapshot in float64 and the couplings built from it.
                refuseTooLarge("--sizes", size, 16);
            }
        }
    }

    private void refuseTooLarge(String option, LayerWidths widths, long bytesPerWeight) {
        String why = widths.tooLargeForHeap(bytesPerWeight);
        if (why != null) {
            throw UsageErrors.error(spec, option + " " + widths + ": " + why);
        }
    }

    private static String parts(SnapshotAnalysis a) {
        StringBuilder b = new StringBuilder();
        a.timings().forEach((k, v) -> {
            if (!k.equals("total")) {
                b.append(k).append(' ').append(String.format(Locale.ROOT, "%.3f", v)).append("  ");
            }
        });
        return b.toString().strip();
    }

    private static double slope(List<double[]> points) {
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
        }
        return sxy / sxx;
    }
}
