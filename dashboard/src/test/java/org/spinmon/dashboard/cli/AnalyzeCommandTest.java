package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.analyzer.testing.SnapshotFixtures;

class AnalyzeCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path runs;

    private RunDirectory run;

    @BeforeEach
    void recordARun() throws IOException {
        run = RunDirectory.create(runs, new RunManifest(1, "demo", Instant.parse("2026-11-23T00:00:00Z"), "test",
                new RunManifest.Architecture(List.of(30, 20, 10), List.of("relu", "softmax"), true), Map.of("init", 5L),
                Map.of()));
        for (long step : new long[]{4, 0, 1, 2}) {
            run.write(SnapshotFixtures.xavier("demo", step, 100 + step, true, 30, 20, 10), DType.F32);
        }
    }

    @Test
    void jsonLinesComeInStepOrderWithNormsOfTheStoredWeights() throws IOException {
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", "--json", run.root().toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length);
        long[] steps = {0, 1, 2, 4};
        for (int i = 0; i < lines.length; i++) {
            JsonNode o = JSON.readTree(lines[i]);
            assertEquals(steps[i], o.get("step").asLong());
            assertEquals("demo", o.get("run").asText());
            assertTrue(o.get("accuracy").isNull(), "NaN accuracy is null");
            Path file = run.snapshotFile(steps[i]);
            assertEquals(file.toString(), o.get("file").asText());
            Snapshot stored = SnapshotFiles.read(file);
            JsonNode layers = o.get("layers");
            assertEquals(2, layers.size());
            for (int k = 0; k < 2; k++) {
                JsonNode layer = layers.get(k);
                assertEquals(k + 1, layer.get("index").asInt());
                assertEquals(stored.layers().get(k).nIn(), layer.get("n_in").asInt());
                assertEquals(stored.layers().get(k).nOut(), layer.get("n_out").asInt());
                assertTrue(layer.get("has_bias").asBoolean());
                double expected = Math.sqrt(java.util.Arrays.stream(stored.layers().get(k).weights()).map(w -> w * w).sum());
                assertEquals(expected, layer.get("frobenius_norm").asDouble(), 1e-12 * expected);
            }
        }
    }

    @Test
    void theTableShowsEveryLayer() {
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", run.snapshotFile(2).toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("run demo  step 2  epoch 0.0200"), r.out());
        assertTrue(r.out().matches("(?s).*\\n\\s+1\\s+dense_0\\s+relu\\s+30x20\\s+yes\\s+[0-9.]+\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\n\\s+2\\s+dense_1\\s+softmax\\s+20x10\\s+yes\\s+[0-9.]+\\n.*"), r.out());
    }

    @Test
    void badFilesAreReportedOneLineEachAndTheRestIsStillPrinted() throws IOException {
        Path bad = run.snapshotFile(8);
        Files.write(bad, new byte[]{9, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
        Path leftover = bad.resolveSibling(".step-000000016.safetensors.1a2b.tmp");
        Files.write(leftover, new byte[3]);
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", "--json", run.root().toString());
        assertEquals(1, r.status());
        assertEquals(4, r.out().split("\n").length);
        List<String> errors = r.err().lines().toList();
        assertEquals(2, errors.size(), r.err());
        assertTrue(errors.contains("spinmon analyze: warning: " + leftover
                + ": left over from an interrupted write; ignored (safe to delete)"), r.err());
        assertTrue(errors.contains("spinmon analyze: " + bad + ": bad header length: declares 9 header bytes but the"
                + " file has 2 bytes after the length"), r.err());
    }

    @Test
    void nonFiniteWeightsAreShownNotHidden() throws IOException {
        Path file = runs.resolve("nan.safetensors");
        SnapshotFiles.write(new Snapshot("x", 3, 0, Double.NaN, 0.5, Instant.EPOCH,
                List.of(Layer.of("0", "relu", 1, 2, new double[]{Double.NaN, 1}))), file);
        SpinmonMainTest.Run table = SpinmonMainTest.run("analyze", file.toString());
        assertEquals(0, table.status());
        assertTrue(table.out().contains("warning: 1 weights or biases are NaN or infinite"), table.out());
        JsonNode o = JSON.readTree(SpinmonMainTest.run("analyze", "--json", file.toString()).out());
        assertEquals(1, o.get("non_finite").asInt());
        assertTrue(o.get("layers").get(0).get("frobenius_norm").isNull());
        assertEquals(0.5, o.get("accuracy").asDouble());
    }

    @Test
    void aMissingPathIsAUsageError() {
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", runs.resolve("nope").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("spinmon analyze: no such file or directory: "), r.err());
    }
}
