package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunListing;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.trainer.mnist.TestMnist;

/** Ctrl-C on a real {@code ./spinmon train} process: it stops cleanly and everything it wrote stays usable. */
class TrainInterruptIT {

    @TempDir
    Path dir;

    @Test
    void interruptLeavesValidSnapshotsAndAReplayableRun() throws Exception {
        Path runs = dir.resolve("runs");
        Path root = Path.of(System.getProperty("spinmon.root"));
        Process p = new ProcessBuilder(root.resolve("spinmon").toString(), "train", "--widths", "784-64-32-10",
                "--stride", "5", "--no-tap", "--runs", runs.toString(), "--run-id", "int1", "--port", "0",
                "--data", TestMnist.unpacked().toString(), "--no-progress").start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.contains("metrics at")) {
            assertTrue(p.isAlive(), line);
        }
        Path snapshots = runs.resolve("int1").resolve(RunDirectory.SNAPSHOTS);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (count(snapshots) < 12 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(count(snapshots) >= 12, "training did not write snapshots: " + count(snapshots));
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start();
        assertEquals(0, kill.waitFor());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "spinmon train did not stop on SIGINT");
        String stderr = err.join();
        assertEquals(130, p.exitValue(), stderr);
        assertTrue(stderr.contains("spinmon train: stopped;") && stderr.contains("each one complete"), stderr);

        RunListing listing = RunDirectory.scan(runs.resolve("int1"));
        assertTrue(listing.manifest().isPresent());
        assertTrue(listing.problems().stream().noneMatch(pr -> pr.severity() == RunListing.Severity.ERROR),
                listing.problems().toString());
        try (Stream<Path> files = Files.list(snapshots)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".safetensors")).toList()) {
                assertEquals("int1", SnapshotFiles.read(f).runId(), f.toString());
            }
        }
        StringWriter replayOut = new StringWriter();
        StringWriter replayErr = new StringWriter();
        int replay = SpinmonMain.run(new PrintWriter(replayOut, true), new PrintWriter(replayErr, true), "replay",
                runs.resolve("int1").toString(), "--port", "0", "--no-progress");
        assertEquals(0, replay, replayErr.toString());
        assertTrue(replayOut.toString().contains(" 0 dropped"), replayOut.toString());
    }

    private static long count(Path snapshots) throws IOException {
        if (!Files.isDirectory(snapshots)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(snapshots)) {
            return files.filter(f -> f.toString().endsWith(".safetensors")).count();
        }
    }
}
