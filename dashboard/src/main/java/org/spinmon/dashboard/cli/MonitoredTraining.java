package org.spinmon.dashboard.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.files.IoProblems;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.analyzer.stream.AnalysisOutcome;
import org.spinmon.analyzer.stream.StreamCounters;
import org.spinmon.analyzer.stream.StreamSettings;
import org.spinmon.dashboard.monitor.Monitor;
import org.spinmon.dashboard.server.LiveRuns;
import org.spinmon.dashboard.server.MonitorServer;
import org.spinmon.trainer.train.Trainer;
import org.spinmon.trainer.train.TrainingConfig;
import reactor.core.scheduler.Scheduler;

/**
 * One run of {@code spinmon train}'s live pipeline for the benchmark: {@link Trainer} → {@link Monitor} (default
 * stream settings: capacity 8, one analysis at a time on its own thread, drop-oldest; the probe batch, when the
 * configuration has one, and every snapshot recorded into a run directory, and every analysis appended to its
 * {@code analyses.jsonl}) → a
 * {@code PrometheusMeterRegistry} served by a {@link MonitorServer} on a free local port.
 *
 * <p><b>Throughput window</b>: from the step-0 snapshot's time (when the trainer starts copying the untrained
 * weights) to the trainer's progress report of the last step (after its snapshot and test accuracy), wall clock.
 *
 * <p><b>Latency</b> of a snapshot that reaches {@code /metrics}: the moment a scrape of the real endpoint
 * returns showing {@code spinmon_training_step} equal to its step, minus the snapshot's time, in seconds. The
 * scrape is made as soon as the outcome is published, on the analyzer's thread (the next outcome cannot be
 * published meanwhile), so the figure exceeds the true visibility time by at most one local scrape. Snapshots
 * dropped by the hand-off never reach {@code /metrics} and are counted instead.
 *
 * <p><b>Accounting</b>, for checking the stream's counters against independent counts: the steps of the outcomes
 * received, the snapshot files in the run directory, the lines of its {@code analyses.jsonl} and the counters as
 * a scrape of {@code /metrics} shows them once the run has ended.
 */
final class MonitoredTraining {

    /**
     * What one monitored run measured.
     *
     * @param timing           the throughput window
     * @param latencies        snapshot → {@code /metrics} latencies, seconds, in step order
     * @param emitted          snapshots the trainer emitted
     * @param dropped          snapshots the hand-off dropped (drop-oldest), never analysed
     * @param analysisFailures analyses that failed (their training values are still published)
     * @param unseen           published outcomes whose step a scrape did not show (0 unless publication is broken)
     */
    record Result(TrainingTiming timing, List<Double> latencies, long emitted, long dropped, long analysisFailures,
                  long unseen, Accounting accounting) {
    }

    /**
     * The run's accounting, from the stream and from sources independent of it.
     *
     * @param counters      the stream's counters once it has ended
     * @param steps         the steps of the outcomes received, in order
     * @param published     when each of those outcomes was published, in order
     * @param seconds       each analysis' own time as the stream measured it, seconds, in order
     * @param snapshotTimes when each emitted snapshot was taken, by step
     * @param files         snapshot files in the run directory
     * @param logLines      lines of the run's {@code analyses.jsonl}
     * @param scraped       the counters on {@code /metrics} at the end: {@code emitted}, {@code analyzed},
     *                      {@code dropped}, {@code written} (NaN when a series is missing)
     */
    record Accounting(Counts counters, List<Long> steps, List<Instant> published, List<Double> seconds,
                      Map<Long, Instant> snapshotTimes, long files, long logLines, Counts scraped) {
    }

    /** Snapshot counts: emitted, analysed, dropped, written (doubles, as Prometheus exposes them). */
    record Counts(double emitted, double analyzed, double dropped, double written) {

        static Counts of(StreamCounters c) {
            return new Counts(c.emitted(), c.analyzed(), c.dropped(), c.written());
        }
    }

    /**
     * How the run's stream is wired.
     *
     * @param settings   hand-off capacity, concurrency and policy
     * @param scheduler  where the analyses run, or {@code null} for the stream's own
     * @param onSnapshot told of every snapshot as the trainer emits it, on the training thread
     * @param onTrained  run on the training thread as the throughput window ends (the last step's report)
     * @param counters   the stream's counters (fresh ones: one run's)
     */
    record Wiring(StreamSettings settings, Scheduler scheduler, Consumer<Snapshot> onSnapshot, Runnable onTrained,
                  StreamCounters counters) {

        /** @return {@code spinmon train}'s wiring: the default settings on the stream's own scheduler */
        static Wiring defaults() {
            return new Wiring(StreamSettings.DEFAULT, null, s -> { }, () -> { }, new StreamCounters());
        }
    }

    private final HttpClient http;
    private final SpinModelConfig analysis;

    /**
     * @param http     the client that scrapes {@code /metrics}
     * @param analysis the spin-model analysis of every snapshot
     */
    MonitoredTraining(HttpClient http, SpinModelConfig analysis) {
        this.http = http;
        this.analysis = analysis;
    }

