package org.spinmon.analyzer.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import reactor.core.publisher.Flux;

class AnalysisStreamTest {

    @TempDir
    Path dir;

    private static Flux<Snapshot> steps(int n) {
        return Flux.range(0, n).map(StreamFixtures::snapshot);
    }

    @Test
    void everySnapshotIsWrittenAndAnalysedInOrderWhenBlocking() throws IOException {
        StreamCounters counters = new StreamCounters();
        AnalysisStream stream = AnalysisStream.builder(StreamFixtures.ANALYZER)
                .settings(new StreamSettings(2, 2, OverflowPolicy.BLOCK))
                .counters(counters)
                .recorder(s -> SnapshotFiles.write(s, dir.resolve(s.step() + ".safetensors"), DType.F64))
                .build();
        List<AnalysisOutcome> out = stream.apply(steps(6)).collectList().block(Duration.ofMinutes(1));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), out.stream().map(AnalysisOutcome::step).toList());
        assertEquals(6, counters.emitted());
        assertEquals(6, counters.analyzed());
        assertEquals(0, counters.dropped());
        assertEquals(6, counters.written(), "the outcomes complete only once the writer has drained");
        for (int step = 0; step < 6; step++) {
            Snapshot back = SnapshotFiles.read(dir.resolve(step + ".safetensors"));
            assertArrayEquals(StreamFixtures.snapshot(step).layers().get(1).weights(), back.layers().get(1).weights());
        }
        assertEquals(0.0, out.get(0).analysis().layers().get(0).relChangeFromInit(), 0.0, "step 0 is the reference");
        assertTrue(out.get(5).analysis().layers().get(0).relChangeFromInit() > 0);
    }

    @Test
    void dropsAreExactWhenTheProducerOutrunsTheAnalyzer() {
        StreamCounters counters = new StreamCounters();
        AnalysisStream stream = AnalysisStream.builder(StreamFixtures.ANALYZER)
                .settings(new StreamSettings(2, 1, OverflowPolicy.DROP_OLDEST))
                .counters(counters)
                .recorder(s -> { })
                .build();
        List<AnalysisOutcome> out = stream.apply(steps(40)).collectList().block(Duration.ofMinutes(1));
        assertEquals(40, counters.emitted());
        assertEquals(40, counters.written(), "the writer never drops");
        assertTrue(counters.dropped() > 0, "40 snapshots at once into a hand-off of 2");
        assertEquals(counters.emitted(), counters.analyzed() + counters.dropped());
        assertEquals(out.size(), counters.analyzed());
        assertEquals(39, out.get(out.size() - 1).step(), "the newest survives drop-oldest");
        for (int i = 1; i < out.size(); i++) {
            assertTrue(out.get(i).step() > out.get(i - 1).step());
        }
    }

    @Test
    void aWriteFailureIsCountedReportedAndTheRestIsWritten() {
        StreamCounters counters = new StreamCounters();
        List<Long> failed = Collections.synchronizedList(new ArrayList<>());
        List<Long> written = Collections.synchronizedList(new ArrayList<>());
        AnalysisStream stream = AnalysisStream.builder(StreamFixtures.ANALYZER)
                .settings(new StreamSettings(4, 1, OverflowPolicy.BLOCK))
                .counters(counters)
                .recorder(s -> {
                    if (s.step() == 2) {
                        throw new IOException("disk full");
                    }
                    written.add(s.step());
                })
                .onWriteFailure((s, e) -> failed.add(s.step()))
                .build();
        List<AnalysisOutcome> out = stream.apply(steps(5)).collectList().block(Duration.ofMinutes(1));
        assertEquals(5, out.size());
        assertEquals(List.of(2L), failed);
        assertEquals(List.of(0L, 1L, 3L, 4L), written);
        assertEquals(4, counters.written());
        assertEquals(1, counters.writeFailures());
        assertEquals(counters.emitted(), counters.written() + counters.writeFailures());
    }

    @Test
    void nonFiniteSnapshotsAreCountedAndAnalysedAsUndefined() {
        Snapshot good = StreamFixtures.snapshot(0);
        double[] w = good.layers().get(0).weights();
        w[3] = Double.NaN;
        List<Layer> layers = new ArrayList<>(good.layers());
        Layer first = layers.get(0);
        layers.set(0, new Layer(first.name(), first.activation(), first.nIn(),
                first.nOut(), w, null));
        Snapshot bad = new Snapshot("r1", 1, 0.01, Double.NaN, Double.NaN, good.time(), layers);
        StreamCounters counters = new StreamCounters();
        List<AnalysisOutcome> out = AnalysisStream.builder(StreamFixtures.ANALYZER).counters(counters).build()
                .apply(Flux.just(good, bad)).collectList().block(Duration.ofMinutes(1));
        assertEquals(1, counters.nonFinite());
        assertTrue(Double.isNaN(out.get(1).analysis().tcMelt()));
        assertTrue(out.get(1).analysis().reasons().get("tc_melt").contains("NaN or infinite"));
    }
}
