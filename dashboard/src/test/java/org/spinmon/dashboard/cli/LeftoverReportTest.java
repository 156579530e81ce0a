package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverReportTest {

    @TempDir
    Path runs;

    private List<String> sweep() {
        StringWriter err = new StringWriter();
        LeftoverReport.sweep(runs, new PrintWriter(err, true), "spinmon train");
        return err.toString().lines().toList();
    }

    @Test
    void everyLeftoverGetsOneLineSayingWhatBecameOfIt() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertTrue(ended.waitFor(30, TimeUnit.SECONDS));
        long me = ProcessHandle.current().pid();
        Path snapshots = Files.createDirectories(runs.resolve("a").resolve("snapshots"));
        Path dead = Files.write(snapshots.resolve(".step-000000008.safetensors." + ended.pid() + "-1f.tmp"), new byte[1]);
        Path live = Files.write(snapshots.resolve(".step-000000016.safetensors." + me + "-2e.tmp"), new byte[1]);
        Path older = Files.write(snapshots.resolve(".step-000000032.safetensors.3d.tmp"), new byte[1]);

        assertEquals(List.of(
                "spinmon train: removed " + dead + ", left over from an interrupted write of process " + ended.pid()
                        + ", which has ended",
                "spinmon train: note: " + live + " is being written by process " + me + ", which is still running;"
                        + " left alone",
                "spinmon train: warning: " + older + " is left over from an interrupted write of an older spinmon;"
                        + " ignored (safe to delete when no spinmon writes to that run)"), sweep());
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(live) && Files.exists(older));
    }

    @Test
    void aRunsDirectoryWithoutLeftoversGivesNoLine() throws Exception {
        Files.createDirectories(runs.resolve("a").resolve("snapshots"));
        Files.write(runs.resolve("a").resolve("run.json"), new byte[1]);
        assertEquals(List.of(), sweep());
    }

    @Test
    void aRunsPathThatIsNotADirectoryHasNothingToSweep() throws Exception {
        Path file = Files.write(runs.resolve("file"), new byte[1]);
        StringWriter err = new StringWriter();
        LeftoverReport.sweep(file, new PrintWriter(err, true), "spinmon train");
        assertEquals("", err.toString(), "not a directory: nothing to sweep (creating the run will say what is wrong)");
    }
}
