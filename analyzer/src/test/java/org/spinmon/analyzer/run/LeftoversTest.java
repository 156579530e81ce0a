package org.spinmon.analyzer.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.run.Leftovers.Leftover;
import org.spinmon.analyzer.run.Leftovers.Outcome;

class LeftoversTest {

    @TempDir
    Path runs;

    /** @return the id of a real process that has ended */
    private static long endedProcess() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.pid();
    }

    @Test
    void leftoversOfEndedWritersAreRemovedAndWritesInProgressAreLeftAlone() throws Exception {
        long ended = endedProcess();
        long running = ProcessHandle.current().pid();
        Path a = Files.createDirectories(runs.resolve("a").resolve(RunDirectory.SNAPSHOTS));
        Path b = Files.createDirectories(runs.resolve("b").resolve(RunDirectory.SNAPSHOTS));
        Path snapshot = Files.write(a.resolve("step-000000004.safetensors"), new byte[]{4});
        Path deadSnapshot = Files.write(a.resolve(".step-000000008.safetensors." + ended + "-1f.tmp"), new byte[]{1});
        Path deadManifest = Files.write(runs.resolve("a").resolve(".run.json." + ended + "-2e.tmp"), new byte[]{2});
        Path inProgress = Files.write(b.resolve(".step-000000001.safetensors." + running + "-3d.tmp"), new byte[]{3});
        Path older = Files.write(b.resolve(".step-000000002.safetensors.4c.tmp"), new byte[]{5});
        Path notes = Files.writeString(runs.resolve("notes.tmp"), "not in a run directory");

        List<Leftover> found = Leftovers.sweep(runs);

        assertEquals(List.of(
                new Leftover(deadManifest, OptionalLong.of(ended), Outcome.REMOVED, ""),
                new Leftover(deadSnapshot, OptionalLong.of(ended), Outcome.REMOVED, ""),
                new Leftover(inProgress, OptionalLong.of(running), Outcome.WRITER_RUNNING, ""),
                new Leftover(older, OptionalLong.empty(), Outcome.WRITER_UNKNOWN, "")), found);
        assertFalse(Files.exists(deadSnapshot));
        assertFalse(Files.exists(deadManifest));
        assertArrayEquals(new byte[]{3}, Files.readAllBytes(inProgress));
        assertArrayEquals(new byte[]{5}, Files.readAllBytes(older));
        assertArrayEquals(new byte[]{4}, Files.readAllBytes(snapshot));
        assertTrue(Files.exists(notes), "only temporary files inside run directories are touched");
    }

    @Test
    void aMissingRunsDirectoryHasNoLeftovers() throws IOException {
        assertEquals(List.of(), Leftovers.sweep(runs.resolve("none")));
    }

    @Test
    void listingsSayWhetherATemporaryFileIsAWriteInProgressOrALeftover() throws Exception {
        long ended = endedProcess();
        long running = ProcessHandle.current().pid();
        assertEquals("left over from an interrupted write of process " + ended + ", which has ended; ignored (safe to"
                + " delete)", Leftovers.describe(Path.of(".step-000000008.safetensors." + ended + "-1f.tmp")));
        assertEquals("being written by process " + running + ", which is still running; ignored",
                Leftovers.describe(Path.of(".step-000000008.safetensors." + running + "-1f.tmp")));
        assertEquals("left over from an interrupted write; ignored (safe to delete)",
                Leftovers.describe(Path.of(".step-000000008.safetensors.1f.tmp")));
    }
}
