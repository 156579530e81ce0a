package org.spinmon.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * A training thread that meets an {@link Error} ends the stream with a message instead of leaving it waiting: the
 * fault found with ND4J's natives unpacked under a file-size limit (an {@code ExceptionInInitializerError} caused
 * by an {@code UnsatisfiedLinkError}), which Reactor rethrows as fatal when it is passed to the sink unwrapped.
 */
class TrainingFailureTest {

    /** @return what a subscriber behind the monitor's kind of hand-off sees when the producer thread fails with e */
    private static RuntimeException seenBySubscriber(Throwable e) {
        Flux<Integer> produced = Flux.create(sink -> new Thread(() -> TrainingRun.fail(sink, e), "producer").start());
        return assertThrows(RuntimeException.class, () -> produced.onBackpressureBuffer(8)
                .publishOn(Schedulers.single()).blockLast(Duration.ofSeconds(30)));
    }

    @Test
    void aLinkageErrorOnTheTrainingThreadEndsTheStreamNamingItsRootCause() {
        ExceptionInInitializerError error = new ExceptionInInitializerError(new RuntimeException(
                "ND4J is probably missing dependencies", new UnsatisfiedLinkError("java.io.IOException: File too large")));
        RuntimeException seen = seenBySubscriber(error);
        TrainingFailedException failed = assertSameType(seen);
        assertSame(error, failed.getCause());
        assertEquals("training failed: ExceptionInInitializerError, caused by UnsatisfiedLinkError:"
                + " java.io.IOException: File too large", failed.getMessage());
    }

    @Test
    void runningOutOfMemorySaysHowToGiveTheJvmMore() {
        TrainingFailedException failed = assertSameType(seenBySubscriber(new OutOfMemoryError("Java heap space")));
        assertEquals("training ran out of memory (Java heap space); give the JVM more, e.g. SPINMON_JAVA_OPTS=-Xmx8g,"
                + " or train a smaller network", failed.getMessage());
    }

    @Test
    void exceptionsPassUnchanged() {
        RuntimeException seen = seenBySubscriber(new IllegalStateException("no MNIST"));
        assertEquals("no MNIST", seen.getMessage());
        assertEquals(IllegalStateException.class, seen.getClass());
        IOException io = new IOException("unreadable");
        assertSame(io, seenBySubscriber(io).getCause(), "a checked exception arrives wrapped by block(), unchanged");
    }

    private static TrainingFailedException assertSameType(RuntimeException seen) {
        assertEquals(TrainingFailedException.class, seen.getClass(), String.valueOf(seen));
        return (TrainingFailedException) seen;
    }
}
