package org.spinmon.analyzer.stream;

import java.io.IOException;
import org.spinmon.analyzer.snapshot.Snapshot;

/**
 * Writes one snapshot durably, for example {@code snapshot -> runDirectory.write(snapshot, DType.F32)}. The
 * stream calls it on its own writer thread, one snapshot at a time, in emission order.
 */
@FunctionalInterface
public interface SnapshotRecorder {

    /** Writes {@code snapshot}; throws when it could not be written (the stream counts and reports it). */
    void record(Snapshot snapshot) throws IOException;
}
