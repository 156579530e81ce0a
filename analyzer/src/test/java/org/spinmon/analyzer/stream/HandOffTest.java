package org.spinmon.analyzer.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.snapshot.Snapshot;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class HandOffTest {

    /** A producer of one snapshot per second (steps 0..n-1), as a trainer under virtual time. */
    private static Flux<Snapshot> everySecond(int n) {
        return Flux.interval(Duration.ofSeconds(1)).take(n).map(StreamFixtures::snapshot);
    }

    /** A consumer that takes 3.3 s per snapshot and asks for one at a time. */
    private static Flux<Long> slowSteps(Flux<Snapshot> in) {
        return in.concatMap(s -> Mono.delay(Duration.ofMillis(3300)).thenReturn(s.step()), 0);
    }

    @Test
    void dropOldestKeepsTheNewestAndCountsEveryDrop() {
        StreamCounters counters = new StreamCounters();
        HandOff handOff = new HandOff(new StreamSettings(2, 1, OverflowPolicy.DROP_OLDEST), counters);
        List<Long> seen = new ArrayList<>();
        StepVerifier.withVirtualTime(() -> slowSteps(handOff.apply(everySecond(12))).doOnNext(seen::add))
                .thenAwait(Duration.ofMinutes(1))
                .thenConsumeWhile(x -> true)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        // Producer at t = 1, 2, … 12 s; consumer busy 3.3 s per snapshot from t = 1, 4.3, 7.6, 10.9, 14.2,
        // 17.5; buffer 2. At t = 4 the buffer holds 1, 2 and 3 arrives: 1 goes; at 6 and 7, 3 and 4 go; at 9
        // and 10, 6 and 7; at 12, 9. The consumer gets 0, 2, 5, 8, then 10 and 11 after the producer ended.
        assertEquals(List.of(0L, 2L, 5L, 8L, 10L, 11L), seen);
        assertEquals(6, counters.dropped());
        assertEquals(12, seen.size() + counters.dropped());
    }

    @Test
    void blockNeverDropsAndAsksOnlyCapacityAhead() {
        StreamCounters counters = new StreamCounters();
        HandOff handOff = new HandOff(new StreamSettings(3, 1, OverflowPolicy.BLOCK), counters);
        List<Long> requests = new ArrayList<>();
        Flux<Snapshot> producer = Flux.range(0, 10).map(StreamFixtures::snapshot).doOnRequest(requests::add);
        StepVerifier.create(handOff.apply(producer), 0)
                .then(() -> assertEquals(List.of(3L), requests, "asks capacity ahead, no more"))
                .thenRequest(1)
                .expectNextMatches(s -> s.step() == 0)
                .thenRequest(20)
                .expectNextCount(9)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        assertEquals(0, counters.dropped());
        assertEquals(true, requests.stream().allMatch(r -> r <= 3), "never more than capacity outstanding: " + requests);
    }

    @Test
    void blockPacesAProducerToTheConsumer() {
        StreamCounters counters = new StreamCounters();
        HandOff handOff = new HandOff(new StreamSettings(1, 1, OverflowPolicy.BLOCK), counters);
        StepVerifier.withVirtualTime(() -> slowSteps(handOff.apply(Flux.range(0, 6).map(StreamFixtures::snapshot))))
                .thenAwait(Duration.ofMillis(3300 * 6))
                .expectNext(0L, 1L, 2L, 3L, 4L, 5L)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        assertEquals(0, counters.dropped());
    }
}
