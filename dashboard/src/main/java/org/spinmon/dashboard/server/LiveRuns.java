package org.spinmon.dashboard.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The runs this process is monitoring (a training run or a replay), with their analyses as JSON lines in step
 * order, for the HTTP API. Thread-safe: the analysis stream appends, the server reads.
 */
public final class LiveRuns {

    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    /** One monitored run: its mode ({@code live} or {@code replay}), state and analyses. */
    public static final class Run {
        private final String id;
        private final String mode;
        private final List<String> analyses = new ArrayList<>();
        private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
        private volatile String state = "running";
        private volatile Supplier<String> health = () -> "{}";

        private Run(String id, String mode) {
            this.id = id;
            this.mode = mode;
        }

        /** @return the run id */
        public String id() {
            return id;
        }

        /** @return {@code live} or {@code replay} */
        public String mode() {
            return mode;
        }

        /** @return {@code running}, {@code finished} or {@code failed} */
        public String state() {
            return state;
        }

        /** Appends one analysis as a JSON line and hands it to every listener. */
        public synchronized void add(String json) {
            analyses.add(json);
            listeners.forEach(l -> l.accept(json));
        }

        /**
         * Registers {@code listener} for the analyses to come and returns those so far, atomically: none is
         * missed or seen twice. The listener runs on the analysis thread and must not block.
         */
        public synchronized List<String> subscribe(Consumer<String> listener) {
            listeners.add(listener);
            return List.copyOf(analyses);
        }

        /** Stops handing analyses to {@code listener}. */
        public void unsubscribe(Consumer<String> listener) {
            listeners.remove(listener);
        }

        /** @return the stream's health as a JSON object (emitted, analysed, dropped, written, …) */
        public String health() {
            return health.get();
        }

        /** Sets where {@link #health()} comes from. */
        public void health(Supplier<String> health) {
            this.health = health;
        }

        /** @return the number of analyses so far */
        public synchronized int count() {
            return analyses.size();
        }

        /** @return a copy of the analyses so far */
        public synchronized List<String> analyses() {
            return List.copyOf(analyses);
        }

        /** Marks the run finished or failed. */
        public void end(boolean failed) {
            state = failed ? "failed" : "finished";
        }
    }

    /** @return a new run entry, replacing any earlier one of the same id */
    public Run start(String id, String mode) {
        Run run = new Run(id, mode);
        runs.put(id, run);
        return run;
    }

    /** @return the run {@code id}, if this process monitors it */
    public Optional<Run> get(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    /** @return every monitored run */
    public List<Run> all() {
        return new ArrayList<>(runs.values());
    }
}
