package org.spinmon.analyzer.stream;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.spinmon.analyzer.analysis.AnalysisContext;
import org.spinmon.analyzer.analysis.RunReference;
import org.spinmon.analyzer.analysis.SnapshotAnalysis;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.snapshot.Snapshot;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Analyses up to {@code concurrency} snapshots at a time and emits the outcomes in arrival (step) order. Each
 * analysis is told its snapshot's ordinal and the previous snapshot to arrive here ({@link AnalysisContext}). The
 * first snapshot fixes the run's reference (W_0, edge_0, T_SG(0)) when no reference was given and it is the
 * t = 0 snapshot (or, when asked, whatever its step): it is analysed as the reference, and the others wait for it before they start. An analysis that
 * throws becomes a failed outcome (counted, with the error's message) and the stream goes on. An error of the
 * producer arrives after the outcomes of the snapshots it had already emitted.
 */
final class OrderedAnalysis {

    /** One analysis, asynchronous: the facade runs the analyzer on its scheduler; tests may take virtual time. */
    interface Analysis {
        Mono<SnapshotAnalysis> analyze(Snapshot snapshot, Optional<RunReference> reference, boolean asReference,
                                       AnalysisContext context);
    }

    private final Analysis analysis;
    private final int concurrency;
    private final StreamCounters counters;
    private final Optional<RunReference> given;
    private final boolean firstIsReference;

    OrderedAnalysis(Analysis analysis, int concurrency, StreamCounters counters, Optional<RunReference> given,
                    boolean firstIsReference) {
        this.analysis = analysis;
        this.concurrency = concurrency;
        this.counters = counters;
        this.given = given;
        this.firstIsReference = firstIsReference;
    }

    Flux<AnalysisOutcome> apply(Flux<Numbered> snapshots) {
        return Flux.defer(() -> {
            Sinks.One<Optional<RunReference>> reference = Sinks.one();
            AtomicReference<Snapshot> previous = new AtomicReference<>();
            return snapshots.index().flatMapSequentialDelayError(indexed -> {
                Snapshot s = indexed.getT2().snapshot();
                AnalysisContext context = new AnalysisContext(indexed.getT2().ordinal(), previous.getAndSet(s));
                if (indexed.getT1() > 0) {
                    return reference.asMono().flatMap(r -> one(s, r, false, context));
                }
                boolean asReference = given.isEmpty() && (firstIsReference || s.step() == 0);
                return one(s, given, asReference, context).doOnNext(head -> reference.tryEmitValue(
                        asReference && head.analysis() != null
                                ? Optional.of(SnapshotAnalyzer.reference(s, head.analysis())) : given));
            }, concurrency, 1);
        });
    }

    private Mono<AnalysisOutcome> one(Snapshot s, Optional<RunReference> reference, boolean asReference,
                                      AnalysisContext context) {
        return Mono.defer(() -> {
            long start = Schedulers.parallel().now(TimeUnit.NANOSECONDS);
            return analysis.analyze(s, reference, asReference, context)
                    .map(a -> AnalysisOutcome.of(s, a, seconds(start)))
                    .onErrorResume(e -> Mono.just(AnalysisOutcome.failed(s, e, seconds(start))))
                    .doOnNext(o -> counters.analysisDone(o.error() != null, failedFits(o)));
        });
    }

    private static int failedFits(AnalysisOutcome o) {
        return o.analysis() == null || o.analysis().heavyTail() == null ? 0 : o.analysis().heavyTail().failedFits();
    }

    private static double seconds(long start) {
        return (Schedulers.parallel().now(TimeUnit.NANOSECONDS) - start) / 1e9;
    }
}
