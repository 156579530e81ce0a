package org.spinmon.trainer.train;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.trainer.mnist.ProbeBatches;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Trains an MLP on MNIST and publishes its weight snapshots as a Reactor stream; with
 * {@link TrainingConfig#replicas()} &gt; 1 it trains that many replicas side by side and every snapshot carries all
 * of them ({@link Snapshot#replicas()}).
 *
 * <p>{@link #snapshots()} is cold: each subscription trains a fresh network (same seeds, so the same run) on a
 * new non-daemon thread named {@value #THREAD_NAME} (non-daemon, whatever the subscribing thread is, so that a
 * JVM does not quit in the middle of a run; cancel the subscription to stop it). Snapshots are emitted on that
 * thread at the steps of {@link TrainingConfig#schedule()}, in order, ending with the last step, after which the
 * Flux completes.
 *
 * <p>Demand: before emitting a snapshot the training thread blocks until downstream has outstanding demand, so
 * training never runs ahead of its subscriber. The policy belongs downstream: an
 * {@code onBackpressureBuffer(n, dropped, DROP_OLDEST)} requests without bound and never blocks training, a
 * {@code publishOn(scheduler, n)} makes training wait for the consumer. Emitting without demand would be an
 * error ({@code OverflowStrategy.ERROR}); it cannot happen.
 *
 * <p>Cancellation (dispose) releases a thread waiting for demand and stops training before the next optimizer
 * step; the thread then ends without further signals. Failures (MNIST missing, a NaN loss as
 * {@link TrainingDivergedException}, anything DL4J throws) terminate the Flux with onError.
 *
 * <p>Progress: the progress consumer receives a {@link TrainingProgress} on the training thread at step 0, every
 * {@code progressEvery} steps and at every snapshot step (including the last); it should return quickly.
 */
public final class Trainer {

    /** The name of every training thread. */
    public static final String THREAD_NAME = "spinmon-trainer";
    /** The default progress interval, in optimizer steps. */
    public static final int DEFAULT_PROGRESS_EVERY = 10;

    private final TrainingConfig config;
    private final Consumer<TrainingProgress> progress;
    private final int progressEvery;

    /** A trainer without progress reports. */
    public Trainer(TrainingConfig config) {
        this(config, report -> { }, DEFAULT_PROGRESS_EVERY);
    }

    /**
     * @param progress      receives progress reports on the training thread
     * @param progressEvery report every this many steps (≥ 1), besides step 0 and the snapshot steps
     */
    public Trainer(TrainingConfig config, Consumer<TrainingProgress> progress, int progressEvery) {
        this.config = Objects.requireNonNull(config, "config");
        this.progress = Objects.requireNonNull(progress, "progress");
        if (progressEvery < 1) {
            throw new IllegalArgumentException("progress interval must be >= 1 step, was " + progressEvery);
        }
        this.progressEvery = progressEvery;
    }

    /** @return the cold stream of this run's snapshots; see the class description for threads and demand */
    public Flux<Snapshot> snapshots() {
        return Flux.create(sink -> {
            DemandGate gate = new DemandGate(sink::requestedFromDownstream);
            sink.onRequest(n -> gate.signal());
            sink.onDispose(gate::close);
            ProgressMeter meter = new ProgressMeter(progress, progressEvery, config.totalSteps());
            Thread thread = new Thread(new TrainingRun(config, sink, gate, meter), THREAD_NAME);
            thread.setDaemon(false);
            thread.start();
        }, FluxSink.OverflowStrategy.ERROR);
    }

    /** @return the run's manifest, run.json, for a run started at {@code created} */
    public RunManifest manifest(Instant created) {
        return TrainingManifest.of(config, created);
    }

    /**
     * Draws the run's probe batch from the MNIST test set ({@link ProbeBatches#fromTestSet} with the configured size
     * and seed); the same every time for the same configuration.
     *
     * @return the batch, or empty when the configuration has none
     * @throws IOException when the MNIST test files cannot be read
     */
    public Optional<ProbeBatch> probeBatch() throws IOException {
        ProbeConfig probe = config.probe();
        if (!probe.enabled()) {
            return Optional.empty();
        }
        return Optional.of(ProbeBatches.fromTestSet(config.mnist(), probe.size(), probe.seed()));
    }

    /** @return the configuration */
    public TrainingConfig config() {
        return config;
    }
}
