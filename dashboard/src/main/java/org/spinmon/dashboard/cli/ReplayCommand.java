package org.spinmon.dashboard.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.files.IoProblems;
import org.spinmon.analyzer.metrics.OpenMetricsWriter;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunListing;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.analyzer.snapshot.SnapshotInfo;
import org.spinmon.analyzer.stream.OverflowPolicy;
import org.spinmon.analyzer.stream.ReplayPacing;
import org.spinmon.analyzer.stream.StreamCounters;
import org.spinmon.dashboard.json.AnalysisJson;
import org.spinmon.dashboard.monitor.AnalysisSettings;
import org.spinmon.dashboard.monitor.Monitor;
import org.spinmon.dashboard.monitor.RecordedSnapshots;
import org.spinmon.dashboard.server.LiveRuns;
import org.spinmon.dashboard.server.MonitorServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Flux;

/**
 * {@code spinmon replay RUN}: pushes a recorded run through the same pipeline as {@code train} (the same
 * analyzer, stream and publishers, {@code mode="replay"}), paced by the recorded snapshot times or as fast as
 * possible, optionally writing every analysed value as timestamped OpenMetrics for Prometheus backfill.
 * Without analysis options it analyses with the settings recorded in run.json, so that it reproduces the live
 * analyses exactly.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays a recorded run through the analyzer: the same metrics as live, mode=\"replay\".",
                "RUN is a run directory (runs/<id>). Analysis options override the settings recorded in run.json."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every snapshot replayed", "1:some file could not be read or analysed (each reported)",
                "2:bad usage"})
final class ReplayCommand implements Callable<Integer>, CheckedCommand {

    @Parameters(paramLabel = "RUN", converter = OptionTypes.FilePath.class, description = "the run directory")
    Path run;

    @Option(names = "--speed", paramLabel = "S", defaultValue = "max", converter = OptionTypes.Speed.class,
            description = "max (as fast as the analyzer goes), realtime (the recorded pace), or a factor such as 10"
                    + " (ten times the recorded pace) (default: ${DEFAULT-VALUE})")
    double pace;

    @Option(names = "--from", paramLabel = "STEP", converter = OptionTypes.NonNegativeLong.class, description = "first step to replay (default: the first)")
    Long from;

    @Option(names = "--to", paramLabel = "STEP", converter = OptionTypes.NonNegativeLong.class, description = "last step to replay (default: the last)")
    Long to;

    @Option(names = "--openmetrics", paramLabel = "FILE", converter = OptionTypes.FilePath.class, description = "also write every analysed value with its"
            + " snapshot's time as OpenMetrics text, for promtool tsdb create-blocks-from openmetrics")
    Path openMetrics;

    @Option(names = "--json", description = "print every analysis as one JSON line on stdout")
    boolean json;

    @Option(names = "--seed", defaultValue = "1", converter = OptionTypes.AnyLong.class, description = "seed of the analysis when analysis options are"
            + " given (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--data", paramLabel = "DIR", converter = OptionTypes.FilePath.class, description = "MNIST directory for --drop-dead-pixels")
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
        RunListing listing = RunDirectory.scan(run);
        AtomicBoolean failed = new AtomicBoolean(listing.hasErrors());
        for (RunListing.Problem p : listing.problems()) {
            boolean error = p.severity() == RunListing.Severity.ERROR;
            err.println("spinmon replay: " + (error ? "" : "warning: ") + p.file() + ": "
                    + AnalyzeCommand.stripFile(p.message(), p.file()));
        }
        List<SnapshotInfo> all = listing.snapshots();
        if (all.isEmpty()) {
            err.println("spinmon replay: no snapshots in " + run);
            return 1;
        }
        long first = from == null ? Long.MIN_VALUE : from;
        long last = to == null ? Long.MAX_VALUE : to;
        List<Path> files = all.stream().filter(i -> i.step() >= first && i.step() <= last).map(SnapshotInfo::file)
                .toList();
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "spinmon replay: no snapshot between steps "
                    + (from == null ? "start" : from) + " and " + (to == null ? "end" : to));
        }
        String id = listing.manifest().map(RunManifest::runId).orElse(all.get(0).runId());
        SnapshotAnalyzer analyzer = analyzer(listing.manifest(), probe(run, err));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LiveRuns live = new LiveRuns();
        StreamCounters counters = new StreamCounters();
        OpenMetricsWriter writer = openMetrics == null ? null : new OpenMetricsWriter(id, "replay", counters);
        Monitor.Builder mb;
        try {
            mb = Monitor.builder(id, "replay", analyzer, registry, live).counters(counters)
                    .settings(stream.settings(OverflowPolicy.BLOCK));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "spinmon replay: " + e.getMessage());
        }
        listing.manifest().ifPresent(m -> mb.architecture(m.architecture()));
        mb.firstOrdinal(all.stream().map(SnapshotInfo::file).toList().indexOf(files.get(0)));
        if (writer != null) {
            mb.publishTo(writer);
        }
        Optional<SnapshotInfo> zero = all.stream().filter(i -> i.step() == 0).findFirst();
        if (zero.isPresent() && !files.get(0).equals(zero.get().file())) {
            Snapshot initial = SnapshotFiles.read(zero.get().file());
            mb.reference(SnapshotAnalyzer.reference(initial, analyzer.analyzeAsReference(initial)));
        }
        Monitor monitor = mb.build();
        Flux<Snapshot> snapshots = ReplayPacing.paced(RecordedSnapshots.read(files, (f, e) -> {
            err.println("spinmon replay: " + f + ": " + AnalyzeCommand.stripFile(IoProblems.describe(e), f));
            failed.set(true);
        }), pace);
        RunStatus status = RunStatus.replay(err, files.size(), progress.show());
        Path runs = run.toAbsolutePath().getParent();
        try (MonitorServer server = serve.address.start(registry, live, runs, err, "replay")) {
            err.println("spinmon replay: " + files.size() + " snapshots of run " + id + "; metrics at " + server.uri()
                    + "metrics");
            int exit = new MonitoredRun(monitor, snapshots, status, json ? o -> out.println(AnalysisJson.line(
                    AnalysisJson.outcome(o))) : o -> { }).await(json ? err : out, err, "spinmon replay");
            if (writer != null) {
                writer.writeTo(openMetrics);
                err.println("spinmon replay: OpenMetrics written to " + openMetrics + " (backfill with: promtool tsdb"
                        + " create-blocks-from openmetrics " + openMetrics + " DATA_DIR)");
            }
            if (serve.hold) {
                PrintWriter notes = json ? err : out;
                notes.println("spinmon replay: still serving on " + server.uri() + "; Ctrl-C to stop");
                notes.flush();
                MonitoredRun.holdUntilInterrupted();
            }
            return failed.get() ? 1 : exit;
        }
    }

    /**
     * The options' rules beyond each value's own: RUN is a directory, --from ≤ --to, the --openmetrics file can be
     * written (it is written at the end, after the whole replay), --data is a directory, and the analysis options
     * fit together.
     */
    @Override
    public void checkOptions() {
        PathRules.existingDirectory(spec, "RUN", run);
        if (from != null && to != null && from > to) {
            throw UsageErrors.outside(spec, "--to", ">= --from (" + from + ")", to);
        }
        if (openMetrics != null) {
            PathRules.writableFile(spec, "--openmetrics", openMetrics);
        }
        if (data != null) {
            PathRules.directoryOrAbsent(spec, "--data", data);
        }
        spin.check(spec, 0);
    }

    /** @return the run's probe batch, or {@code null} (with a note) when it has none or it is unreadable */
    private static ProbeBatch probe(Path run, PrintWriter err) {
        try {
            Optional<ProbeBatch> probe = RunDirectory.at(run).readProbe();
            if (probe.isEmpty()) {
                err.println("spinmon replay: note: the run has no probe batch; the kernel view and the spin overlaps"
                        + " are left out");
            }
            return probe.orElse(null);
        } catch (IOException e) {
            err.println("spinmon replay: warning: " + IoProblems.describe(e) + "; the kernel view and the spin"
                    + " overlaps are left out");
            return null;
        }
    }

    /**
     * @return the analyzer of the analysis options when any is given, else the one run.json records, else the
     *         options' defaults
     * @throws IOException naming run.json when its recorded settings are not valid (a damaged file is not a usage
     *                     error)
     */
    private SnapshotAnalyzer analyzer(Optional<RunManifest> manifest, ProbeBatch probe) throws IOException {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        boolean given = SpinModelOptions.NAMES.stream().anyMatch(parsed::hasMatchedOption)
                || parsed.hasMatchedOption("--seed");
        if (!given && manifest.isPresent()) {
            Optional<SnapshotAnalyzer> recorded;
            try {
                recorded = AnalysisSettings.recorded(manifest.get().config(), probe);
            } catch (IllegalArgumentException e) {
                Path file = run.resolve(RunDirectory.MANIFEST);
                throw new IOException(file + ": " + e.getMessage().replaceFirst("^run\\.json: ", ""), e);
            }
            if (recorded.isPresent()) {
                return recorded.get();
            }
        }
        try {
            return spin.analyzer(data, seed, probe);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "spinmon replay: " + e.getMessage());
        }
    }
}
