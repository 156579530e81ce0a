package org.spinmon.dashboard.kill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spinmon.analyzer.files.AtomicFiles;
import org.spinmon.dashboard.json.AnalysisJson;

/**
 * {@code spinmon replay RUN --json} of a killed run, as a real process: it exits 0, reports every leftover of an
 * interrupted write as a warning, replays exactly the snapshot files on disk, and gives, for every step whose
 * analysis was published before the kill, that analysis again (timings apart). A run killed before its first
 * snapshot has nothing to replay: exit status 1 and one clear line.
 *
 * @param compared        analyses published live and compared with the replay's
 * @param liveWithoutFile analyses published live whose snapshot file was not yet written at the kill
 * @param fileWithoutLive snapshot files whose analysis was not yet published at the kill
 */
record ReplayCheck(int compared, int liveWithoutFile, int fileWithoutLive) {

    /** Replays run {@code runId} under {@code runs} and compares it with what {@code after} found. */
    static ReplayCheck run(Path root, Path runs, String runId, Aftermath after)
            throws IOException, InterruptedException {
        Path run = runs.resolve(runId);
        SpinmonProcess replay = SpinmonProcess.start(root, List.of("replay", run.toString(), "--json", "--port", "0",
                "--no-progress"));
        int exit = replay.await(10);
        String err = replay.err();
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        for (Path leftover : after.leftovers()) {
            long pid = AtomicFiles.writer(leftover).orElseThrow();
            assertTrue(err.contains("spinmon replay: warning: " + leftover + ": left over from an interrupted write of"
                    + " process " + pid + ", which has ended; ignored (safe to delete)"), err);
        }
        if (after.steps().isEmpty()) {
            assertEquals(1, exit, err);
            assertTrue(err.contains("spinmon replay: no snapshots in " + run), err);
            return new ReplayCheck(0, after.analyses().size(), 0);
        }
        assertEquals(0, exit, err);
        Map<Long, JsonNode> replayed = new LinkedHashMap<>();
        for (String line : replay.out().split("\n")) {
            JsonNode node = AnalysisJson.JSON.readTree(line);
            replayed.put(node.get("step").asLong(), withoutTimings(node));
        }
        assertEquals(after.steps(), List.copyOf(replayed.keySet()), "the replay analyses every snapshot file");
        int compared = 0;
        int liveWithoutFile = 0;
        for (String line : after.analyses()) {
            JsonNode live = withoutTimings(AnalysisJson.JSON.readTree(line));
            long step = live.get("step").asLong();
            if (replayed.containsKey(step)) {
                assertEquals(live, replayed.get(step), "run " + runId + ", step " + step + ": replay equals live");
                compared++;
            } else {
                assertTrue(step > after.steps().get(after.steps().size() - 1), "run " + runId + ": step " + step
                        + " was analysed, a later snapshot was written, yet its own file is missing");
                liveWithoutFile++;
            }
        }
        return new ReplayCheck(compared, liveWithoutFile, after.steps().size() - compared);
    }

    private static JsonNode withoutTimings(JsonNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove("analysis_seconds");
        copy.remove("seconds");
        return copy;
    }
}
