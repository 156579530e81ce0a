package org.spinmon.dashboard.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.spinmon.analyzer.analysis.RunReference;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.files.IoProblems;
import org.spinmon.analyzer.metrics.AnalysisPublisher;
import org.spinmon.analyzer.metrics.InfoMetrics;
import org.spinmon.analyzer.metrics.MicrometerPublisher;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.stream.AnalysisOutcome;
import org.spinmon.analyzer.stream.AnalysisStream;
import org.spinmon.analyzer.stream.StreamCounters;
import org.spinmon.analyzer.stream.StreamSettings;
import org.spinmon.dashboard.json.AnalysisJson;
import org.spinmon.dashboard.server.LiveRuns;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * The one wiring of a monitored run, live or replayed: snapshots → {@link AnalysisStream} (recording, bounded
 * hand-off, analysis) → the Micrometer publisher behind {@code /metrics}, the run's entry in {@link LiveRuns}
 * for the HTTP API, optionally the run's {@code analyses.jsonl} and further publishers (an OpenMetrics file).
 * Registers the run's {@code _info} metrics.
 */
public final class Monitor {

    private final String run;
    private final String mode;
    private final AnalysisStream stream;
    private final MicrometerPublisher publisher;
    private final LiveRuns live;
    private final Path analysesLog;
    private final Consumer<String> onLogFailure;
    private final AtomicReference<AnalysesLog> openedLog = new AtomicReference<>();
    private final List<AnalysisPublisher> extra;

    private Monitor(Builder b) {
        this.run = b.run;
        this.mode = b.mode;
        this.live = b.live;
        this.analysesLog = b.analysesLog;
        this.onLogFailure = b.onLogFailure;
        this.extra = List.copyOf(b.extra);
        StreamCounters counters = b.counters;
        AnalysisStream.Builder sb = AnalysisStream.builder(b.analyzer).settings(b.settings).counters(counters)
                .onWriteFailure(b.onWriteFailure);
        if (b.recorder != null) {
            RunDirectory dir = b.recorder;
            sb.recorder(s -> dir.write(s, DType.F32));
        }
        if (b.reference != null) {
            sb.reference(b.reference);
        }
        if (b.scheduler != null) {
            sb.scheduler(b.scheduler);
        }
        this.stream = sb.firstOrdinal(b.firstOrdinal).build();
        this.publisher = MicrometerPublisher.builder(b.registry).run(run).mode(mode).counters(counters).build();
        Map<String, String> info = new LinkedHashMap<>();
        info.put("run", run);
        info.put("mode", mode);
        info.putAll(b.runInfo);
        InfoMetrics.register(b.registry.getPrometheusRegistry(), info);
    }

    /** @return a builder for run {@code run} in mode {@code live} or {@code replay} */
    public static Builder builder(String run, String mode, SnapshotAnalyzer analyzer, PrometheusMeterRegistry registry,
                                  LiveRuns live) {
        return new Builder(run, mode, analyzer, registry, live);
    }

    /** @return the stream's exact accounting */
    public StreamCounters counters() {
        return stream.counters();
    }

    /** @return the outcomes of {@code snapshots}, published as they come (cold: subscribe once) */
    public Flux<AnalysisOutcome> apply(Flux<Snapshot> snapshots) {
        return Flux.defer(() -> {
            AnalysesLog log = openLog();
            LiveRuns.Run entry = live.start(run, mode);
            entry.health(this::health);
            return stream.apply(snapshots)
                    .doOnNext(o -> {
                        publisher.publish(o);
                        extra.forEach(p -> p.publish(o));
                        String line = AnalysisJson.line(AnalysisJson.outcome(o));
                        entry.add(line);
                        if (log != null) {
                            log.append(line);
                        }
                    })
                    .doOnError(e -> entry.end(true))
                    .doOnComplete(() -> entry.end(false))
                    .doFinally(signal -> {
                        if (log != null) {
                            log.close();
                        }
                    });
        });
    }

    /** @return analyses that could not be appended to the run's {@code analyses.jsonl} (0 without one) */
    public long logFailures() {
        AnalysesLog log = openedLog.get();
        return log == null ? 0 : log.failures();
    }

