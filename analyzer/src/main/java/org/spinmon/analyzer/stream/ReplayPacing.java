package org.spinmon.analyzer.stream;

import java.time.Duration;
import org.spinmon.analyzer.snapshot.Snapshot;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Paces a recorded run: each snapshot is emitted (t_i − t_{i−1}) / speed after the previous one, t the
 * snapshots' recorded times, so that {@code speed} 1 replays in real time and 10 ten times faster; an infinite
 * speed emits as fast as downstream asks. A snapshot whose time is not after the previous one's follows at
 * once. The waits run on Reactor's parallel scheduler (virtual time in tests).
 */
public final class ReplayPacing {

    private ReplayPacing() {
    }

    /**
     * @param speed replay speed, &gt; 0; {@code Double.POSITIVE_INFINITY} for as fast as possible
     * @return {@code snapshots}, paced
     */
    public static Flux<Snapshot> paced(Flux<Snapshot> snapshots, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("replay speed must be > 0, was " + speed);
        }
        if (Double.isInfinite(speed)) {
            return snapshots;
        }
        return Flux.defer(() -> {
            Snapshot[] previous = new Snapshot[1];
            return snapshots.concatMap(s -> {
                Snapshot before = previous[0];
                previous[0] = s;
                if (before == null) {
                    return Mono.just(s);
                }
                long nanos = Duration.between(before.time(), s.time()).toNanos();
                return nanos <= 0 ? Mono.just(s)
                        : Mono.delay(Duration.ofNanos(Math.round(nanos / speed))).thenReturn(s);
            }, 0);
        });
    }
}
