package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.files.AtomicFiles;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.dashboard.json.AnalysisJson;
import org.spinmon.dashboard.server.MonitorServer;
import org.spinmon.trainer.mnist.TestMnist;

/**
 * Disk trouble met by real {@code ./spinmon train} processes on real file systems (RELIABILITY.md, "Disk
 * trouble"). A file-size limit ({@code ulimit -f}, any user) cuts {@code analyses.jsonl} in the middle of a line;
 * the other cases need a file system of their own, a tmpfs mounted in a private mount namespace
 * ({@code unshare -m}, which needs root or CAP_SYS_ADMIN; the tests that need it say so and are skipped where it
 * is refused): a read-only one, one too small for the run, and one that another process fills while the run
 * writes. A file system's contents are copied out before its namespace ends, so that the test can read them.
 */
class DiskFaultsIT {

    private static final Pattern SUMMARY = Pattern.compile("snapshots: (\\d+) emitted, (\\d+) analysed, (\\d+) dropped,"
            + " (\\d+) written, (\\d+) write failures, (\\d+) analysis failures, (\\d+) non-finite");

    /** A small network with a small probe batch: about 100 kB per snapshot, hundreds of steps per second. */
    private static final String TRAIN = "\"$SPINMON\" train --widths 784-32-16-10 --no-tap --port 0 --no-progress"
            + " --probe-size 16 --data \"$MNIST\"";

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    @Test
    void aFileSizeLimitCutsTheAnalysesLogBackToItsLastCompleteLineAndTheRunGoesOn() throws Exception {
        // 110 kB: run.json, the probe batch (50 kB) and every snapshot (103 kB) fit; analyses.jsonl, about 17 kB a
        // line, hits the limit in the middle of its seventh line.
        // ND4J unpacks its native libraries (tens of MB) on first use by this jar; under the limit that fails, so a
        // short run without the limit unpacks them first, as any earlier run of the same jar would have.
        Result r = bash(TRAIN + " --max-steps 1 --no-record >/dev/null || exit 98; ulimit -f 110; " + TRAIN + " --max-steps 64 --stride 4 --policy block --runs \"$DIR/runs\""
                + " --run-id limit");
        assertEquals(1, r.status(), r.err());
        noStackTrace(r);
        Path run = dir.resolve("runs/limit");
        assertEquals(1, count(r.err(), "cannot append to " + run.resolve(MonitorServer.ANALYSES)
                + ": File too large; the run goes on"), r.err());
        Matcher summary = summary(r);
        long emitted = Long.parseLong(summary.group(1));
        assertEquals(emitted, Long.parseLong(summary.group(2)), "block: every snapshot analysed");
        assertEquals(emitted, Long.parseLong(summary.group(4)), "every snapshot written");
        List<String> lines = completeLines(run.resolve(MonitorServer.ANALYSES));
        long missing = emitted - lines.size();
        assertTrue(missing > 0 && r.err().contains(missing + " analyses could not be appended"), r.err());
        assertTrue(Files.size(run.resolve(MonitorServer.ANALYSES)) <= 110 * 1024);
        allSnapshotsComplete(run, emitted);
    }

    @Test
    void aReadOnlyRunsDirectoryIsAClearErrorAtTheStart() throws Exception {
        Result r = inOwnTmpfs("mount -t tmpfs -o size=1m,ro tmpfs \"$MNT\"", TRAIN + " --max-steps 20 --runs \"$MNT/runs\"");
        assertEquals(1, r.status(), r.err());
        noStackTrace(r);
        assertEquals("spinmon train: cannot create the run directory under " + dir.resolve("mnt/runs") + ": "
                + dir.resolve("mnt/runs") + ": Read-only file system\n", r.err());
        assertFalse(r.out().contains("metrics at"), "training must not start: " + r.out());
    }

    @Test
    void aFileSystemTooSmallForTheRunIsAClearErrorAtTheStart() throws Exception {
        Result r = inOwnTmpfs("mount -t tmpfs -o size=1m tmpfs \"$MNT\"", TRAIN + " --max-steps 200 --stride 1"
                + " --runs \"$MNT/runs\"; status=$?; ls -A \"$MNT\" >&2; exit $status");
        assertEquals(1, r.status(), r.err());
        noStackTrace(r);
        assertEquals("spinmon train: not enough space for the run's record under " + dir.resolve("mnt/runs")
                + ": its 201 snapshots and probe batch need 20.6 MiB, the file system has 1.0 MiB free; free space,"
                + " choose another --runs, snapshot less often (--stride), or train with --no-record\n", r.err(),
                "the error, and nothing created (ls lists nothing)");
    }

