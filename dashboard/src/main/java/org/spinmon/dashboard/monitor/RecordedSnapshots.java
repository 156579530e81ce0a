package org.spinmon.dashboard.monitor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The snapshots of recorded files as a stream, read one at a time as the analysis asks for them (so a long run
 * never sits in memory): the source of {@code replay} and of {@code analyze DIR}. A file that cannot be read is
 * reported to {@code onError} and skipped; the others go on.
 */
public final class RecordedSnapshots {

    private RecordedSnapshots() {
    }

    /** @return the snapshots of {@code files}, in the given order */
    public static Flux<Snapshot> read(List<Path> files, BiConsumer<Path, IOException> onError) {
        return Flux.fromIterable(files).concatMap(f -> Mono.fromCallable(() -> SnapshotFiles.read(f))
                .onErrorResume(IOException.class, e -> {
                    onError.accept(f, e);
                    return Mono.empty();
                }), 0);
    }
}
