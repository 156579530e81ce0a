package org.spinmon.trainer.train;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;

/**
 * A DL4J training listener that records the network as a {@link Snapshot} after every optimizer step its
 * {@link SnapshotSchedule} names, and hands it to a consumer on the training thread.
 *
 * <p>DL4J calls {@link #iterationDone} after each parameter update with the 0-based index of that update, so
 * the step (updates done) is iteration + 1; the network must be fresh (iteration count 0) when training starts.
 * Step 0, the untrained network, is recorded by the trainer through {@link #record} before the first update.
 *
 * <p>Replicas: the listener is attached to replica 1 and also copies the other replicas it was given. They must
 * have taken as many steps as replica 1 whenever it records, so a trainer steps them before replica 1 (whose
 * update then fires {@link #iterationDone}). Without other replicas nothing more is copied than replica 1.
 *
 * <p>Each snapshot holds:
 * <ul>
 *   <li>the weights (and biases, when the layers have them) of replica 1 and of every other replica, copied out by
 *       {@link DetachedWeights};</li>
 *   <li>the fractional epoch, step / steps per epoch;</li>
 *   <li>replica 1's loss, as the caller passes it: in {@link #iterationDone} DL4J's {@code score()}, the mean
 *       cross-entropy (nats per example) of step s's minibatch as computed in that step's forward pass, that is
 *       with the weights before the update;</li>
 *   <li>the accuracy of replica 1 from the accuracy function (test-set accuracy, a ratio in [0, 1]) at epoch ends
 *       and at the last step always, at every snapshot when {@code testAtSnapshots}, else NaN;</li>
 *   <li>the wall-clock time at which the weights were copied.</li>
 * </ul>
 */
public final class SnapshotListener extends BaseTrainingListener {

    private final String runId;
    private final SnapshotSchedule schedule;
    private final List<String> activations;
    private final List<MultiLayerNetwork> others;
    private final ToDoubleFunction<MultiLayerNetwork> accuracy;
    private final boolean testAtSnapshots;
    private final Consumer<Snapshot> out;
    private double lastAccuracy = Double.NaN;

    /**
     * @param runId           the run id every snapshot carries
     * @param schedule        the steps to record
     * @param activations     the activation name of each layer, in order
     * @param others          replicas 2 … R, networks of replica 1's configuration; empty for a single network
     * @param accuracy        measures the network's accuracy, a ratio in [0, 1]
     * @param testAtSnapshots whether to measure the accuracy at every snapshot rather than at epoch ends and the
     *                        last step only
     * @param out             receives each snapshot on the training thread; training waits while it runs
     */
    public SnapshotListener(String runId, SnapshotSchedule schedule, List<String> activations,
                            List<MultiLayerNetwork> others, ToDoubleFunction<MultiLayerNetwork> accuracy,
                            boolean testAtSnapshots, Consumer<Snapshot> out) {
        this.runId = Snapshot.checkRunId(runId);
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.activations = List.copyOf(activations);
        this.others = List.copyOf(others);
        this.accuracy = Objects.requireNonNull(accuracy, "accuracy");
        this.testAtSnapshots = testAtSnapshots;
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Records a snapshot when the step that just finished, iteration + 1, is scheduled. */
    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        long step = iteration + 1L;
        if (schedule.at(step)) {
            if (!(model instanceof MultiLayerNetwork network)) {
                throw new IllegalArgumentException("SnapshotListener records MultiLayerNetworks, not "
                        + model.getClass().getName());
            }
            record(network, step, model.score());
        }
    }

    /**
     * Records {@code network} (replica 1) and the other replicas as they are now, after {@code step} updates, with
     * replica 1's training loss, and hands the snapshot to the consumer.
     */
    public void record(MultiLayerNetwork network, long step, double loss) {
        Instant time = Instant.now();
        List<Layer> layers = DetachedWeights.copy(network, activations);
        List<List<Layer>> replicas = others.stream().map(other -> DetachedWeights.copy(other, activations)).toList();
        double measured = Double.NaN;
        if (testAtSnapshots || schedule.epochEnd(step) || step == schedule.lastStep()) {
            measured = accuracy.applyAsDouble(network);
            lastAccuracy = measured;
        }
        out.accept(new Snapshot(runId, step, schedule.epoch(step), loss, measured, time, layers, replicas));
    }

    /** @return the most recently measured accuracy, NaN before the first measurement */
    public double lastAccuracy() {
        return lastAccuracy;
    }
}
