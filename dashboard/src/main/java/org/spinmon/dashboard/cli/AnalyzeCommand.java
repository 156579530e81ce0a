package org.spinmon.dashboard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.BiConsumer;
import org.spinmon.analyzer.analysis.SnapshotAnalysis;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.files.IoProblems;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.probe.ProbeFiles;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunListing;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.analyzer.snapshot.SnapshotInfo;
import org.spinmon.analyzer.stream.AnalysisOutcome;
import org.spinmon.analyzer.stream.AnalysisStream;
import org.spinmon.analyzer.stream.OverflowPolicy;
import org.spinmon.analyzer.stream.StreamSettings;
import org.spinmon.dashboard.monitor.RecordedSnapshots;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Flux;

/**
 * {@code spinmon analyze FILE|DIR ...}: the spin-model analysis of snapshot files (spin-model.md §8): T_SG,
 * T_c,order, T*, min λ_min(H_0), the phase and tc_melt, the top eigenvalues of J, the layered-SK prediction,
 * the order pattern, the TAP states and the per-layer spectra; for a directory also the T_c(t) power law.
 *
 * <p>A directory is a run directory ({@code run.json}, {@code snapshots/}) or any directory of
 * {@code .safetensors} files; its snapshots are analysed in step order and the first is W_0, the reference of
 * the change-from-init metrics and of the outlier count. Files that cannot be read are reported on standard
 * error, one line each; the others are still analysed, and the exit status is then 1.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Analyses snapshot files as spin models: T_SG, T_c, phase, TAP states, bond spectrum.",
                "FILE is a .safetensors snapshot; DIR is a run directory or a directory of snapshots (step order;"
                        + " the first is W_0, and the T_c(t) power law is printed at the end)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every snapshot was analysed", "1:some file could not be read (each one reported on stderr)",
                "2:bad usage"})
final class AnalyzeCommand implements Callable<Integer>, CheckedCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", converter = OptionTypes.FilePath.class, description = "snapshot files or directories")
    List<Path> paths;

    @Option(names = "--json", description = "one JSON object per snapshot and line (NaN as null); for a"
            + " directory a last line {\"power_law\": ...}")
    boolean json;

    @Option(names = "--inspect", description = "only what the files hold (shapes, norms), no physics: fast")
    boolean inspect;

    @CommandLine.Mixin
    SpinModelOptions spin;

    @Option(names = "--data", paramLabel = "DIR", converter = OptionTypes.FilePath.class, description = "MNIST directory for --drop-dead-pixels (default:"
            + " $SPINMON_MNIST, else ~/.spinmon/mnist)")
    Path data;

    @Option(names = "--seed", defaultValue = "1", converter = OptionTypes.AnyLong.class, description = "seed of every random start (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--probe", paramLabel = "FILE", converter = OptionTypes.FilePath.class, description = "probe batch for the kernel view and the spin"
            + " overlaps (default: the run's probe.safetensors, when the snapshots are in a run directory)")
    Path probeFile;

    @CommandLine.Mixin
    ProgressOption progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProbeBatch given = null;
        if (probeFile != null && !inspect) {
            try {
                given = ProbeFiles.read(probeFile);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "spinmon analyze: --probe: "
                        + IoProblems.describe(e));
            }
        }
        AnalysisPrinter printer = json ? new JsonAnalysisPrinter(out) : new TableAnalysisPrinter(out);
        boolean failed = false;
        for (Path path : paths) {
            SnapshotAnalyzer analyzer = inspect ? null : analyzer(given != null ? given : runProbe(path, err));
            List<Path> files = new ArrayList<>();
            boolean directory = Files.isDirectory(path);
            if (directory) {
                RunListing listing = RunDirectory.scan(path);
                for (RunListing.Problem problem : listing.problems()) {
                    boolean error = problem.severity() == RunListing.Severity.ERROR;
                    err.println("spinmon analyze: " + (error ? "" : "warning: ") + problem.file() + ": "
                            + stripFile(problem.message(), problem.file()));
                }
                failed |= listing.hasErrors();
                listing.snapshots().stream().map(SnapshotInfo::file).forEach(files::add);
            } else {
                files.add(path);
            }
            failed |= analyse(files, directory, analyzer, printer, err);
        }
        out.flush();
        return failed ? 1 : 0;
    }

    private boolean analyse(List<Path> files, boolean directory, SnapshotAnalyzer analyzer, AnalysisPrinter printer,
                            PrintWriter err) {
        ProgressBar bar = new ProgressBar(err, files.size(), directory && progress.show());
        boolean[] failed = {false};
        BiConsumer<Path, IOException> unreadable = (file, e) -> {
            bar.clear();
            err.println("spinmon analyze: " + file + ": " + stripFile(IoProblems.describe(e), file));
            failed[0] = true;
            bar.advance("unreadable");
        };
        // The files in order, less the unreadable ones: the n-th snapshot read comes from the n-th file left. The
        // reader and the outcomes may run on different threads, hence a concurrent deque.
        Deque<Path> order = new ConcurrentLinkedDeque<>(files);
        Flux<Snapshot> snapshots = RecordedSnapshots.read(files, (f, e) -> {
            order.remove(f);
            unreadable.accept(f, e);
        });
        if (analyzer == null) {
            snapshots.doOnNext(s -> {
                printer.inspection(order.poll(), s);
                bar.advance("step " + s.step());
            }).blockLast();
        } else if (!directory) {
            for (Path file : files) {
                Snapshot s;
                try {
                    s = SnapshotFiles.read(file);
                } catch (IOException e) {
                    unreadable.accept(file, e);
                    continue;
                }
                try {
                    SnapshotAnalysis a = s.step() == 0 ? analyzer.analyzeAsReference(s)
                            : analyzer.analyze(s, Optional.empty());
                    printer.analysis(file, s, a);
                } catch (RuntimeException e) {
                    // As in the stream of a directory: the failure is reported for its file, and the others go on.
                    err.println("spinmon analyze: " + file + ": the analysis failed: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                    failed[0] = true;
                }
            }
        } else {
            // The same stream as live runs and replay: exact (blocking) hand-off, one analysis at a time, the
            // directory's first snapshot as W_0. The queue pairs each outcome with its file and layer names.
            Deque<Snapshot> waiting = new ConcurrentLinkedDeque<>();
            AnalysisStream stream = AnalysisStream.builder(analyzer)
                    .settings(new StreamSettings(1, 1, OverflowPolicy.BLOCK)).firstIsReference().build();
            AnalysisOutcome last = stream.apply(snapshots.doOnNext(s -> {
                waiting.add(s);
                bar.show("step " + s.step() + " ...");
            })).doOnNext(o -> {
                Snapshot s = waiting.poll();
                bar.clear();
                if (o.analysis() != null) {
                    printer.analysis(order.poll(), s, o.analysis());
                } else {
                    err.println("spinmon analyze: " + order.poll() + ": the analysis failed: " + o.error());
                    failed[0] = true;
                }
                bar.advance(String.format(Locale.ROOT, "step %d  tc_melt %.4g  %s", o.step(),
                        o.analysis() == null ? Double.NaN : o.analysis().tcMelt(),
                        o.analysis() == null || o.analysis().phase() == null ? "undefined"
                                : o.analysis().phase().label()));
            }).blockLast();
            bar.finish();
            if (last != null) {
                printer.powerLaw(last.powerLaw());
            }
            return failed[0];
        }
        bar.finish();
        return failed[0];
    }

    /**
     * @return the probe batch of the run {@code path} belongs to ({@code probe.safetensors} in the directory, or
     *         next to the {@code snapshots/} directory a file is in), or {@code null} when there is none or it
     *         cannot be read (then said on {@code err})
     */
    private static ProbeBatch runProbe(Path path, PrintWriter err) {
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        Path file = dir.resolve(ProbeFiles.FILE_NAME);
        if (!Files.exists(file) && dir.getFileName() != null
                && dir.getFileName().toString().equals(RunDirectory.SNAPSHOTS) && dir.getParent() != null) {
            file = dir.getParent().resolve(ProbeFiles.FILE_NAME);
        }
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return ProbeFiles.read(file);
        } catch (IOException e) {
            err.println("spinmon analyze: warning: " + IoProblems.describe(e) + "; analysing without a probe batch");
            return null;
        }
    }

    /** The options' rules beyond each value's own: the paths exist, and the analysis options fit together. */
    @Override
    public void checkOptions() {
        for (Path path : paths) {
            PathRules.existing(spec, "FILE|DIR", path, true);
        }
        if (probeFile != null) {
            PathRules.existing(spec, "--probe", probeFile, false);
        }
        if (data != null) {
            PathRules.directoryOrAbsent(spec, "--data", data);
        }
        spin.check(spec, 0);
    }

    private SnapshotAnalyzer analyzer(ProbeBatch probe) throws IOException {
        try {
            return spin.analyzer(data, seed, probe);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "spinmon analyze: " + e.getMessage());
        }
    }

    static String stripFile(String message, Path file) {
        String prefix = file + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : String.valueOf(message);
    }
}
