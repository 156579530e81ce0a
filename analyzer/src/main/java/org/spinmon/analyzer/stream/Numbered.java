package org.spinmon.analyzer.stream;

import org.spinmon.analyzer.snapshot.Snapshot;

/** A snapshot with its position among the run's emitted snapshots, given before the hand-off may drop any. */
record Numbered(long ordinal, Snapshot snapshot) {
}
