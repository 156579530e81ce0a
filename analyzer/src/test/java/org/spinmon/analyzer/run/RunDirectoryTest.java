package org.spinmon.analyzer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.probe.ProbeFiles;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.analyzer.snapshot.SnapshotInfo;
import org.spinmon.analyzer.testing.SnapshotFixtures;

class RunDirectoryTest {

    @TempDir
    Path runs;

    static RunManifest manifest(String id) {
        return new RunManifest(1, id, Instant.parse("2026-11-23T08:00:00Z"), "test",
                new RunManifest.Architecture(List.of(5, 3, 2), List.of("relu", "softmax"), false),
                Map.of("init", 7L, "shuffle", 8L), Map.of("learning_rate", 1e-4, "batch", 64, "updater", "adam"));
    }

    @Test
    void layoutIsRunsIdSnapshotsStep9Digits() throws IOException {
        RunDirectory run = RunDirectory.create(runs, manifest("r1"));
        assertEquals(runs.resolve("r1"), run.root());
        assertEquals(runs.resolve("r1/snapshots/step-000000042.safetensors"), run.snapshotFile(42));
        assertEquals(runs.resolve("r1/snapshots/step-1234567890.safetensors"), run.snapshotFile(1_234_567_890L));
        assertTrue(Files.isRegularFile(runs.resolve("r1/run.json")));
    }

    @Test
    void manifestRoundTripsAndIsPlainJson() throws IOException {
        RunDirectory run = RunDirectory.create(runs, manifest("r1"));
        assertEquals(manifest("r1"), run.readManifest());
        String json = Files.readString(run.root().resolve("run.json"));
        assertTrue(json.contains("\"created\" : \"2026-11-23T08:00:00Z\""), json);
        assertTrue(json.contains("\"widths\" : [ 5, 3, 2 ]"), json);
    }

    @Test
    void runsAreNeverOverwritten() throws IOException {
        RunDirectory.create(runs, manifest("r1"));
        assertThrows(FileAlreadyExistsException.class, () -> RunDirectory.create(runs, manifest("r1")));
    }

    @Test
    void snapshotsAreListedInStepOrderAndEveryBadFileIsReported() throws IOException {
        RunDirectory run = RunDirectory.create(runs, manifest("r1"));
        for (long step : new long[]{64, 0, 8, 1, 2}) {
            run.write(SnapshotFixtures.xavier("r1", step, step, 5, 3, 2), DType.F32);
        }
        Path snaps = run.root().resolve("snapshots");
        Files.write(snaps.resolve("step-000000004.safetensors"), new byte[]{1, 2, 3});
        Files.write(snaps.resolve(".step-000000016.safetensors.abc.tmp"), new byte[]{1});
        Files.writeString(snaps.resolve("notes.txt"), "hello");
        Files.write(run.root().resolve(".probe.safetensors.9999999-9f.tmp"), new byte[]{1});
        SnapshotFiles.write(SnapshotFixtures.xavier("r1", 3, 1, 5, 3, 2), snaps.resolve("step-000000032.safetensors"));
        SnapshotFiles.write(SnapshotFixtures.xavier("other", 128, 1, 5, 3, 2), run.snapshotFile(128));
        SnapshotFiles.write(SnapshotFixtures.xavier("r1", 1, 1, 5, 3, 2), snaps.resolve("step-0000000001.safetensors"));

        RunListing listing = run.list();
        assertEquals(List.of(0L, 1L, 2L, 8L, 64L), listing.snapshots().stream().map(SnapshotInfo::step).toList());
        assertEquals(manifest("r1"), listing.manifest().orElseThrow());
        Map<String, String> problems = new java.util.TreeMap<>();
        listing.problems().forEach(p -> problems.put(p.file().getFileName().toString(), p.message()));
        assertEquals(7, problems.size(), problems.toString());
        assertTrue(problems.get("step-000000004.safetensors").contains("truncated"), problems.toString());
        assertTrue(problems.get(".step-000000016.safetensors.abc.tmp").contains("interrupted write"));
        assertTrue(problems.get("notes.txt").contains("not a snapshot file name"));
        assertTrue(problems.get(".probe.safetensors.9999999-9f.tmp").contains("interrupted write of process 9999999"),
                "a leftover beside run.json is reported too: " + problems);
        assertTrue(problems.get("step-000000032.safetensors").contains("holds step 3"));
        assertTrue(problems.get("step-000000128.safetensors").contains("belongs to run other"));
        assertTrue(problems.get("step-0000000001.safetensors").contains("already recorded"));
        Map<String, RunListing.Severity> severities = new java.util.TreeMap<>();
        listing.problems().forEach(p -> severities.put(p.file().getFileName().toString(), p.severity()));
        assertEquals(RunListing.Severity.WARNING, severities.get(".step-000000016.safetensors.abc.tmp"));
        assertEquals(RunListing.Severity.WARNING, severities.get("notes.txt"));
        assertEquals(RunListing.Severity.WARNING, severities.get(".probe.safetensors.9999999-9f.tmp"));
        assertEquals(RunListing.Severity.ERROR, severities.get("step-000000004.safetensors"));
        assertTrue(listing.hasErrors());
    }

