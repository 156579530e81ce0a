package org.spinmon.dashboard.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.files.IoProblems;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.analyzer.stream.OverflowPolicy;
import org.spinmon.dashboard.monitor.AnalysisSettings;
import org.spinmon.dashboard.monitor.Monitor;
import org.spinmon.dashboard.server.LiveRuns;
import org.spinmon.dashboard.server.MonitorServer;
import org.spinmon.trainer.mnist.Mnist;
import org.spinmon.trainer.net.HiddenActivation;
import org.spinmon.trainer.net.NetworkConfig;
import org.spinmon.trainer.train.ProbeConfig;
import org.spinmon.trainer.train.Trainer;
import org.spinmon.trainer.train.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spinmon train}: trains an MLP on MNIST and monitors it live. Snapshots at log-spaced steps (0, 1, 2,
 * 4, …), epoch ends and an optional stride flow through the analyzer into {@code /metrics}; every snapshot is
 * written to {@code runs/<id>/snapshots/}, every analysis appended to {@code runs/<id>/analyses.jsonl}. Before
 * training starts, the run's probe batch ({@code --probe-size} MNIST test images, seed {@code --seed} XOR
 * {@link ProbeConfig#SEED_SALT}) is written to {@code runs/<id>/probe.safetensors}. Before the run directory is
 * created, the leftovers of interrupted writes in the other runs under {@code --runs} are removed
 * ({@link LeftoverReport}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains an MLP on MNIST and watches it as a spin model while it learns.",
                "Metrics on http://HOST:PORT/metrics, the analyses on /api/runs; the run directory under --runs."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:trained and every snapshot analysed or accounted for",
                "1:training failed (diverged, MNIST missing) or a snapshot could not be written or analysed",
                "2:bad usage"})
final class TrainCommand implements Callable<Integer>, CheckedCommand {

    /** Snapshot write failures reported one line each; the rest are counted only. */
    static final int WRITE_FAILURES_REPORTED = 10;

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Option(names = "--widths", paramLabel = "W", defaultValue = "784-512-256-128-10",
            converter = OptionTypes.Widths.class, description = "layer widths, input first, dash-separated: 784 inputs,"
                    + " 10 classes (default: ${DEFAULT-VALUE})")
    LayerWidths widths;

    @Option(names = "--activation", paramLabel = "A", defaultValue = "relu", converter = OptionTypes.Activation.class,
            description = "hidden activation: relu, or sign (binarized, straight-through gradient)"
                    + " (default: ${DEFAULT-VALUE})")
    HiddenActivation activation;

