package org.spinmon.analyzer.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.snapshot.Snapshot;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The hand-off and the ordered analysis together, against an analyzer far slower than its producer, in virtual
 * time: under drop-oldest the drops are exact and at most capacity + 2 snapshots are ever held (the buffer, the
 * one in analysis, the one arriving before the oldest waiting one is dropped); under block
 * nothing is dropped, every snapshot is analysed in order, and the producer is released exactly when the README
 * says (snapshot k once snapshot k − capacity has been taken, so the last of S after (S − capacity − 1)·A).
 */
class SlowAnalyzerStreamTest {

    /** An analysis that takes {@code millis} of virtual time, one at a time. */
    private static OrderedAnalysis slow(long millis, StreamCounters counters) {
        return new OrderedAnalysis((s, reference, asReference, context) -> Mono.delay(Duration.ofMillis(millis))
                .map(x -> asReference ? StreamFixtures.ANALYZER.analyzeAsReference(s)
                        : StreamFixtures.ANALYZER.analyze(s, reference)), 1, counters, Optional.empty(), false);
    }

    private static Flux<Numbered> numbered(Flux<Snapshot> snapshots) {
        return snapshots.index((i, s) -> new Numbered(i, s));
    }

    private static long nowMillis() {
        return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
    }

    @Test
    void dropOldestIsExactAndHoldsAtMostCapacityPlusTheOneInAnalysis() {
        StreamCounters counters = new StreamCounters();
        HandOff handOff = new HandOff(new StreamSettings(2, 1, OverflowPolicy.DROP_OLDEST), counters);
        List<Long> held = new ArrayList<>();
        List<Long> analysed = new ArrayList<>();
        // One snapshot per second (t = 1 … 20 s), each analysis 9.3 s: the analyzer is 9.3 times slower. (The
        // producer is assembled inside the supplier, so that its clock is the virtual one.)
        StepVerifier.withVirtualTime(() -> slow(9300, counters).apply(numbered(handOff.apply(
                        Flux.interval(Duration.ofSeconds(1)).take(20).map(StreamFixtures::snapshot).doOnNext(s -> {
                            counters.emit(true);
                            held.add(counters.emitted() - counters.analyzed() - counters.dropped());
                        })))).doOnNext(o -> analysed.add(o.step())))
                .thenAwait(Duration.ofMinutes(2))
                .thenConsumeWhile(o -> true)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        // 0 taken at t = 1, done 10.3 (buffer 8, 9); 8 done 19.6 (buffer 17, 18); 17 done 28.9; then 18 and 19.
        assertEquals(List.of(0L, 8L, 17L, 18L, 19L), analysed);
        assertEquals(15, counters.dropped());
        assertEquals(counters.emitted(), counters.analyzed() + counters.dropped());
        // Counted as each snapshot arrives, itself included, before the oldest waiting one makes room: the buffer's
        // 2, the one in analysis and the one arriving.
        assertTrue(held.stream().allMatch(n -> n <= 2 + 1 + 1), "held " + held);
        assertEquals(4, held.stream().mapToLong(Long::longValue).max().orElseThrow(), "the bound is reached");
    }

    @Test
    void blockReleasesSnapshotKWhenSnapshotKMinusCapacityIsTaken() {
        int capacity = 8;
        long analysisMillis = 5000;
        int total = 14;
        StreamCounters counters = new StreamCounters();
        HandOff handOff = new HandOff(new StreamSettings(capacity, 1, OverflowPolicy.BLOCK), counters);
        List<Long> released = new ArrayList<>();
        List<Long> held = new ArrayList<>();
        List<Long> analysed = new ArrayList<>();
        // A producer that is always ready (training infinitely fast): only the hand-off's demand paces it.
        Flux<Snapshot> producer = Flux.range(0, total).map(StreamFixtures::snapshot).doOnNext(s -> {
            counters.emit(true);
            released.add(nowMillis());
            held.add(counters.emitted() - counters.analyzed());
        });
        StepVerifier.withVirtualTime(() -> slow(analysisMillis, counters).apply(numbered(handOff.apply(producer)))
                        .doOnNext(o -> analysed.add(o.step())))
                .thenAwait(Duration.ofMinutes(5))
                .thenConsumeWhile(o -> true)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        List<Long> expected = new ArrayList<>();
        for (int k = 0; k < total; k++) {
            expected.add(Math.max(0, k - capacity) * analysisMillis);
        }
        assertEquals(expected, released, "snapshot k waits for snapshot k - capacity to be taken");
        assertEquals((total - capacity - 1) * analysisMillis, released.get(total - 1), "(S - C - 1)·A");
        assertEquals(0, counters.dropped());
        assertEquals(total, counters.analyzed());
        assertEquals(java.util.stream.LongStream.range(0, total).boxed().toList(), analysed, "all, in order");
        // Counted as each snapshot is emitted, itself included: the window and the one in analysis.
        assertTrue(held.stream().allMatch(n -> n <= capacity + 1), "held " + held);
        assertEquals(capacity + 1, held.stream().mapToLong(Long::longValue).max().orElseThrow());
    }
}
