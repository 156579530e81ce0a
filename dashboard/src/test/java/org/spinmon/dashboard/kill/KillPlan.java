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

    /** The earliest time kill: the launcher has handed over to the JVM by then on this machine. */
    static final long MIN_MILLIS = 1_000;
    /** The latest time kill: a few seconds into training. */
    static final long MAX_MILLIS = 14_000;
    /** The most final snapshot files a write-triggered kill waits for before it watches for the next write. */
    static final int MAX_SNAPSHOTS = 30;

    /** What triggers a kill. */
    enum Trigger {
        /** A time after the process started, uniform in [{@link #MIN_MILLIS}, {@link #MAX_MILLIS}]. */
        TIME,
        /**
         * A snapshot write in progress: once {@code afterSnapshots} snapshot files are on disk, the moment a
         * temporary file appears in {@code snapshots/}.
         */
        WRITE
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

    /** @return {@code count} kills from {@code seed}: odd ones on a write, even ones at a time */
    static KillPlan of(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Kill> kills = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            long millis = random.nextLong(MIN_MILLIS, MAX_MILLIS + 1);
            int after = random.nextInt(1, MAX_SNAPSHOTS + 1);
            kills.add(i % 2 == 1 ? new Kill(i, Trigger.WRITE, 0, after) : new Kill(i, Trigger.TIME, millis, 0));
        }
        return new KillPlan(List.copyOf(kills));
    }
}
