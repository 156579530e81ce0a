package org.spinmon.dashboard.cli;

import java.io.PrintWriter;
import java.time.Duration;
import org.spinmon.dashboard.server.Scrapes;

/**
 * Before a monitored run's process exits: when something has scraped {@code /metrics} during the run, waits for
 * its next scrape, so that the final counters (a divergence's non-finite snapshot, write failures, drops) reach
 * Prometheus and its alerts. The wait is bounded by twice the longest gap seen between scrapes (at least
 * {@link #MIN}, at most {@link #MAX}; {@link #MAX} when only one scrape was seen). Nothing waits when nothing
 * scraped.
 */
final class FinalScrape {

    static final Duration MIN = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);

    private FinalScrape() {
    }

    /** @return how long to wait for the next scrape after {@code scrapes}, zero when nothing scraped */
    static Duration bound(Scrapes scrapes) {
        if (scrapes.count() == 0) {
            return Duration.ZERO;
        }
        if (scrapes.count() == 1) {
            return MAX;
        }
        Duration twice = scrapes.longestGap().multipliedBy(2);
        return twice.compareTo(MIN) < 0 ? MIN : twice.compareTo(MAX) > 0 ? MAX : twice;
    }

    /** Waits as {@link #bound} says, telling {@code err} why. */
    static void await(Scrapes scrapes, PrintWriter err, String who) throws InterruptedException {
        Duration bound = bound(scrapes);
        if (bound.isZero()) {
            return;
        }
        err.println(who + ": waiting up to " + Math.max(1, bound.toSeconds()) + " s for the next scrape of /metrics,"
                + " so that the final counts reach Prometheus");
        err.flush();
        if (!scrapes.awaitNext(bound)) {
            err.println(who + ": no scrape came; the final counts are in the summary above");
        }
    }
}
