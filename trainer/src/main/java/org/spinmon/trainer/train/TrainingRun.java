package org.spinmon.trainer.train;

import java.io.IOException;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.trainer.mnist.Mnist;
import reactor.core.publisher.FluxSink;

/**
 * One subscription's training run, executed on its own thread: builds a fresh network (one per replica), trains
 * it on MNIST minibatch by minibatch, emits the scheduled snapshots into the sink (each after waiting for
 * demand), reports progress, and terminates the sink: complete after the last step, error on any failure, nothing
 * when cancelled. An {@link Error} is passed on wrapped in a {@link TrainingFailedException}, which Reactor delivers.
 *
 * <p>With replicas ({@link TrainingConfig#replicas()} &gt; 1) every step advances every replica by one minibatch
 * of its own: replicas 2 … R first, then replica 1, whose {@link SnapshotListener} thus records all of them after
 * the same number of steps. Progress and snapshots report replica 1's loss and accuracy; a NaN loss of any replica
 * ends the run as divergence.
 */
final class TrainingRun implements Runnable {

    /** Examples per minibatch when measuring test accuracy (inference only, so larger than for training). */
    static final int EVALUATION_BATCH = 1000;

    private final TrainingConfig config;
    private final FluxSink<Snapshot> sink;
    private final DemandGate gate;
    private final ProgressMeter progress;

    TrainingRun(TrainingConfig config, FluxSink<Snapshot> sink, DemandGate gate, ProgressMeter progress) {
        this.config = config;
        this.sink = sink;
        this.gate = gate;
        this.progress = progress;
    }

    @Override
    public void run() {
        try {
            train();
            if (!gate.closed()) {
                sink.complete();
            }
        } catch (Throwable e) {
            fail(sink, e);
        }
    }

    /** Ends {@code sink} with {@code e}, an {@link Error} wrapped so that Reactor delivers it instead of rethrowing. */
    static void fail(FluxSink<?> sink, Throwable e) {
        sink.error(e instanceof Error error ? new TrainingFailedException(error) : e);
    }

    private void train() throws IOException {
        Mnist.requireUnpacked(config.mnist());
        SnapshotSchedule schedule = config.schedule();
        List<Replica> replicas = Replica.all(config);
        List<Replica> others = replicas.subList(1, replicas.size());
        MultiLayerNetwork network = replicas.get(0).network();
        DataSetIterator examples = replicas.get(0).examples();
        TestAccuracy accuracy = new TestAccuracy(Mnist.test(config.mnist(), EVALUATION_BATCH, config.testExamples()));
        SnapshotListener listener = new SnapshotListener(config.runId(), schedule, config.network().activationNames(),
                others.stream().map(Replica::network).toList(), accuracy, config.testAtSnapshots(), this::emit);
        network.setListeners(listener);
        long step = 0;
        for (int epoch = 0; epoch < config.epochs() && step < schedule.lastStep(); epoch++) {
            if (epoch > 0) {
                replicas.forEach(replica -> replica.examples().reset());
            }
            while (examples.hasNext() && step < schedule.lastStep()) {
                DataSet batch = examples.next();
                if (step == 0) {
                    double initialLoss = network.score(batch);
                    listener.record(network, 0, initialLoss);
                    progress.step(0, 0, initialLoss, listener.lastAccuracy(), true);
                }
                if (gate.closed()) {
                    return;
                }
                for (Replica other : others) {
                    other.step();
                }
                network.fit(batch);
                step++;
                double loss = network.score();
                progress.step(step, schedule.epoch(step), loss, listener.lastAccuracy(), schedule.at(step));
                if (Double.isNaN(loss) || diverged(others)) {
                    throw new TrainingDivergedException(step, schedule.epoch(step), config.network().learningRate());
                }
            }
        }
    }

    private static boolean diverged(List<Replica> replicas) {
        for (Replica replica : replicas) {
            if (replica.diverged()) {
                return true;
            }
        }
        return false;
    }

    private void emit(Snapshot snapshot) {
        if (gate.awaitDemand()) {
            sink.next(snapshot);
        }
    }
}