    /** A snapshot the system cannot open is an error that says why, in a run and in a plain directory alike. */
    @Test
    void aSnapshotThatCannotBeOpenedIsReportedWithTheReason() throws IOException {
        RunDirectory run = RunDirectory.create(runs, manifest("r1"));
        run.write(SnapshotFixtures.xavier("r1", 0, 0, 5, 3, 2), DType.F32);
        Path dangling = Files.createSymbolicLink(run.snapshotFile(1), runs.resolve("gone.safetensors"));
        for (RunListing listing : List.of(run.list(), RunDirectory.scan(run.root().resolve("snapshots")))) {
            assertEquals(List.of(new RunListing.Problem(dangling, RunListing.Severity.ERROR,
                    dangling + ": no such file or directory")), listing.problems());
            assertEquals(List.of(0L), listing.snapshots().stream().map(SnapshotInfo::step).toList());
        }
    }

    @Test
    void aMissingOrBrokenManifestIsReportedAndSnapshotsStillListed() throws IOException {
        RunDirectory run = RunDirectory.create(runs, manifest("r1"));
        run.write(SnapshotFixtures.xavier("r1", 0, 1, 5, 3, 2), DType.F32);
        Files.writeString(run.root().resolve("run.json"), "{\"format_version\": 1, \"run\": \"r1\"}");
        RunListing broken = RunDirectory.scan(run.root());
        assertEquals(1, broken.snapshots().size());
        assertTrue(broken.manifest().isEmpty());
        assertTrue(broken.problems().get(0).message().contains("not a valid run manifest"),
                broken.problems().toString());

        Files.delete(run.root().resolve("run.json"));
        RunListing missing = RunDirectory.scan(run.root());
        assertEquals("run.json is missing", missing.problems().get(0).message());
        assertEquals(RunListing.Severity.WARNING, missing.problems().get(0).severity());
        assertTrue(broken.hasErrors());
    }

    @Test
    void aPlainDirectoryOfSnapshotFilesIsListedToo() throws IOException {
        SnapshotFiles.write(SnapshotFixtures.xavier("a", 5, 1, 4, 2), runs.resolve("late.safetensors"));
        SnapshotFiles.write(SnapshotFixtures.xavier("b", 1, 1, 4, 2), runs.resolve("early.safetensors"));
        Files.write(runs.resolve("broken.safetensors"), new byte[20]);
        RunListing listing = RunDirectory.scan(runs);
        assertEquals(List.of(1L, 5L), listing.snapshots().stream().map(SnapshotInfo::step).toList());
        assertEquals(1, listing.problems().size());
        assertThrows(IOException.class, () -> RunDirectory.scan(runs.resolve("early.safetensors")));
    }

    @Test
    void theProbeBatchIsStoredNextToTheManifestAndReadBack() throws IOException {
        RunDirectory run = RunDirectory.create(runs, manifest("r1"));
        assertEquals(Optional.empty(), run.readProbe(), "no probe file, no probe batch");
        ProbeBatch batch = new ProbeBatch(new double[]{0, 1 / 255f, 254 / 255f, 1, 0.5, 0.25}, 3, 2,
                new int[]{9, 0, 4}, 10, 77, "mnist-test");
        Path file = run.writeProbe(batch);
        assertEquals(run.root().resolve(ProbeFiles.FILE_NAME), file);
        assertEquals(Optional.of(batch), run.readProbe());
        try (Stream<Path> files = Files.list(run.root())) {
            assertEquals(List.of("probe.safetensors", "run.json", "snapshots"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
        assertEquals(List.of(), run.list().problems(), "the probe file is not taken for a snapshot");
    }

    @Test
    void anInvalidProbeFileIsAnErrorNamingTheFile() throws IOException {
        RunDirectory run = RunDirectory.create(runs, manifest("r1"));
        Path file = run.root().resolve(ProbeFiles.FILE_NAME);
        Files.write(file, new byte[]{1, 2, 3});
        IOException truncated = assertThrows(IOException.class, run::readProbe);
        assertTrue(truncated.getMessage().startsWith(file.toString()), truncated.getMessage());
        SnapshotFiles.write(SnapshotFixtures.xavier("r1", 0, 1, 5, 3, 2), file);
        IOException snapshot = assertThrows(IOException.class, run::readProbe);
        assertTrue(snapshot.getMessage().startsWith(file.toString()), snapshot.getMessage());
    }
}
