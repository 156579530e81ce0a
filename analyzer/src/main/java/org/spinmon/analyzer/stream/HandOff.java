package org.spinmon.analyzer.stream;

import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;

/**
 * The bounded hand-off between producer and analyzer.
 *
 * <p>{@link OverflowPolicy#DROP_OLDEST}: requests without bound from the producer and buffers up to
 * {@code capacity} snapshots; when full, the oldest waiting one is dropped and counted.
 *
 * <p>{@link OverflowPolicy#BLOCK}: an exact window of {@code capacity}. It asks the producer for {@code capacity}
 * snapshots at first and then for one more each time the analyzer takes one, so the producer's k-th snapshot
 * (k = 0, 1, …) can be emitted only once the analyzer has taken snapshot k − capacity: a producer that honours
 * demand (the trainer does) waits exactly when {@code capacity} snapshots are waiting, and nothing is dropped.
 * (Reactor's default replenishment, three quarters of the window at a time, would make the producer wait while a
 * quarter of it is still free.) With one analysis at a time taking A seconds per snapshot and a faster producer,
 * the last of S snapshots is therefore handed over (S − capacity − 1)·A after the first.
 */
final class HandOff {

    /** Under {@link OverflowPolicy#BLOCK}, the demand is replenished one snapshot at a time. */
    private static final int REPLENISH = 1;

    private final StreamSettings settings;
    private final StreamCounters counters;

    HandOff(StreamSettings settings, StreamCounters counters) {
        this.settings = settings;
        this.counters = counters;
    }

    <T> Flux<T> apply(Flux<T> snapshots) {
        return switch (settings.policy()) {
            case DROP_OLDEST -> snapshots.onBackpressureBuffer(settings.capacity(), dropped -> counters.drop(),
                    BufferOverflowStrategy.DROP_OLDEST);
            case BLOCK -> snapshots.limitRate(settings.capacity(), REPLENISH);
        };
    }
}
