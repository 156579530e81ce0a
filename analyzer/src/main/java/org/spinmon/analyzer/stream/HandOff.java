package org.spinmon.analyzer.stream;

import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;

/**
 * The bounded hand-off between producer and analyzer. {@link OverflowPolicy#DROP_OLDEST}: requests without
 * bound from the producer and buffers up to {@code capacity} snapshots; when full, the oldest waiting one is
 * dropped and counted. {@link OverflowPolicy#BLOCK}: requests at most {@code capacity} snapshots ahead of the
 * analyzer, so a producer that honours demand (the trainer does) waits; nothing is dropped.
 */
final class HandOff {

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
            case BLOCK -> snapshots.limitRate(settings.capacity());
        };
    }
}
