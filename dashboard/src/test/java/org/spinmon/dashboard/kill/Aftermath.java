package org.spinmon.dashboard.kill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.spinmon.analyzer.files.AtomicFiles;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.probe.ProbeFiles;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.dashboard.json.AnalysisJson;
import org.spinmon.dashboard.server.AnalysesLog;
import org.spinmon.dashboard.server.MonitorServer;

/**
 * What a killed {@code spinmon train} left in its run directory, every file checked: each {@code .safetensors} under
 * its final name reads back whole and belongs to its run and step, {@code run.json} is a valid manifest (or absent,
 * and then nothing else is there: it is written first), the probe batch reads back, every line of
 * {@code analyses.jsonl} is a whole analysis but for at most a last one cut short, which the product's reader
 * leaves out. Temporary files of interrupted writes are collected, not judged.
 *
 * @param exists     whether the run directory exists (a kill before it was created leaves none)
 * @param manifest   whether run.json exists (and is valid)
 * @param probe      whether probe.safetensors exists (and is valid)
 * @param steps      the steps of the snapshot files, ascending
 * @param leftovers  the temporary files in the run directory and in snapshots/
 * @param analyses   the whole lines of analyses.jsonl, in order
 * @param cutLine    whether analyses.jsonl ends with a line cut short
 */
record Aftermath(boolean exists, boolean manifest, boolean probe, List<Long> steps, List<Path> leftovers,
                 List<String> analyses, boolean cutLine) {

    private static final Pattern SNAPSHOT = Pattern.compile("step-([0-9]{9})\\.safetensors");

    /** Inspects run {@code runId} under {@code runs}, asserting that every file is valid. */
    static Aftermath inspect(Path runs, String runId, int probeSize) throws IOException {
        Path root = runs.resolve(runId);
        if (!Files.isDirectory(root)) {
            return new Aftermath(false, false, false, List.of(), List.of(), List.of(), false);
        }
        RunDirectory run = RunDirectory.at(root);
        List<Path> leftovers = new ArrayList<>(temporaries(root));
        boolean manifest = Files.exists(root.resolve(RunDirectory.MANIFEST));
        if (manifest) {
            RunManifest m = run.readManifest();
            assertEquals(runId, m.runId());
        }
        boolean probe = Files.exists(root.resolve(ProbeFiles.FILE_NAME));
        if (probe) {
            ProbeBatch batch = run.readProbe().orElseThrow();
            assertEquals(probeSize, batch.size(), "the probe batch of " + runId);
        }
        List<Long> steps = new ArrayList<>();
        Path snapshots = root.resolve(RunDirectory.SNAPSHOTS);
        if (Files.isDirectory(snapshots)) {
            leftovers.addAll(temporaries(snapshots));
            for (Path f : list(snapshots)) {
                if (AtomicFiles.isTemporary(f)) {
                    continue;
                }
                Matcher m = SNAPSHOT.matcher(f.getFileName().toString());
                assertTrue(m.matches(), "only snapshot files and temporary files in snapshots/: " + f);
                Snapshot s = SnapshotFiles.read(f);
                assertEquals(runId, s.runId(), f.toString());
                assertEquals(Long.parseLong(m.group(1)), s.step(), f.toString());
                steps.add(s.step());
            }
        }
        Path log = root.resolve(MonitorServer.ANALYSES);
        List<String> analyses = List.of();
        boolean cut = false;
        if (Files.exists(log)) {
            byte[] bytes = Files.readAllBytes(log);
            cut = bytes.length > 0 && bytes[bytes.length - 1] != '\n';
            long whole = 0;
            for (byte b : bytes) {
                whole += b == '\n' ? 1 : 0;
            }
            AnalysesLog.Contents contents = AnalysesLog.read(log);
            analyses = contents.lines();
            assertEquals(whole, analyses.size(), "every newline-terminated line of " + log + " is a whole analysis");
            assertEquals(cut ? List.of((int) whole + 1) : List.of(), contents.skipped(),
                    "only a last line cut short is left out");
            long previous = -1;
            for (String line : analyses) {
                long step = AnalysisJson.JSON.readTree(line).get("step").asLong();
                assertTrue(step > previous, "analyses in step order: " + step + " after " + previous);
                previous = step;
            }
        }
        if (!manifest) {
            assertTrue(!probe && steps.isEmpty() && analyses.isEmpty(),
                    "run.json is written first: without it the run holds nothing else");
        }
        return new Aftermath(true, manifest, probe, List.copyOf(steps), List.copyOf(leftovers), analyses, cut);
    }

    private static List<Path> temporaries(Path dir) throws IOException {
        return list(dir).stream().filter(AtomicFiles::isTemporary).toList();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
