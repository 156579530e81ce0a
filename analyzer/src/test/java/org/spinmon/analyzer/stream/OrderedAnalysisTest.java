package org.spinmon.analyzer.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.analysis.AnalysisContext;
import org.spinmon.analyzer.analysis.RunReference;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.snapshot.Snapshot;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class OrderedAnalysisTest {

    /** Seconds each step's analysis takes in virtual time: later steps finish first when run concurrently. */
    private static final Map<Long, Long> COST = Map.of(0L, 2L, 1L, 9L, 2L, 5L, 3L, 1L, 4L, 3L);

    private final List<String> log = new ArrayList<>();
    private final List<AnalysisContext> contexts = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The real analyzer, taking COST seconds of virtual time; step 2 fails when {@code failTwo}. */
    private OrderedAnalysis.Analysis slow(boolean failTwo) {
        return (s, reference, asReference, context) -> Mono.delay(Duration.ofSeconds(COST.get(s.step()))).map(x -> {
            log.add("done " + s.step() + (asReference ? " as reference" : "") + (reference.isPresent() ? " with reference" : ""));
            if (failTwo && s.step() == 2) {
                throw new IllegalStateException("boom at step 2");
            }
            contexts.add(context);
            return asReference ? StreamFixtures.ANALYZER.analyzeAsReference(s) : StreamFixtures.ANALYZER.analyze(s, reference);
        });
    }

    private static Flux<Numbered> steps(int n) {
        return numbered(Flux.range(0, n).map(StreamFixtures::snapshot));
    }

    /** Numbers the snapshots from 10 by their step, as the recording stage would after a replay's first ordinal. */
    private static Flux<Numbered> numbered(Flux<Snapshot> snapshots) {
        return snapshots.map(s -> new Numbered(10 + s.step(), s));
    }

    @Test
    void outcomesComeInStepOrderWhileAnalysesOverlap() {
        StreamCounters counters = new StreamCounters();
        OrderedAnalysis ordered = new OrderedAnalysis(slow(false), 4, counters, Optional.empty(), false);
        StepVerifier.withVirtualTime(() -> ordered.apply(steps(5)))
                .thenAwait(Duration.ofSeconds(2))
                .assertNext(o -> assertEquals(0, o.step()))
                .thenAwait(Duration.ofSeconds(9))
                .expectNextMatches(o -> o.step() == 1)
                .expectNextMatches(o -> o.step() == 2)
                .expectNextMatches(o -> o.step() == 3)
                .expectNextMatches(o -> o.step() == 4)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        // Step 0 alone first (the reference); then 1..4 at once: they finish 3, 4, 2, 1 but come out 1, 2, 3, 4.
        assertEquals(List.of("done 0 as reference", "done 3 with reference", "done 4 with reference",
                "done 2 with reference", "done 1 with reference"), log);
        assertEquals(5, counters.analyzed());
    }

    @Test
    void theReferenceFixesTheChangeFromInitAndTheOutliers() {
        OrderedAnalysis ordered = new OrderedAnalysis(slow(false), 2, new StreamCounters(), Optional.empty(), false);
        List<AnalysisOutcome> out = ordered.apply(steps(3)).collectList()
                .block(Duration.ofSeconds(30));
        Snapshot first = StreamFixtures.snapshot(0);
        RunReference reference = SnapshotAnalyzer.reference(first, StreamFixtures.ANALYZER.analyzeAsReference(first));
        for (AnalysisOutcome o : out.subList(1, 3)) {
            double expected = StreamFixtures.ANALYZER.analyze(StreamFixtures.snapshot(o.step()), Optional.of(reference))
                    .layers().get(0).relChangeFromInit();
            assertEquals(expected, o.analysis().layers().get(0).relChangeFromInit(), 0.0);
            assertFalse(Double.isNaN(o.analysis().outliersJ()));
        }
        assertEquals(0.0, out.get(0).analysis().layers().get(0).relChangeFromInit(), 0.0);
    }

    @Test
    void withoutAStepZeroThereIsNoReference() {
        OrderedAnalysis ordered = new OrderedAnalysis(slow(false), 2, new StreamCounters(), Optional.empty(), false);
        List<AnalysisOutcome> out = ordered.apply(steps(4).skip(1)).collectList().block(Duration.ofSeconds(30));
        assertEquals(3, out.size());
        assertTrue(out.stream().allMatch(o -> Double.isNaN(o.analysis().outliersJ())));
        assertTrue(log.stream().noneMatch(l -> l.contains("reference")));
    }

    @Test
    void theFirstSnapshotCanBeTheReferenceWhateverItsStep() {
        OrderedAnalysis ordered = new OrderedAnalysis(slow(false), 2, new StreamCounters(), Optional.empty(), true);
        List<AnalysisOutcome> out = ordered.apply(steps(4).skip(1)).collectList().block(Duration.ofSeconds(30));
        assertEquals(0.0, out.get(0).analysis().layers().get(0).relChangeFromInit(), 0.0);
        assertTrue(out.get(2).analysis().layers().get(0).relChangeFromInit() > 0);
        assertEquals("done 1 as reference", log.get(0));
    }

    @Test
    void aFailedAnalysisIsReportedCountedAndTheStreamGoesOn() {
        StreamCounters counters = new StreamCounters();
        OrderedAnalysis ordered = new OrderedAnalysis(slow(true), 2, counters, Optional.empty(), false);
        StepVerifier.withVirtualTime(() -> ordered.apply(steps(5)))
                .thenAwait(Duration.ofMinutes(1))
                .expectNextMatches(o -> o.step() == 0 && o.error() == null)
                .expectNextMatches(o -> o.step() == 1 && o.error() == null)
                .assertNext(o -> {
                    assertEquals(2, o.step());
                    assertNull(o.analysis());
                    assertEquals("IllegalStateException: boom at step 2", o.error());
                })
                .expectNextMatches(o -> o.step() == 3 && o.error() == null)
                .expectNextMatches(o -> o.step() == 4 && o.error() == null)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        assertEquals(5, counters.analyzed());
        assertEquals(1, counters.analysisFailures());
    }

    @Test
    void aProducerErrorArrivesAfterTheOutcomesOfWhatItEmitted() {
        OrderedAnalysis ordered = new OrderedAnalysis(slow(false), 3, new StreamCounters(), Optional.empty(), false);
        StepVerifier.withVirtualTime(() -> ordered.apply(steps(3).concatWith(Mono.error(new IllegalStateException("diverged")))))
                .thenAwait(Duration.ofMinutes(1))
                .expectNextCount(3)
                .expectErrorMessage("diverged")
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void cancellingTheOutcomesCancelsTheProducer() {
        AtomicBoolean cancelled = new AtomicBoolean();
        OrderedAnalysis ordered = new OrderedAnalysis(slow(false), 2, new StreamCounters(), Optional.empty(), false);
        StepVerifier.withVirtualTime(() -> ordered.apply(numbered(Flux.interval(Duration.ofSeconds(1))
                        .map(StreamFixtures::snapshot).doOnCancel(() -> cancelled.set(true)))))
                .thenAwait(Duration.ofSeconds(4))
                .expectNextMatches(o -> o.step() == 0)
                .thenCancel()
                .verify(Duration.ofSeconds(30));
        assertTrue(cancelled.get());
    }

    @Test
    void anEmptyProducerCompletesAtOnce() {
        StepVerifier.create(new OrderedAnalysis(slow(false), 2, new StreamCounters(), Optional.empty(), false)
                        .apply(Flux.empty()))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void eachAnalysisIsToldItsOrdinalAndThePreviousSnapshotToArrive() {
        OrderedAnalysis ordered = new OrderedAnalysis(slow(false), 3, new StreamCounters(), Optional.empty(), false);
        ordered.apply(numbered(Flux.just(0, 1, 3, 4).map(StreamFixtures::snapshot))).collectList()
                .block(Duration.ofSeconds(60));
        contexts.sort(java.util.Comparator.comparingLong(AnalysisContext::ordinal));
        assertEquals(List.of(10L, 11L, 13L, 14L), contexts.stream().map(AnalysisContext::ordinal).toList());
        assertNull(contexts.get(0).previous());
        assertEquals(List.of(0L, 1L, 3L), contexts.subList(1, 4).stream().map(c -> c.previous().step()).toList());
    }
}
