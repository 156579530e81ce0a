package org.spinmon.dashboard.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.files.IoProblems;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.analyzer.stream.AnalysisOutcome;
import org.spinmon.analyzer.stream.StreamCounters;
import org.spinmon.analyzer.stream.StreamSettings;
import org.spinmon.dashboard.monitor.Monitor;
import org.spinmon.dashboard.server.LiveRuns;
import org.spinmon.dashboard.server.MonitorServer;
import org.spinmon.trainer.train.Trainer;
import org.spinmon.trainer.train.TrainingConfig;

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
                  long unseen) {
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
        AtomicReference<Instant> start = new AtomicReference<>();
        AtomicReference<Instant> end = new AtomicReference<>();
        AtomicReference<Double> accuracy = new AtomicReference<>(Double.NaN);
        long last = config.totalSteps();
        Trainer trainer = new Trainer(config, p -> {
            if (p.step() == last) {
                end.set(Instant.now());
                accuracy.set(p.accuracy());
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
            Monitor monitor = Monitor.builder(config.runId(), "live",
                    SnapshotAnalyzer.builder(analysis).probe(probeBatch.orElse(null)).build(), registry, live)
                    .settings(StreamSettings.DEFAULT)
                    .record(dir, (s, e) -> firstWriteFailure.compareAndSet(null, "step " + s.step() + ": "
                            + TrainCommand.describe(e)))
                    .analysesLog(dir.root().resolve(MonitorServer.ANALYSES), logFailure::set)
                    .build();
            MetricsProbe probe = new MetricsProbe(http, server.uri().resolve("metrics"));
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicLong unseen = new AtomicLong();
            monitor.apply(trainer.snapshots().doOnNext(s -> {
                if (s.step() == 0) {
                    start.set(s.time());
                }
            })).doOnNext(o -> {
                if (seen(probe, o)) {
                    latencies.add(seconds(o.time(), Instant.now()));
                } else {
                    unseen.incrementAndGet();
                }
            }).blockLast();
            StreamCounters c = monitor.counters();
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
                    unseen.get());
        }
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
