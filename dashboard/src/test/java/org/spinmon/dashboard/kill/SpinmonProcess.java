package org.spinmon.dashboard.kill;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code ./spinmon} process, as a user starts it (the repository's launcher, which {@code exec}s the JVM, so
 * that the process is the JVM itself), with its standard output and error collected.
 */
final class SpinmonProcess {

    /** The exit status of a process ended by SIGKILL (128 + 9). */
    static final int SIGKILL_STATUS = 137;

    private final Process process;
    private final long started;
    private final CompletableFuture<String> out;
    private final CompletableFuture<String> err;

    private SpinmonProcess(Process process, long started) {
        this.process = process;
        this.started = started;
        this.out = drain(process.getInputStream());
        this.err = drain(process.getErrorStream());
    }

    /** Starts {@code ./spinmon args...} from the repository at {@code root}, with one OpenMP thread. */
    static SpinmonProcess start(Path root, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("spinmon").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OMP_NUM_THREADS", "1");
        long started = System.nanoTime();
        Process p = builder.start();
        p.getOutputStream().close();
        return new SpinmonProcess(p, started);
    }

    /** @return milliseconds since the process was started */
    long millis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** @return whether the process still runs */
    boolean alive() {
        return process.isAlive();
    }

    /** @return whether the process is the JVM by now (the launcher has {@code exec}ed java), or has ended */
    boolean isJvmOrEnded() {
        return !process.isAlive() || process.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /**
     * Kills the process with SIGKILL ({@link Process#destroyForcibly()} on Linux), waits for it to end.
     *
     * @return its exit status
     */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("spinmon did not end after SIGKILL");
        }
        return process.exitValue();
    }

    /** Waits for the process to end by itself; @return its exit status */
    int await(long minutes) throws InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("spinmon did not finish within " + minutes + " minutes");
        }
        return process.exitValue();
    }

    /** @return all the standard output, once the process has ended */
    String out() {
        return out.join();
    }

    /** @return all the standard error, once the process has ended */
    String err() {
        return err.join();
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread t = new Thread(task, "spinmon-output");
            t.setDaemon(true);
            t.start();
        });
    }
}
