package org.spinmon.analyzer.stream;

import java.util.function.BiConsumer;
import org.spinmon.analyzer.snapshot.Snapshot;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The first stage: counts and numbers every emitted snapshot and hands it to the recorder's own single writer thread,
 * whose queue is unbounded, so that the writer never drops a snapshot and never makes the producer wait (a
 * slow disk costs memory, not data). {@link #drained()} completes once everything handed over is on disk (or
 * counted as a write failure); the writer thread ends then.
 */
final class Recording {

    private final StreamCounters counters;
    private final SnapshotRecorder recorder;
    private final BiConsumer<Snapshot, Exception> onFailure;
    private final Scheduler writer;

    Recording(StreamCounters counters, SnapshotRecorder recorder, BiConsumer<Snapshot, Exception> onFailure) {
        this.counters = counters;
        this.recorder = recorder;
        this.onFailure = onFailure;
        this.writer = recorder == null ? null : Schedulers.newSingle("spinmon-writer");
    }

    /** @return the snapshots numbered from {@code firstOrdinal} in emission order, once counted and handed over */
    Flux<Numbered> apply(Flux<Snapshot> snapshots, long firstOrdinal) {
        return snapshots.doOnNext(s -> {
            counters.emit(s.nonFiniteCount() == 0);
            if (writer != null) {
                writer.schedule(() -> write(s));
            }
        }).index((i, s) -> new Numbered(firstOrdinal + i, s));
    }

    private void write(Snapshot s) {
        try {
            recorder.record(s);
            counters.writeDone(false);
        } catch (Exception e) {
            counters.writeDone(true);
            onFailure.accept(s, e);
        }
    }

    Mono<Void> drained() {
        if (writer == null) {
            return Mono.empty();
        }
        return Mono.<Void>create(sink -> writer.schedule(sink::success)).doFinally(signal -> writer.dispose());
    }
}
