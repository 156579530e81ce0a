package org.spinmon.analyzer.stream;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.snapshot.Snapshot;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class ReplayPacingTest {

    /** StreamFixtures' snapshots are one second apart in recorded time (step s at t0 + s seconds). */
    private static Flux<Snapshot> recorded() {
        return Flux.just(0L, 1L, 4L, 5L).map(StreamFixtures::snapshot);
    }

    @Test
    void realTimeKeepsTheRecordedGaps() {
        StepVerifier.withVirtualTime(() -> ReplayPacing.paced(recorded(), 1))
                .expectSubscription()
                .expectNextMatches(s -> s.step() == 0)
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .expectNextMatches(s -> s.step() == 1)
                .expectNoEvent(Duration.ofMillis(2999))
                .thenAwait(Duration.ofMillis(1))
                .expectNextMatches(s -> s.step() == 4)
                .thenAwait(Duration.ofSeconds(1))
                .expectNextMatches(s -> s.step() == 5)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aFactorDividesTheGaps() {
        StepVerifier.withVirtualTime(() -> ReplayPacing.paced(recorded(), 4))
                .expectSubscription()
                .expectNextMatches(s -> s.step() == 0)
                .expectNoEvent(Duration.ofMillis(249))
                .thenAwait(Duration.ofMillis(1))
                .expectNextMatches(s -> s.step() == 1)
                .thenAwait(Duration.ofSeconds(1))
                .expectNextMatches(s -> s.step() == 4)
                .thenAwait(Duration.ofMillis(250))
                .expectNextMatches(s -> s.step() == 5)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void maxSpeedDoesNotWaitAndBadSpeedsAreRefused() {
        StepVerifier.create(ReplayPacing.paced(recorded(), Double.POSITIVE_INFINITY))
                .expectNextCount(4)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThrows(IllegalArgumentException.class, () -> ReplayPacing.paced(recorded(), 0));
        assertThrows(IllegalArgumentException.class, () -> ReplayPacing.paced(recorded(), Double.NaN));
    }
}
