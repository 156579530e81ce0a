package org.spinmon.dashboard.kill;

import java.nio.file.Path;
import java.util.Locale;

/** The figures of a kill harness run, added up kill by kill, and their report. */
final class KillTally {

    private int kills;
    private int writeTriggered;
    private int timeTriggered;
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

    /** Counts one kill and what it left. */
    void kill(KillPlan.Kill kill, long atMillis, Aftermath after) {
        kills++;
        killMillis += atMillis;
        if (kill.trigger() == KillPlan.Trigger.WRITE) {
            writeTriggered++;
        } else {
            timeTriggered++;
        }
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
    }

    /** Counts one replay of a killed run. */
    void replay(ReplayCheck check) {
        replays++;
        compared += check.compared();
        liveWithoutFile += check.liveWithoutFile();
        fileWithoutLive += check.fileWithoutLive();
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

    /** @return the figures, one per line */
    String report(long seed, double seconds, String load) {
        return String.format(Locale.ROOT, """
                kill harness: seed %d, %d kills (SIGKILL, exit status 137 each): %d on a snapshot write, %d at a random time; \
                kills %.1f s after the start on average
                  landed during a write (a temporary file left): %d kills; %d snapshot temporaries, %d beside run.json
                  analyses.jsonl cut mid-line: %d kills
                  killed before the run directory existed: %d; before the first snapshot: %d
                  files read back: %d snapshots, %d run.json, %d probe.safetensors, %d whole analysis lines
                  replays: %d (spinmon replay --json, exit 0 but for runs without snapshots), %d analyses compared equal
                    to live; %d published live with the file not yet written; %d files not yet analysed live
                  leftovers removed by the next spinmon train: %d
                  time: %.0f s; load average before: %s
                """, seed, kills, writeTriggered, timeTriggered, kills == 0 ? 0 : killMillis / 1000.0 / kills,
                duringWrite, snapshotLeftovers, otherLeftovers, cutLines, noRunDirectory, noSnapshot, snapshotFiles,
                manifests, probes, analysisLines, replays, compared, liveWithoutFile, fileWithoutLive,
                removedByNextStart, seconds, load);
    }
}
