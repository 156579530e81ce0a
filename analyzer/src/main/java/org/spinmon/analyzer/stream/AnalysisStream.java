package org.spinmon.analyzer.stream;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.spinmon.analyzer.analysis.RunReference;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.snapshot.Snapshot;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Turns a stream of snapshots into a stream of analyses, the same way live and in replay:
 *
 * <pre>
 * snapshots ──s0──s1──s2──s3──s4──|        (producer's thread; emitted counted, every one handed to the writer)
 *              │ hand-off: bounded; DROP_OLDEST drops (and counts) the oldest waiting, BLOCK makes the producer wait
 * analysis  ──────a0──────a1────────a4──|  (own scheduler, up to `concurrency` at once, step order; s2, s3 dropped)
 *              │ solid labels from the run's self-overlaps so far, and the power law over a0 … ak, attached to each
 * outcomes  ──────o0──────o1────────o4──|  (completes once the analyses are done and the writer has drained)
 * </pre>
 *
 * The run's t = 0 snapshot, when it comes first and no reference is given, is analysed first and alone as the
 * reference (W_0, edge_0, T_SG(0)) of all others. A failed analysis is an outcome with an error; the stream
 * goes on. Cancelling the outcomes cancels the producer; snapshots already handed to the writer are still
 * written (watch {@link StreamCounters#written()} to know when). The accounting is in {@link StreamCounters}.
 */
public final class AnalysisStream {

    private final SnapshotAnalyzer analyzer;
    private final StreamSettings settings;
    private final StreamCounters counters;
    private final SnapshotRecorder recorder;
    private final BiConsumer<Snapshot, Exception> onWriteFailure;
    private final Optional<RunReference> reference;
    private final Scheduler scheduler;
    private final boolean firstIsReference;
    private final long firstOrdinal;

    private AnalysisStream(Builder b) {
        this.firstOrdinal = b.firstOrdinal;
        this.firstIsReference = b.firstIsReference;
        this.analyzer = b.analyzer;
        this.settings = b.settings;
        this.counters = b.counters;
        this.recorder = b.recorder;
        this.onWriteFailure = b.onWriteFailure;
        this.reference = b.reference;
        this.scheduler = b.scheduler;
    }

    /** @return a builder for a stream that analyses with {@code analyzer} */
    public static Builder builder(SnapshotAnalyzer analyzer) {
        return new Builder(Objects.requireNonNull(analyzer, "analyzer"));
    }

    /** @return the counters this stream updates */
    public StreamCounters counters() {
        return counters;
    }

    /** @return the outcomes of {@code snapshots}, cold: each subscription runs the pipeline once */
    public Flux<AnalysisOutcome> apply(Flux<Snapshot> snapshots) {
        return Flux.defer(() -> {
            Recording recording = new Recording(counters, recorder, onWriteFailure);
            boolean own = scheduler == null;
            Scheduler analysis = own ? Schedulers.newParallel("spinmon-analyzer", settings.concurrency()) : scheduler;
            OrderedAnalysis ordered = new OrderedAnalysis((s, ref, asReference, context) -> Mono.fromCallable(
                    () -> asReference ? analyzer.analyzeAsReference(s, context) : analyzer.analyze(s, ref, context))
                    .subscribeOn(analysis), settings.concurrency(), counters, reference, firstIsReference);
            Flux<AnalysisOutcome> outcomes = new PowerLawScan(analyzer.config().seed()).apply(
                    new SolidScan(analyzer.viewSettings()).apply(ordered.apply(
                            new HandOff(settings, counters).apply(recording.apply(snapshots, firstOrdinal)))));
            return outcomes
                    .concatWith(recording.drained().then(Mono.empty()))
                    .onErrorResume(e -> recording.drained().then(Mono.error(e)))
                    .doOnCancel(() -> recording.drained().subscribe())
                    .doFinally(signal -> {
                        if (own) {
                            analysis.dispose();
                        }
                    });
        });
    }

    /** Settings of an {@link AnalysisStream}. */
    public static final class Builder {
        private final SnapshotAnalyzer analyzer;
        private StreamSettings settings = StreamSettings.DEFAULT;
        private StreamCounters counters = new StreamCounters();
        private SnapshotRecorder recorder;
        private BiConsumer<Snapshot, Exception> onWriteFailure = (s, e) -> { };
        private Optional<RunReference> reference = Optional.empty();
        private Scheduler scheduler;
        private boolean firstIsReference;
        private long firstOrdinal;

        private Builder(SnapshotAnalyzer analyzer) {
            this.analyzer = analyzer;
        }

        /** Capacity, concurrency and overflow policy (default {@link StreamSettings#DEFAULT}). */
        public Builder settings(StreamSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The counters to update (default: fresh ones, see {@link AnalysisStream#counters()}). */
        public Builder counters(StreamCounters counters) {
            this.counters = Objects.requireNonNull(counters, "counters");
            return this;
        }

        /** Records every emitted snapshot (default: none, nothing written and {@code written} stays 0). */
        public Builder recorder(SnapshotRecorder recorder) {
            this.recorder = Objects.requireNonNull(recorder, "recorder");
            return this;
        }

        /** Told about each snapshot that could not be written, on the writer thread (default: nothing). */
        public Builder onWriteFailure(BiConsumer<Snapshot, Exception> onWriteFailure) {
            this.onWriteFailure = Objects.requireNonNull(onWriteFailure, "onWriteFailure");
            return this;
        }

        /**
         * The run's reference, for a stream that does not start at t = 0 (a replay from a later step). Default:
         * the first snapshot when its step is 0, else none (the change-from-init metrics are then NaN).
         */
        public Builder reference(RunReference reference) {
            this.reference = Optional.of(reference);
            return this;
        }

        /**
         * Makes the first snapshot the reference whatever its step (for a directory of snapshots whose first is
         * not step 0); ignored when a reference is given. Default: only a first snapshot of step 0 is.
         */
        public Builder firstIsReference() {
            this.firstIsReference = true;
            return this;
        }

        /**
         * The ordinal of the stream's first snapshot among its run's snapshots (default 0): a replay that starts
         * at a later snapshot gives its file index, so that the views on a cadence (the input landscape) fall on
         * the same snapshots as live.
         */
        public Builder firstOrdinal(long ordinal) {
            if (ordinal < 0) {
                throw new IllegalArgumentException("first ordinal must be >= 0, was " + ordinal);
            }
            this.firstOrdinal = ordinal;
            return this;
        }

        /** Where analyses run (default: a new parallel scheduler of {@code concurrency} threads per run). */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** @return the stream */
        public AnalysisStream build() {
            return new AnalysisStream(this);
        }
    }
}
