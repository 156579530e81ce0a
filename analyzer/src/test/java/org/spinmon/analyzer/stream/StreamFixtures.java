package org.spinmon.analyzer.stream;

import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.analyzer.testing.SnapshotFixtures;

/** Small seeded snapshots of one run and a fast analyzer (no TAP, a short scan) for the stream tests. */
final class StreamFixtures {

    static final SnapshotAnalyzer ANALYZER = new SnapshotAnalyzer(SpinModelConfig.builder().taus().nScan(30).build());

    private StreamFixtures() {
    }

    /** The run "r1" at {@code step}: different weights per step, widths 12-8-6-3. */
    static Snapshot snapshot(long step) {
        return SnapshotFixtures.xavier("r1", step, 1000 + step, 12, 8, 6, 3);
    }
}