    @Test
    void aDiskThatFillsDuringTheRunCountsEveryFailedSnapshotAndLeavesOnlyCompleteFiles() throws Exception {
        // 64 MiB holds the whole run (401 snapshots of 103 kB, 41 MiB); once 30 snapshots are on disk, another
        // process fills the file system to the last byte, as a neighbour's job on a shared disk would.
        Result r = inOwnTmpfs("mount -t tmpfs -o size=64m tmpfs \"$MNT\"", TRAIN + " --max-steps 400 --stride 1"
                + " --runs \"$MNT/runs\" --run-id full & pid=$!\n"
                + "while [ \"$(ls \"$MNT/runs/full/snapshots\" 2>/dev/null | wc -l)\" -lt 30 ] && kill -0 $pid 2>/dev/null; do"
                + " sleep 0.02; done\n"
                + "dd if=/dev/zero of=\"$MNT/filler\" bs=64k 2>/dev/null\n"
                + "wait $pid; status=$?; rm \"$MNT/filler\"; exit $status");
        assertEquals(1, r.status(), r.err());
        noStackTrace(r);
        Matcher summary = summary(r);
        long emitted = Long.parseLong(summary.group(1));
        long written = Long.parseLong(summary.group(4));
        long failures = Long.parseLong(summary.group(5));
        assertEquals(401, emitted, "training went on to the last step");
        assertEquals(emitted, written + failures);
        assertEquals(emitted, Long.parseLong(summary.group(2)) + Long.parseLong(summary.group(3)));
        assertTrue(written >= 30 && failures > 0, summary.group());
        assertEquals(Math.min(failures, TrainCommand.WRITE_FAILURES_REPORTED),
                count(r.err(), "No space left on device; training goes on"), r.err());
        assertEquals(failures > TrainCommand.WRITE_FAILURES_REPORTED ? 1 : 0,
                count(r.err(), "further snapshots that cannot be written are counted"), r.err());
        Path run = dir.resolve("out/full");
        allSnapshotsComplete(run, written);
        completeLines(run.resolve(MonitorServer.ANALYSES));
    }

    /** Runs {@code script} in bash (whose {@code ulimit -f} counts kB) with $SPINMON, $MNIST and $DIR set. */
    private Result bash(String script) throws IOException, InterruptedException {
        return run(List.of("bash", "-c", script));
    }

    /**
     * Runs {@code script} in a private mount namespace, after {@code mount} has mounted a tmpfs on $MNT; then
     * copies $MNT/runs (if any) to $DIR/out. Skipped where the namespace or the mount is refused.
     */
    private Result inOwnTmpfs(String mount, String script) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("mnt"));
        Result probe = run(List.of("unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs \"$MNT\""));
        Assumptions.assumeTrue(probe.status() == 0, "a private tmpfs needs root or CAP_SYS_ADMIN (unshare -m, mount):"
                + " " + probe.err());
        return run(List.of("unshare", "-m", "sh", "-c", mount + " || exit 97\n(" + script + ")\nstatus=$?\n"
                + "[ -d \"$MNT/runs\" ] && cp -a \"$MNT/runs\" \"$DIR/out\"\nexit $status"));
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
        builder.environment().put("SPINMON", Path.of(System.getProperty("spinmon.root")).resolve("spinmon").toString());
        builder.environment().put("MNIST", TestMnist.unpacked().toString());
        builder.environment().put("DIR", dir.toString());
        builder.environment().put("MNT", dir.resolve("mnt").toString());
        String natives = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (natives != null) {
            // ND4J's natives as the other tests unpacked them: none is unpacked under a file-size limit.
            builder.environment().put("SPINMON_JAVACPP_CACHE", natives);
        }
        Process p = builder.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "did not finish: " + command);
        return new Result(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    }

    private static void noStackTrace(Result r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "a stack trace:\n" + r.err());
    }

    private static Matcher summary(Result r) {
        Matcher m = SUMMARY.matcher(r.out());
        assertTrue(m.find(), r.out() + r.err());
        return m;
    }

    private static long count(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    /** Every file under a final name reads as a snapshot of the run; there are {@code expected}; no temporaries. */
    private static void allSnapshotsComplete(Path run, long expected) throws IOException {
        try (Stream<Path> files = Files.list(run.resolve(RunDirectory.SNAPSHOTS))) {
            List<Path> all = files.toList();
            assertTrue(all.stream().noneMatch(AtomicFiles::isTemporary), all.toString());
            assertEquals(expected, all.size());
            for (Path f : all) {
                assertEquals(run.getFileName().toString(), SnapshotFiles.read(f).runId(), f.toString());
            }
        }
    }

    /** @return the lines of the log, each asserted to be a whole JSON object, the file ending with a newline */
    private static List<String> completeLines(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(text.isEmpty() || text.endsWith("\n"), "a partial last line remains");
        List<String> lines = text.lines().toList();
        for (String line : lines) {
            JsonNode o = AnalysisJson.JSON.readTree(line);
            assertTrue(o.has("step"), line);
        }
        return lines;
    }
}