    /**
     * Trains {@code config}, monitored, recording into a new run directory under {@code runs}, and waits until
     * every analysis is published and every snapshot written.
     *
     * @throws IOException when the run directory, the server or a scrape fails, or a snapshot cannot be written
     */
    Result run(TrainingConfig config, Path runs) throws IOException {
        return run(config, runs, Wiring.defaults());
    }

    /** As {@link #run(TrainingConfig, Path)}, with the stream wired as {@code wiring} says. */
    Result run(TrainingConfig config, Path runs, Wiring wiring) throws IOException {
        AtomicReference<Instant> start = new AtomicReference<>();
        AtomicReference<Instant> end = new AtomicReference<>();
        AtomicReference<Double> accuracy = new AtomicReference<>(Double.NaN);
        long last = config.totalSteps();
        Trainer trainer = new Trainer(config, p -> {
            if (p.step() == last) {
                end.set(Instant.now());
                accuracy.set(p.accuracy());
                wiring.onTrained().run();
            }
        }, Trainer.DEFAULT_PROGRESS_EVERY);
        RunDirectory dir = RunDirectory.create(runs, trainer.manifest(Instant.now()));
        Optional<ProbeBatch> probeBatch = trainer.probeBatch();
        if (probeBatch.isPresent()) {
            dir.writeProbe(probeBatch.get());
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LiveRuns live = new LiveRuns();
        AtomicReference<String> logFailure = new AtomicReference<>();
        AtomicReference<String> firstWriteFailure = new AtomicReference<>();
        try (MonitorServer server = MonitorServer.start("127.0.0.1", 0, registry, live, runs)) {
            Monitor.Builder builder = Monitor.builder(config.runId(), "live",
                    SnapshotAnalyzer.builder(analysis).probe(probeBatch.orElse(null)).build(), registry, live)
                    .settings(wiring.settings())
                    .counters(wiring.counters())
                    .record(dir, (s, e) -> firstWriteFailure.compareAndSet(null, "step " + s.step() + ": "
                            + TrainCommand.describe(e)))
                    .analysesLog(dir.root().resolve(MonitorServer.ANALYSES), logFailure::set);
            if (wiring.scheduler() != null) {
                builder.scheduler(wiring.scheduler());
            }
            Monitor monitor = builder.build();
            MetricsProbe probe = new MetricsProbe(http, server.uri().resolve("metrics"));
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicLong unseen = new AtomicLong();
            List<Long> steps = new ArrayList<>();
            List<Instant> published = new ArrayList<>();
            List<Double> analysisSeconds = new ArrayList<>();
            Map<Long, Instant> snapshotTimes = new ConcurrentSkipListMap<>();
            monitor.apply(trainer.snapshots().doOnNext(s -> {
                if (s.step() == 0) {
                    start.set(s.time());
                }
                snapshotTimes.put(s.step(), s.time());
                wiring.onSnapshot().accept(s);
            })).doOnNext(o -> {
                if (seen(probe, o)) {
                    latencies.add(seconds(o.time(), Instant.now()));
                } else {
                    unseen.incrementAndGet();
                }
                steps.add(o.step());
                published.add(Instant.now());
                analysisSeconds.add(o.seconds());
            }).blockLast();
            StreamCounters c = monitor.counters();
            Accounting accounting = new Accounting(Counts.of(c), List.copyOf(steps), List.copyOf(published),
                    List.copyOf(analysisSeconds), Map.copyOf(snapshotTimes), count(Files.list(dir.root()
                    .resolve(RunDirectory.SNAPSHOTS))), count(Files.lines(dir.root().resolve(MonitorServer.ANALYSES))),
                    scraped(probe, config.runId()));
            if (c.writeFailures() > 0) {
                throw new IOException(c.writeFailures() + " snapshots could not be written to " + dir.root()
                        + "; the first, " + firstWriteFailure.get());
            }
            if (logFailure.get() != null) {
                throw new IOException(logFailure.get());
            }
            TrainingTiming timing = new TrainingTiming(TrainingVariant.SPINMON, last, seconds(start.get(), end.get()),
                    accuracy.get());
            return new Result(timing, List.copyOf(latencies), c.emitted(), c.dropped(), c.analysisFailures(),
                    unseen.get(), accounting);
        }
    }

    private static long count(Stream<?> entries) {
        try (entries) {
            return entries.count();
        }
    }

    private static Counts scraped(MetricsProbe probe, String run) throws IOException {
        try {
            return new Counts(counter(probe, "emitted", run), counter(probe, "analyzed", run),
                    counter(probe, "dropped", run), counter(probe, "written", run));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while scraping /metrics", e);
        }
    }

    private static double counter(MetricsProbe probe, String which, String run)
            throws IOException, InterruptedException {
        return probe.value("spinmon_snapshots_" + which + "_total", run).orElse(Double.NaN);
    }

    private static boolean seen(MetricsProbe probe, AnalysisOutcome o) {
        try {
            OptionalLong step = probe.trainingStep(o.runId());
            return step.isPresent() && step.getAsLong() == o.step();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scrape /metrics: " + IoProblems.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scraping /metrics", e);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
