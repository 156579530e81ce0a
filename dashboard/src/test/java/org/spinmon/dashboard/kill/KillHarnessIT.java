package org.spinmon.dashboard.kill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.files.AtomicFiles;
import org.spinmon.analyzer.probe.ProbeFiles;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.dashboard.json.AnalysisJson;
import org.spinmon.dashboard.server.LiveRuns;
import org.spinmon.dashboard.server.MonitorServer;
import org.spinmon.trainer.mnist.TestMnist;

/**
 * kill -9 at random moments of a real {@code spinmon train}: a seeded plan of SIGKILLs ({@link KillPlan}), half of
 * them the moment a snapshot write is in progress, the others at a random time, as the run directory appears or
 * while the probe batch is written. After each
 * kill every file under its final name reads back, {@code spinmon replay} of the partial run exits 0 and gives the
 * analyses published before the kill, and the temporary files of interrupted writes are reported by the replay and
 * removed by the next {@code spinmon train} into the same runs directory.
 *
 * <p>CI runs {@value #CI_KILLS} kills; the full form: {@code scripts/kill-harness.sh 20} (system properties
 * {@code kill.count} and {@code kill.seed}). The figures go to standard output and {@code target/kill-harness.txt}.
 */
class KillHarnessIT {

    private static final int CI_KILLS = 8;
    private static final long SEED = 9;
    private static final int PROBE_SIZE = 512;

    @TempDir
    Path dir;

