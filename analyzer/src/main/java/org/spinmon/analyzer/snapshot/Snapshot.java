package org.spinmon.analyzer.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The weights of a network at one moment of training: the unit of data that flows from the trainer to the
 * analyzer and to disk.
 *
 * <p>The layers are the L weight matrices in order, W^(1) … W^(L); they chain (nOut of layer k equals nIn
 * of layer k+1), so they define L+1 spin layers of widths N_0 = nIn of W^(1), N_l = nOut of W^(l)
 * (spin-model.md §2.1).
 *
 * <p>Replica mode: a run may train R ≥ 2 replicas of the network from the same initial weights on different
 * data orders. Replica 1 is {@code layers}; {@code replicas} holds replicas 2 … R, each with exactly the
 * names, activations, shapes and bias presence of {@code layers}, so that neuron i of a layer is neuron i in
 * every replica. The training state (step, epoch, loss, accuracy, time) is shared; loss and accuracy are
 * replica 1's. A snapshot of a single network has no replicas.
 *
 * @param runId    the run's id: 1–128 characters from {@code [A-Za-z0-9._-]}, not starting with a dot
 * @param step     optimizer steps taken before this snapshot, ≥ 0 (0 = the untrained network)
 * @param epoch    epochs completed, fractional (step / steps per epoch), finite and ≥ 0
 * @param loss     the training loss at this step; NaN when not measured, ±∞ allowed (a diverging run)
 * @param accuracy test accuracy as a ratio in [0, 1], or NaN when not measured at this snapshot
 * @param time     wall-clock time the snapshot was taken
 * @param layers   the weight matrices W^(1) … W^(L) of replica 1, at least one, chaining
 * @param replicas the weight matrices of replicas 2 … R, each shaped as {@code layers}; empty for one network
 */
public record Snapshot(String runId, long step, double epoch, double loss, double accuracy, Instant time,
                       List<Layer> layers, List<List<Layer>> replicas) {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    /** Validates every field; the comparisons are written so that NaN fails them where NaN is not allowed. */
    public Snapshot {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(layers, "layers");
        Objects.requireNonNull(replicas, "replicas");
        checkRunId(runId);
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, was " + step);
        }
        if (!(epoch >= 0) || Double.isInfinite(epoch)) {
            throw new IllegalArgumentException("epoch must be finite and >= 0, was " + epoch);
        }
        if (!Double.isNaN(accuracy) && !(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("accuracy must be in [0, 1] or NaN, was " + accuracy);
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a snapshot needs at least one layer");
        }
        for (int k = 1; k < layers.size(); k++) {
            Layer lower = layers.get(k - 1);
            Layer upper = layers.get(k);
            if (lower.nOut() != upper.nIn()) {
                throw new IllegalArgumentException("layers do not chain: layer " + k + " has nOut " + lower.nOut()
                        + " but layer " + (k + 1) + " has nIn " + upper.nIn());
            }
        }
        replicas = replicas.stream().map(List::copyOf).toList();
        for (int r = 0; r < replicas.size(); r++) {
            checkReplica(layers, replicas.get(r), r + 2);
        }
    }

    /** A snapshot of a single network: no replicas. */
    public Snapshot(String runId, long step, double epoch, double loss, double accuracy, Instant time,
                    List<Layer> layers) {
        this(runId, step, epoch, loss, accuracy, time, layers, List.of());
    }

    private static void checkReplica(List<Layer> first, List<Layer> replica, int number) {
        if (replica.size() != first.size()) {
            throw new IllegalArgumentException("replica " + number + " has " + replica.size() + " layers but replica 1"
                    + " has " + first.size());
        }
        for (int k = 0; k < first.size(); k++) {
            Layer a = first.get(k);
            Layer b = replica.get(k);
            if (!a.name().equals(b.name()) || !a.activation().equals(b.activation()) || a.nIn() != b.nIn()
                    || a.nOut() != b.nOut() || a.hasBias() != b.hasBias()) {
                throw new IllegalArgumentException("layer " + (k + 1) + " of replica " + number + " is " + b
                        + " but in replica 1 it is " + a + ": replicas must have the same names, activations,"
                        + " shapes and biases");
            }
        }
    }

    /** @return whether {@code runId} is a run id, as {@link #checkRunId} checks it */
    public static boolean isRunId(String runId) {
        return RUN_ID.matcher(runId).matches();
    }

    /**
     * Checks a run id: it names a directory and labels metrics, so it is short and plain.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String checkRunId(String runId) {
        if (!isRunId(runId)) {
            throw new IllegalArgumentException("run id must be 1-128 characters from [A-Za-z0-9._-], not starting"
                    + " with a dot, was \"" + runId + "\"");
        }
        return runId;
    }

    /** @return L, the number of weight matrices */
    public int depth() {
        return layers.size();
    }

    /** @return the spin-layer widths N_0 … N_L */
    public int[] widths() {
        int[] widths = new int[layers.size() + 1];
        widths[0] = layers.get(0).nIn();
        for (int k = 0; k < layers.size(); k++) {
            widths[k + 1] = layers.get(k).nOut();
        }
        return widths;
    }

    /** @return R, the number of replicas: 1 (the network of {@code layers}) + {@code replicas.size()} */
    public int replicaCount() {
        return 1 + replicas.size();
    }

    /**
     * @return the number of weights of one network, Σ_l N_{l−1}·N_l: the size of what the analysis of
     *         {@code layers} works on (a snapshot with replicas holds {@link #replicaCount()} times as many)
     */
    public long weightCount() {
        return layers.stream().mapToLong(l -> (long) l.nIn() * l.nOut()).sum();
    }

    /** @return the largest |weight| or |bias| over all layers of every replica (NaN if one is NaN) */
    public double largestMagnitude() {
        double largest = 0;
        for (Layer layer : layers) {
            largest = Math.max(largest, layer.largestMagnitude());
        }
        for (List<Layer> replica : replicas) {
            for (Layer layer : replica) {
                largest = Math.max(largest, layer.largestMagnitude());
            }
        }
        return largest;
    }

    /**
     * @return the number of NaN or infinite weights and biases over all layers of every replica: a snapshot is
     *         finite only when all the networks it holds are, since a diverged replica spoils every comparison
     *         with it even when replica 1 is still finite
     */
    public long nonFiniteCount() {
        return layers.stream().mapToLong(Layer::nonFiniteCount).sum()
                + replicas.stream().flatMap(List::stream).mapToLong(Layer::nonFiniteCount).sum();
    }
}
