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
import java.util.Arrays;
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
final class TrainCommand implements Callable<Integer> {

    /** Snapshot write failures reported one line each; the rest are counted only. */
    static final int WRITE_FAILURES_REPORTED = 10;

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Option(names = "--widths", paramLabel = "W", defaultValue = "784-512-256-128-10",
            description = "layer widths, input first, dash-separated (default: ${DEFAULT-VALUE})")
    String widths;

    @Option(names = "--activation", paramLabel = "A", defaultValue = "relu",
            description = "hidden activation: relu, or sign (binarized, straight-through gradient)"
                    + " (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--bias", description = "give the layers biases (default: none, as the spin mapping assumes)")
    boolean bias;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-4",
            description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "minibatch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "1", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "0",
            description = "stop after N optimizer steps (default: 0, no limit)")
    long maxSteps;

    @Option(names = "--stride", paramLabel = "N", defaultValue = "0",
            description = "also snapshot every N steps (default: 0, only log-spaced steps and epoch ends)")
    long stride;

    @Option(names = "--test-at-snapshots", description = "measure test accuracy at every snapshot, not only at"
            + " epoch ends")
    boolean testAtSnapshots;

    @Option(names = "--train-examples", paramLabel = "N", defaultValue = "60000",
            description = "training examples, a seeded subset when below 60000 (default: ${DEFAULT-VALUE})")
    int trainExamples;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the initial weights, the data order and"
            + " the analysis (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--replicas", paramLabel = "R", defaultValue = "1",
            description = "train R replicas side by side from the same initial weights, each on its own order of the"
                    + " same examples; every snapshot holds all of them: R times the training time and the snapshot"
                    + " size (1-" + TrainingConfig.MAX_REPLICAS + ", default: ${DEFAULT-VALUE})")
    int replicas;

    @Option(names = "--probe-size", paramLabel = "P", defaultValue = "512",
            description = "MNIST test images in the run's probe batch, drawn once with a seed derived from --seed"
                    + " and stored in the run directory; 0 = none (default: ${DEFAULT-VALUE})")
    int probeSize;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "where run directories go (default: ${DEFAULT-VALUE})")
    Path runs;

    @Option(names = "--run-id", paramLabel = "ID", description = "the run's id (default: run-<UTC time>)")
    String runId;

    @Option(names = "--no-record", description = "write no run directory (no snapshot files, nothing to replay)")
    boolean noRecord;

    @Option(names = "--data", paramLabel = "DIR", description = "MNIST directory (default: $SPINMON_MNIST, else"
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
        NetworkConfig network;
        SnapshotAnalyzer analyzer;
        ProbeConfig probe;
        try {
            probe = ProbeConfig.forRun(probeSize, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "spinmon train: --probe-size: "
                    + e.getMessage());
        }
        try {
            network = new NetworkConfig(parseWidths(widths), HiddenActivation.parse(activation), bias, learningRate,
                    seed);
            analyzer = spin.analyzer(data, seed, null); // validates the options before MNIST is prepared
            stream.settings(OverflowPolicy.DROP_OLDEST);
            TrainingConfig.checkReplicas(replicas);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "spinmon train: " + e.getMessage());
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LiveRuns live = new LiveRuns();
        // Listen first: a port in use is reported before MNIST is fetched or a run directory is created.
        try (MonitorServer server = serve.address.start(registry, live, noRecord ? null : runs, err, "train")) {
            return train(server, registry, live, network, analyzer, probe, out, err);
        }
    }

    private int train(MonitorServer server, PrometheusMeterRegistry registry, LiveRuns live, NetworkConfig network,
                      SnapshotAnalyzer analyzer, ProbeConfig probe, PrintWriter out, PrintWriter err)
            throws Exception {
        if (!noRecord) {
            LeftoverReport.sweep(runs, err, "spinmon train");
        }
        Path mnist = Mnist.locate(Optional.ofNullable(data), System.getenv(), Path.of(System.getProperty("user.home")));
        Mnist.ensure(mnist, Mnist.sources(System.getenv()), message -> err.println("spinmon train: " + message));
        String id = runId != null ? runId : freshId();
        TrainingConfig config;
        try {
            config = new TrainingConfig(network, batch, epochs, maxSteps, stride, testAtSnapshots, seed, id, mnist,
                    trainExamples, 10_000, replicas, probe);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "spinmon train: " + e.getMessage());
        }
        if (!noRecord) {
            RunSpace.check(runs, config);
        }
        RunStatus status = RunStatus.training(err, config.totalSteps(), progress.show());
        Trainer trainer = new Trainer(config, status::training, Trainer.DEFAULT_PROGRESS_EVERY);
        Optional<ProbeBatch> batch = trainer.probeBatch();
        analyzer = spin.analyzer(data, seed, batch.orElse(null));
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
        Monitor.Builder mb = Monitor.builder(id, "live", analyzer, registry, live)
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
        out.println("spinmon train: run " + id + (dir == null ? " (not recorded)" : " in " + dir.root()));
        out.println("spinmon train: metrics at " + server.uri() + "metrics, analyses at " + server.uri()
                + "api/runs/" + id + "/analyses");
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
        if (Files.exists(runs.resolve(manifest.runId()))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "spinmon train: run " + manifest.runId()
                    + " already exists in " + runs + "; choose another --run-id");
        }
        try {
            return RunDirectory.create(runs, withAnalysis);
        } catch (IOException e) {
            throw new IOException("cannot create the run directory under " + runs + ": " + IoProblems.describe(e), e);
        }
    }

    private static String describe(Exception e) {
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

    static List<Integer> parseWidths(String text) {
        try {
            return Arrays.stream(text.split("-")).map(String::trim).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--widths must be positive integers joined by '-', like"
                    + " 784-512-256-128-10, was '" + text + "'");
        }
    }

}