    @Test
    void killNineAtRandomMomentsLeavesValidFilesAndAReplayableRun() throws Exception {
        long seed = Long.getLong("kill.seed", SEED);
        int count = Integer.getInteger("kill.count", CI_KILLS);
        Path root = Path.of(System.getProperty("spinmon.root"));
        Path runs = dir.resolve("runs");
        String mnist = TestMnist.unpacked().toString();
        String load = String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" "))
                .subList(0, 3));
        long start = System.nanoTime();
        KillTally tally = new KillTally();
        int leftoversSeen = 0;
        HttpClient http = HttpClient.newHttpClient();
        try (MonitorServer server = MonitorServer.start("127.0.0.1", 0,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new LiveRuns(), runs)) {
            for (KillPlan.Kill kill : KillPlan.of(seed, count).kills()) {
                String id = String.format("kill-%02d", kill.index());
                List<Path> before = temporaries(runs);
                SpinmonProcess train = SpinmonProcess.start(root, train(runs, id, mnist, "--stride", "5"));
                long at = trigger(train, kill, runs.resolve(id));
                assertTrue(train.alive(), () -> "spinmon train ended before kill " + kill + ": " + train.err());
                assertEquals(SpinmonProcess.SIGKILL_STATUS, train.kill(), () -> "killed by SIGKILL at " + at + " ms ("
                        + kill + "): " + train.out() + train.err());
                assertFalse(train.err().contains("stopped;"), "SIGKILL runs no shutdown hook: " + train.err());
                tally.removed(checkNextStart(before, train));
                Aftermath after = Aftermath.inspect(runs, id, PROBE_SIZE);
                tally.kill(kill, at, after);
                leftoversSeen += after.leftovers().size();
                if (after.exists()) {
                    checkApi(http, server, runs, id, after);
                    tally.replay(ReplayCheck.run(root, runs, id, after));
                }
            }
        }
        List<Path> before = temporaries(runs);
        SpinmonProcess last = SpinmonProcess.start(root, train(runs, "complete", mnist, "--max-steps", "2",
                "--probe-size", "0", "--no-landscape"));
        assertEquals(0, last.await(10), last.err());
        tally.removed(checkNextStart(before, last));
        assertEquals(List.of(), temporaries(runs), "a complete start removes every leftover of the killed runs");
        assertEquals(leftoversSeen, tally.removedByNextStart(), "each leftover removed once, by a later start");

        String report = tally.report(seed, (System.nanoTime() - start) / 1e9, load);
        System.out.print(report);
        Files.writeString(Path.of("target", "kill-harness.txt"), report, StandardCharsets.UTF_8);
    }

    private static List<String> train(Path runs, String id, String mnist, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--widths", "784-64-32-10", "--no-tap", "--policy",
                "block", "--landscape-betas", "8", "--landscape-burn-in", "300", "--landscape-sampling", "600",
                "--runs", runs.toString(), "--run-id", id, "--port", "0", "--data", mnist, "--no-progress"));
        args.addAll(List.of(extra));
        return args;
    }

    /** Waits for the kill's moment; @return the time of the kill, in milliseconds after the start */
    private static long trigger(SpinmonProcess p, KillPlan.Kill kill, Path run)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        Path snapshots = run.resolve(RunDirectory.SNAPSHOTS);
        switch (kill.trigger()) {
            case TIME -> {
                while (p.alive() && p.millis() < kill.millis()) {
                    Thread.sleep(Math.min(5, Math.max(1, kill.millis() - p.millis())));
                }
            }
            case WRITE -> {
                while (p.alive() && finals(snapshots) < kill.afterSnapshots() && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                spinUntil(p, deadline, () -> temporary(snapshots, "step-"), kill);
            }
            case RUN_DIRECTORY -> spinUntil(p, deadline, () -> Files.isDirectory(run), kill);
            case PROBE_WRITE -> spinUntil(p, deadline, () -> temporary(run, ProbeFiles.FILE_NAME), kill);
        }
        while (!p.isJvmOrEnded()) {
            Thread.sleep(1);
        }
        return p.millis();
    }

    /** A condition on the file system. */
    @FunctionalInterface
    private interface Condition {
        boolean holds() throws IOException;
    }

    private static void spinUntil(SpinmonProcess p, long deadline, Condition condition, KillPlan.Kill kill)
            throws IOException {
        while (p.alive() && !condition.holds() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(System.nanoTime() < deadline, "the moment of " + kill + " never came");
    }

    private static long finals(Path snapshots) throws IOException {
        if (!Files.isDirectory(snapshots)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(snapshots)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".safetensors")).count();
        }
    }

    /** @return whether {@code dir} holds the temporary file of a file whose name starts with {@code prefix} */
    private static boolean temporary(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (AtomicFiles.isTemporary(f) && f.getFileName().toString().startsWith("." + prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A start of {@code spinmon train} removes every leftover of an ended process before it creates its run and says
     * so; one killed before that point may leave them for the next start.
     *
     * @return how many of {@code before} it removed
     */
    private static int checkNextStart(List<Path> before, SpinmonProcess p) {
        int removed = 0;
        for (Path leftover : before) {
            if (Files.exists(leftover)) {
                assertFalse(p.out().contains("spinmon train: run "), "train created its run without removing "
                        + leftover + ": " + p.err());
            } else {
                long pid = AtomicFiles.writer(leftover).orElseThrow();
                assertTrue(p.err().contains("spinmon train: removed " + leftover + ", left over from an interrupted"
                        + " write of process " + pid + ", which has ended"), p.err());
                removed++;
            }
        }
        return removed;
    }

    /** The runs API serves the killed run's whole analyses, without a last line cut short, as valid JSON. */
    private static void checkApi(HttpClient http, MonitorServer server, Path runs, String id, Aftermath after)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve("api/runs/" + id + "/analyses"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (!Files.exists(runs.resolve(id).resolve(MonitorServer.ANALYSES))) {
            assertEquals(404, r.statusCode(), r.body());
            return;
        }
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(after.analyses().size(), AnalysisJson.JSON.readTree(r.body()).size(), id);
        assertEquals(after.cutLine(), r.headers().firstValue(MonitorServer.SKIPPED_HEADER).isPresent(), id);
    }

    /** @return every temporary file in the run directories under {@code runs} and their snapshots/ */
    private static List<Path> temporaries(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> all = Files.walk(runs, 3)) {
            all.filter(AtomicFiles::isTemporary).sorted().forEach(found::add);
        }
        return found;
    }
}