    @Option(names = "--bias", description = "give the layers biases (default: none, as the spin mapping assumes)")
    boolean bias;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-4", converter = OptionTypes.PositiveReal.class,
            description = "Adam learning rate, finite and > 0 (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", converter = OptionTypes.TrainImages.class,
            description = "minibatch size, 1-60000 (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "1", converter = OptionTypes.Positive.class,
            description = "epochs, >= 1 (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "0", converter = OptionTypes.NonNegativeLong.class,
            description = "stop after N optimizer steps (default: 0, no limit)")
    long maxSteps;

    @Option(names = "--stride", paramLabel = "N", defaultValue = "0", converter = OptionTypes.NonNegativeLong.class,
            description = "also snapshot every N steps (default: 0, only log-spaced steps and epoch ends)")
    long stride;

    @Option(names = "--test-at-snapshots", description = "measure test accuracy at every snapshot, not only at"
            + " epoch ends")
    boolean testAtSnapshots;

    @Option(names = "--train-examples", paramLabel = "N", defaultValue = "60000",
            converter = OptionTypes.TrainImages.class, description = "training examples, 1-60000, a seeded subset when"
                    + " below 60000 (default: ${DEFAULT-VALUE})")
    int trainExamples;

    @Option(names = "--seed", defaultValue = "1", converter = OptionTypes.AnyLong.class, description = "seed of the initial weights, the data order and"
            + " the analysis (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--replicas", paramLabel = "R", defaultValue = "1", converter = OptionTypes.Replicas.class,
            description = "train R replicas side by side from the same initial weights, each on its own order of the"
                    + " same examples; every snapshot holds all of them: R times the training time and the snapshot"
                    + " size (1-" + TrainingConfig.MAX_REPLICAS + ", default: ${DEFAULT-VALUE})")
    int replicas;

    @Option(names = "--probe-size", paramLabel = "P", defaultValue = "512", converter = OptionTypes.ProbeSize.class,
            description = "MNIST test images in the run's probe batch, drawn once with a seed derived from --seed"
                    + " and stored in the run directory; 0 = none, at most 10000 (default: ${DEFAULT-VALUE})")
    int probeSize;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs", converter = OptionTypes.FilePath.class,
            description = "where run directories go (default: ${DEFAULT-VALUE})")
    Path runs;

    @Option(names = "--run-id", paramLabel = "ID", converter = OptionTypes.RunId.class, description = "the run's id,"
            + " 1-128 characters from [A-Za-z0-9._-], not starting with a dot (default: run-<UTC time>)")
    String runId;

    @Option(names = "--no-record", description = "write no run directory (no snapshot files, nothing to replay)")
    boolean noRecord;

    @Option(names = "--data", paramLabel = "DIR", converter = OptionTypes.FilePath.class, description = "MNIST directory (default: $SPINMON_MNIST, else"
            + " ~/.spinmon/mnist; fetched there when missing)")
    Path data;

    @CommandLine.Mixin
    ProgressOption progress;

    @CommandLine.Mixin
    SpinModelOptions spin;

    @CommandLine.Mixin
    StreamOptions stream;

    @CommandLine.Mixin
    ServeOptions serve;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LiveRuns live = new LiveRuns();
        // Listen first: a port in use is reported before MNIST is fetched or a run directory is created.
        try (MonitorServer server = serve.address.start(registry, live, noRecord ? null : runs, err, "train")) {
            return train(server, registry, live, out, err);
        }
    }

    private int train(MonitorServer server, PrometheusMeterRegistry registry, LiveRuns live, PrintWriter out,
                      PrintWriter err) throws Exception {
        if (!noRecord) {
            LeftoverReport.sweep(runs, err, "spinmon train");
        }
        Path mnist = mnist();
        Mnist.ensure(mnist, Mnist.sources(System.getenv()), message -> err.println("spinmon train: " + message));
        TrainingConfig config = config(runId != null ? runId : freshId(), mnist);
        if (!noRecord) {
            RunSpace.check(runs, config);
        }
        RunStatus status = RunStatus.training(err, config.totalSteps(), progress.show());
        Trainer trainer = new Trainer(config, status::training, Trainer.DEFAULT_PROGRESS_EVERY);
        Optional<ProbeBatch> batch = trainer.probeBatch();
        SnapshotAnalyzer analyzer = spin.analyzer(data, seed, batch.orElse(null));
        RunManifest manifest = trainer.manifest(Instant.now());
        RunDirectory dir = noRecord ? null : createRun(manifest, analyzer);
        if (dir != null && batch.isPresent()) {
            try {
                dir.writeProbe(batch.get());
            } catch (IOException e) {
                throw new IOException("cannot write the probe batch into " + dir.root() + ": "
                        + IoProblems.describe(e), e);
            }
        }
        Monitor.Builder mb = Monitor.builder(config.runId(), "live", analyzer, registry, live)
                .settings(stream.settings(OverflowPolicy.DROP_OLDEST))
                .architecture(manifest.architecture())
                .runInfo("include_input", String.valueOf(analyzer.config().layout().includeInput()))
                .runInfo("include_output", String.valueOf(analyzer.config().layout().includeOutput()))
                .runInfo("biases_as_fields", String.valueOf(analyzer.config().layout().useBiases()));
        if (dir != null) {
            LimitedReport writeFailures = new LimitedReport(err, WRITE_FAILURES_REPORTED, "spinmon train: further"
                    + " snapshots that cannot be written are counted, not reported (the summary and"
                    + " spinmon_snapshot_write_failures_total have them all)");
            mb.record(dir, (s, e) -> writeFailures.report("spinmon train: cannot write the snapshot of step "
                    + s.step() + " (" + dir.snapshotFile(s.step()) + "): " + describe(e) + "; training goes on"))
                    .analysesLog(dir.root().resolve(MonitorServer.ANALYSES),
                            message -> err.println("spinmon train: " + message));
        }
        Monitor monitor = mb.build();
        out.println("spinmon train: run " + config.runId() + (dir == null ? " (not recorded)" : " in " + dir.root()));
        out.println("spinmon train: metrics at " + server.uri() + "metrics, analyses at " + server.uri()
                + "api/runs/" + config.runId() + "/analyses");
        out.flush();
        MonitoredRun run = new MonitoredRun(monitor, trainer.snapshots(), status, o -> { });
        int exit = run.await(out, err, "spinmon train");
        if (serve.hold) {
            out.println("spinmon train: still serving on " + server.uri() + "; Ctrl-C to stop");
            out.flush();
            MonitoredRun.holdUntilInterrupted();
        } else {
            FinalScrape.await(server.scrapes(), err, "spinmon train");
        }
        return exit;
    }

    private RunDirectory createRun(RunManifest manifest, SnapshotAnalyzer analyzer) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>(manifest.config());
        config.put(AnalysisSettings.KEY, AnalysisSettings.toMap(analyzer));
        RunManifest withAnalysis = new RunManifest(manifest.formatVersion(), manifest.runId(), manifest.created(),
                manifest.spinmonVersion(), manifest.architecture(), manifest.seeds(), config);
        try {
            return RunDirectory.create(runs, withAnalysis);
        } catch (IOException e) {
            throw new IOException("cannot create the run directory under " + runs + ": " + IoProblems.describe(e), e);
        }
    }

    /** @return what went wrong, for a one-line report: the file and reason of an IOException, else type and message */
    static String describe(Exception e) {
        return e instanceof IOException io ? IoProblems.describe(io)
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private String freshId() {
        String base = "run-" + ID.format(Instant.now());
        String id = base;
        for (int i = 2; Files.exists(runs.resolve(id)); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    /**
     * The options' rules beyond each value's own: --runs and --data are directories (or absent), --widths has
     * MNIST's 784 inputs and 10 classes and fits in the heap, the landscape classes are MNIST classes, and the
     * trainer's records accept the run.
     */
    @Override
    public void checkOptions() {
        if (!noRecord) {
            PathRules.directoryOrAbsent(spec, "--runs", runs);
        }
        if (!noRecord && runId != null && Files.exists(runs.resolve(runId))) {
            throw UsageErrors.outside(spec, "--run-id", "the id of no run in " + runs + " yet", runId);
        }
        if (data != null) {
            PathRules.directoryOrAbsent(spec, "--data", data);
        }
        checkMnistWidths(spec, widths);
        // The least a run holds: float32 weights, gradients and Adam's two moments (16 bytes), and one snapshot
        // of them in float64 (8 bytes), per replica.
        String tooLarge = widths.tooLargeForHeap(24L * replicas);
        if (tooLarge != null) {
            throw UsageErrors.error(spec, "--widths " + widths + " with --replicas " + replicas + ": " + tooLarge);
        }
        spin.check(spec, TrainingConfig.MNIST_CLASSES);
        try {
            config(runId != null ? runId : "check", mnist());
        } catch (IllegalArgumentException e) {
            throw UsageErrors.error(spec, e.getMessage());
        }
    }

    /** --widths must start with MNIST's 784 inputs and end with its 10 classes. */
    static void checkMnistWidths(CommandLine.Model.CommandSpec spec, LayerWidths widths) {
        List<Integer> w = widths.widths();
        if (w.get(0) != TrainingConfig.MNIST_INPUTS || w.get(w.size() - 1) != TrainingConfig.MNIST_CLASSES) {
            throw UsageErrors.outside(spec, "--widths", TrainingConfig.MNIST_INPUTS + "-...-"
                    + TrainingConfig.MNIST_CLASSES + " for MNIST (784 pixels in, 10 classes out)", widths);
        }
    }

    private Path mnist() {
        return Mnist.locate(Optional.ofNullable(data), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    private TrainingConfig config(String id, Path mnist) {
        NetworkConfig network = new NetworkConfig(widths.widths(), activation, bias, learningRate, seed);
        return new TrainingConfig(network, batch, epochs, maxSteps, stride, testAtSnapshots, seed, id, mnist,
                trainExamples, 10_000, replicas, ProbeConfig.forRun(probeSize, seed));
    }
}