    private String health() {
        StreamCounters c = stream.counters();
        ObjectNode o = AnalysisJson.JSON.createObjectNode();
        o.put("emitted", c.emitted());
        o.put("analyzed", c.analyzed());
        o.put("dropped", c.dropped());
        o.put("written", c.written());
        o.put("write_failures", c.writeFailures());
        o.put("analysis_failures", c.analysisFailures());
        o.put("nonfinite", c.nonFinite());
        return AnalysisJson.line(o);
    }

    private AnalysesLog openLog() {
        if (analysesLog == null) {
            return null;
        }
        try {
            AnalysesLog log = AnalysesLog.open(analysesLog, onLogFailure);
            openedLog.set(log);
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.describe(e), e);
        }
    }

    /** Settings of a {@link Monitor}. */
    public static final class Builder {
        private final String run;
        private final String mode;
        private final SnapshotAnalyzer analyzer;
        private final PrometheusMeterRegistry registry;
        private final LiveRuns live;
        private StreamSettings settings = StreamSettings.DEFAULT;
        private StreamCounters counters = new StreamCounters();
        private RunDirectory recorder;
        private BiConsumer<Snapshot, Exception> onWriteFailure = (s, e) -> { };
        private RunReference reference;
        private long firstOrdinal;
        private Path analysesLog;
        private Consumer<String> onLogFailure;
        private final List<AnalysisPublisher> extra = new ArrayList<>();
        private final Map<String, String> runInfo = new LinkedHashMap<>();
        private Scheduler scheduler;

        private Builder(String run, String mode, SnapshotAnalyzer analyzer, PrometheusMeterRegistry registry,
                        LiveRuns live) {
            this.run = Objects.requireNonNull(run, "run");
            this.mode = Objects.requireNonNull(mode, "mode");
            this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
            this.registry = Objects.requireNonNull(registry, "registry");
            this.live = Objects.requireNonNull(live, "live");
        }

        /** Hand-off capacity, concurrency, overflow policy. */
        public Builder settings(StreamSettings settings) {
            this.settings = settings;
            return this;
        }

        /** The counters to keep (default: fresh ones), for publishers that also report them. */
        public Builder counters(StreamCounters counters) {
            this.counters = counters;
            return this;
        }

        /** Writes every emitted snapshot into {@code dir} (float32), told of failures by {@code onFailure}. */
        public Builder record(RunDirectory dir, BiConsumer<Snapshot, Exception> onFailure) {
            this.recorder = dir;
            this.onWriteFailure = onFailure;
            return this;
        }

        /** The run's reference, for a replay that does not start at step 0. */
        public Builder reference(RunReference reference) {
            this.reference = reference;
            return this;
        }

        /** The first snapshot's index among the run's snapshots, for a replay that does not start at the first. */
        public Builder firstOrdinal(long ordinal) {
            this.firstOrdinal = ordinal;
            return this;
        }

        /**
         * Appends every outcome as a JSON line to {@code file} ({@link AnalysesLog}); a line that cannot be written
         * is counted ({@link Monitor#logFailures()}) and the first one reported to {@code onFailure}.
         */
        public Builder analysesLog(Path file, Consumer<String> onFailure) {
            this.analysesLog = Objects.requireNonNull(file, "file");
            this.onLogFailure = Objects.requireNonNull(onFailure, "onFailure");
            return this;
        }

        /** Also publishes to {@code publisher}. */
        public Builder publishTo(AnalysisPublisher publisher) {
            this.extra.add(publisher);
            return this;
        }

        /** The labels {@code widths} (dash-separated) and {@code activations} of {@code spinmon_run_info}. */
        public Builder architecture(RunManifest.Architecture architecture) {
            runInfo.put("widths", architecture.widths().stream().map(String::valueOf).collect(Collectors.joining("-")));
            runInfo.put("activations", String.join(",", architecture.activations()));
            return this;
        }

        /** A label of {@code spinmon_run_info}. */
        public Builder runInfo(String label, String value) {
            this.runInfo.put(label, value);
            return this;
        }

        /**
         * Where the analyses run (default: a parallel scheduler of {@code concurrency} threads per run, see
         * {@link AnalysisStream.Builder#scheduler}); the caller owns and disposes {@code scheduler}.
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** @return the monitor, its info metrics registered */
        public Monitor build() {
            return new Monitor(this);
        }
    }
}
