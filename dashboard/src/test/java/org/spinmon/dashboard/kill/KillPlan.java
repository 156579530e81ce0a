package org.spinmon.dashboard.kill;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The seeded plan of a kill harness: for each kill, what triggers it. The seed fixes the plan (which trigger, which
 * delay, after how many snapshots), not the byte at which a kill lands: that depends on the machine's timing.
 *
 * @param kills the kills, in order
 */
record KillPlan(List<Kill> kills) {

    /** The earliest time kill. */
    static final long MIN_MILLIS = 300;
    /** The latest time kill: a few seconds into training. */
    static final long MAX_MILLIS = 14_000;
    /** The most final snapshot files a write-triggered kill waits for before it watches for the next write. */
    static final int MAX_SNAPSHOTS = 30;

    /** What triggers a kill. */
    enum Trigger {
        /**
         * A snapshot write in progress: once {@code afterSnapshots} snapshot files are on disk, the moment a
         * temporary file appears in {@code snapshots/}.
         */
        WRITE,
        /**
         * A time after the process started, uniform in [{@link #MIN_MILLIS}, {@link #MAX_MILLIS}]: the startup,
         * training, snapshot writes and appends to analyses.jsonl alike.
         */
        TIME,
        /** The moment the run directory appears, before or while run.json is written. */
        RUN_DIRECTORY,
        /** The moment the probe batch's temporary file appears: its write in progress. */
        PROBE_WRITE
    }

    /**
     * One kill.
     *
     * @param index          its number, from 1
     * @param trigger        what triggers it
     * @param millis         for {@link Trigger#TIME}: when, after the process started
     * @param afterSnapshots for {@link Trigger#WRITE}: how many snapshot files to wait for first
     */
    record Kill(int index, Trigger trigger, long millis, int afterSnapshots) {
    }

    /**
     * @return {@code count} kills from {@code seed}, in a cycle of eight: four on a snapshot write, two at a time,
     *         one as the run directory appears, one on the probe batch's write
     */
    static KillPlan of(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Kill> kills = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            long millis = random.nextLong(MIN_MILLIS, MAX_MILLIS + 1);
            int after = random.nextInt(1, MAX_SNAPSHOTS + 1);
            kills.add(switch (i % 8) {
                case 2, 6 -> new Kill(i, Trigger.TIME, millis, 0);
                case 4 -> new Kill(i, Trigger.RUN_DIRECTORY, 0, 0);
                case 0 -> new Kill(i, Trigger.PROBE_WRITE, 0, 0);
                default -> new Kill(i, Trigger.WRITE, 0, after);
            });
        }
        return new KillPlan(List.copyOf(kills));
    }
}
