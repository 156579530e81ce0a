package org.spinmon.trainer.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

/**
 * Observes threads for the demand tests: whether a thread is parked in {@link DemandGate#awaitDemand()}, and
 * the live training thread. The waits have a generous limit only so that a broken build fails instead of hanging.
 */
final class ParkedThreads {

    private static final long LIMIT_NANOS = 120_000_000_000L;

    private ParkedThreads() {
    }

    /** Returns once {@code thread} is parked waiting for demand; fails if it ends instead. */
    static void awaitParkedInGate(Thread thread) throws InterruptedException {
        long start = System.nanoTime();
        while (!(thread.getState() == Thread.State.WAITING && inGate(thread))) {
            assertTrue(thread.isAlive(), "the thread ended instead of waiting for demand");
            if (System.nanoTime() - start > LIMIT_NANOS) {
                fail("the thread never waited for demand");
            }
            Thread.sleep(1);
        }
    }

    /** @return the one live thread named {@value Trainer#THREAD_NAME} */
    static Thread trainingThread() {
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(Trainer.THREAD_NAME) && t.isAlive()).toList();
        assertTrue(threads.size() == 1, "live training threads: " + threads);
        return threads.get(0);
    }

    /** Fails unless {@code thread} ends within the limit. */
    static void assertEnds(Thread thread) throws InterruptedException {
        thread.join(LIMIT_NANOS / 1_000_000);
        assertTrue(!thread.isAlive(), "the training thread is still running: " + thread.getState());
    }

    private static boolean inGate(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(DemandGate.class.getName())
                    && frame.getMethodName().equals("awaitDemand")) {
                return true;
            }
        }
        return false;
    }
}
