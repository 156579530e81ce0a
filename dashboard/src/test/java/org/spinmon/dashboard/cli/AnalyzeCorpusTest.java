package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.fuzz.CorpusIndex;
import org.spinmon.analyzer.fuzz.FileKind;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.testing.SnapshotFixtures;

/**
 * The regression corpus ({@link CorpusIndex}) through {@code spinmon analyze}, every build: its snapshot files as a
 * list of files and as a directory, with the full default analysis, and its probe files as the probe batch of a
 * run. Every unreadable file is one stderr line with its reader's message, every readable one is analysed (the
 * files that once made the analysis fail included), and nothing else is printed on stderr.
 */
class AnalyzeCorpusTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void everySnapshotOfTheCorpusIsAnalysedOrReportedOnOneLine() throws IOException {
        Path corpus = dir.resolve("corpus");
        List<CorpusIndex.Entry> entries = CorpusIndex.copyTo(corpus);
        Path snapshots = dir.resolve("snapshots");
        Files.createDirectories(snapshots);
        List<String> files = new ArrayList<>();
        Map<String, CorpusIndex.Entry> byPath = new HashMap<>();
        for (CorpusIndex.Entry e : entries) {
            if (e.kind() == FileKind.SNAPSHOT) {
                Path file = Files.copy(corpus.resolve(e.file()), snapshots.resolve(e.file()));
                files.add(file.toString());
                byPath.put(file.toString(), e);
            }
        }
        List<String> asFiles = new ArrayList<>(List.of("analyze", "--json", "--no-progress"));
        asFiles.addAll(files);
        check(SpinmonMainTest.run(asFiles.toArray(String[]::new)), byPath);
        check(SpinmonMainTest.run("analyze", "--json", "--no-progress", snapshots.toString()), byPath);
    }

    private static void check(SpinmonMainTest.Run r, Map<String, CorpusIndex.Entry> byPath) throws IOException {
        assertEquals(1, r.status(), r.err());
        Map<String, Integer> seen = new HashMap<>();
        for (String line : r.err().split("\n")) {
            String file = byPath.keySet().stream().filter(f -> line.startsWith("spinmon analyze: " + f + ": "))
                    .findFirst().orElseThrow(() -> new AssertionError("unexpected stderr line: " + line));
            CorpusIndex.Entry e = byPath.get(file);
            assertFalse(e.outcome().equals(CorpusIndex.READ), "a readable file reported: " + line);
            assertTrue(e.expected().equals("-") || line.contains(e.expected()), line);
            seen.merge(file, 1, Integer::sum);
        }
        for (String line : r.out().split("\n")) {
            JsonNode o = JSON.readTree(line);
            if (o.has("power_law")) {
                continue;
            }
            String file = o.get("file").asText();
            assertEquals(CorpusIndex.READ, byPath.get(file).outcome(), file);
            seen.merge(file, 1, Integer::sum);
            if (file.endsWith("bug-weight-3.7e307.safetensors")) {
                assertTrue(o.get("t_sg").isNull(), line);
                assertTrue(o.get("reasons").get("t_sg").asText().startsWith("the largest |weight| or |bias| is 3.732e+307"),
                        line);
            }
        }
        for (String file : byPath.keySet()) {
            assertEquals(1, seen.getOrDefault(file, 0), file + " must appear once, on stdout or stderr");
        }
    }

    @Test
    void everyProbeFileOfTheCorpusIsUsedOrWarnedAboutOnce() throws IOException {
        Path corpus = dir.resolve("corpus");
        for (CorpusIndex.Entry e : CorpusIndex.copyTo(corpus)) {
            if (e.kind() != FileKind.PROBE) {
                continue;
            }
            String id = e.file().replace(".safetensors", "");
            RunDirectory run = RunDirectory.create(dir.resolve("runs"), new RunManifest(1, id,
                    Instant.parse("2026-11-23T00:00:00Z"), "test", new RunManifest.Architecture(List.of(12, 6, 3),
                    List.of("relu", "softmax"), false), Map.of(), Map.of()));
            run.write(SnapshotFixtures.xavier(id, 0, 1, 12, 6, 3), DType.F32);
            run.write(SnapshotFixtures.xavier(id, 4, 2, 12, 6, 3), DType.F32);
            Path probe = Files.copy(corpus.resolve(e.file()), run.root().resolve("probe.safetensors"));
            SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", "--json", "--no-progress", "--no-tap",
                    "--no-landscape", run.root().toString());
            assertEquals(0, r.status(), r.err());
            if (e.outcome().equals(CorpusIndex.READ)) {
                assertEquals("", r.err(), e.file());
                JsonNode last = JSON.readTree(r.out().split("\n")[1]);
                assertFalse(last.get("layers").get(0).get("kernel").isNull(), e.file() + " must feed the kernels");
            } else {
                String expected = "spinmon analyze: warning: " + probe + ": ";
                assertTrue(r.err().startsWith(expected) && r.err().endsWith("; analysing without a probe batch\n")
                        && r.err().split("\n").length == 1 && r.err().contains(e.expected()), r.err());
            }
        }
    }
}
