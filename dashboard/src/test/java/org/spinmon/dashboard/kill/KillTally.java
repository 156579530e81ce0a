package org.spinmon.dashboard.kill;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** The figures of a kill harness run, added up kill by kill, and their report. */
final class KillTally {

    private int kills;
    private final Map<KillPlan.Trigger, Integer> triggers = new EnumMap<>(KillPlan.Trigger.class);
    private int noManifest;
    private int duringWrite;
    private int snapshotLeftovers;
    private int otherLeftovers;
    private int cutLines;
    private int noRunDirectory;
    private int noSnapshot;
    private int snapshotFiles;
    private int manifests;
    private int probes;
    private int analysisLines;
    private int replays;
    private int compared;
    private int liveWithoutFile;
    private int fileWithoutLive;
    private int removedByNextStart;
    private long killMillis;
    private final List<String> lines = new ArrayList<>();

    /** Counts one kill and what it left. */
    void kill(KillPlan.Kill kill, long atMillis, Aftermath after) {
        kills++;
        killMillis += atMillis;
        triggers.merge(kill.trigger(), 1, Integer::sum);
        noManifest += after.exists() && !after.manifest() ? 1 : 0;
        duringWrite += after.leftovers().isEmpty() ? 0 : 1;
        for (Path p : after.leftovers()) {
            if (p.getParent().getFileName().toString().equals("snapshots")) {
                snapshotLeftovers++;
            } else {
                otherLeftovers++;
            }
        }
        cutLines += after.cutLine() ? 1 : 0;
        noRunDirectory += after.exists() ? 0 : 1;
        noSnapshot += after.exists() && after.steps().isEmpty() ? 1 : 0;
        snapshotFiles += after.steps().size();
        manifests += after.manifest() ? 1 : 0;
        probes += after.probe() ? 1 : 0;
        analysisLines += after.analyses().size();
        String trigger = switch (kill.trigger()) {
            case WRITE -> "on the write after " + kill.afterSnapshots() + " snapshot files";
            case TIME -> "at time " + kill.millis() + " ms";
            case RUN_DIRECTORY -> "as the run directory appears";
            case PROBE_WRITE -> "on the probe batch's write";
        };
        lines.add(String.format(Locale.ROOT, "  kill %2d, %s: at %d ms; %s", kill.index(), trigger, atMillis,
                !after.exists() ? "no run directory yet" : (after.manifest() ? "" : "no run.json, ")
                        + (after.probe() ? "" : "no probe, ") + after.steps().size() + " snapshots, "
                        + after.analyses().size() + " analyses" + (after.cutLine() ? " + a cut line" : "")
                        + (after.leftovers().isEmpty() ? "" : ", left " + after.leftovers().stream()
                        .map(p -> p.getFileName().toString()).toList())));
    }

    /** Counts one replay of a killed run. */
    void replay(ReplayCheck check) {
        replays++;
        compared += check.compared();
        liveWithoutFile += check.liveWithoutFile();
        fileWithoutLive += check.fileWithoutLive();
        lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "; replay: " + check.compared() + " equal");
    }

    /** Counts leftovers that a later {@code spinmon train} removed. */
    void removed(int count) {
        removedByNextStart += count;
    }

    /** @return the number of kills that left a temporary file (landed while a file was being written) */
    int duringWrite() {
        return duringWrite;
    }

    /** @return the number of leftovers removed by a later start */
    int removedByNextStart() {
        return removedByNextStart;
    }

    private int count(KillPlan.Trigger trigger) {
        return triggers.getOrDefault(trigger, 0);
    }

    /** @return the figures, one per line */
    String report(long seed, double seconds, String load) {
        return String.format(Locale.ROOT, """
                kill harness: seed %d, %d kills (SIGKILL, exit status 137 each): %d on a snapshot write, %d at a random \
                time, %d as the run directory appears, %d on the probe batch's write; \
                at %.1f s after the start on average
                  landed during a write (a temporary file left): %d kills; %d snapshot temporaries, %d beside run.json
                  analyses.jsonl cut mid-line: %d kills
                  killed before the run directory existed: %d; before run.json: %d; before the first snapshot: %d
                  files read back: %d snapshots, %d run.json, %d probe.safetensors, %d whole analysis lines
                  replays (spinmon replay --json): %d exit 0, %d exit 1 with "no snapshots" (runs without any); %d \
                analyses compared equal to live; %d published live with the file not yet written; %d files not yet \
                analysed live
                  leftovers removed by the next spinmon train: %d
                  time: %.0f s; load average before: %s
                """, seed, kills, count(KillPlan.Trigger.WRITE), count(KillPlan.Trigger.TIME),
                count(KillPlan.Trigger.RUN_DIRECTORY), count(KillPlan.Trigger.PROBE_WRITE),
                kills == 0 ? 0 : killMillis / 1000.0 / kills, duringWrite, snapshotLeftovers, otherLeftovers, cutLines,
                noRunDirectory, noManifest, noSnapshot, snapshotFiles, manifests, probes, analysisLines,
                replays - noSnapshot, noSnapshot, compared, liveWithoutFile, fileWithoutLive, removedByNextStart,
                seconds, load) + String.join("\n", lines) + "\n";
    }
}
