package org.spinmon.analyzer.snapshot;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.spinmon.analyzer.safetensors.DType;

/**
 * What a snapshot file says about itself, read from its header alone (no weights loaded): enough to list,
 * sort and describe the snapshots of a run cheaply.
 *
 * @param file          the snapshot file
 * @param formatVersion the snapshot format version in the file
 * @param runId         the run's id
 * @param step          optimizer steps, ≥ 0
 * @param epoch         fractional epoch, ≥ 0
 * @param loss          training loss (NaN when not measured)
 * @param accuracy      test accuracy in [0, 1], NaN when not measured
 * @param time          wall-clock time of the snapshot
 * @param layers        per weight matrix of replica 1: name, activation, shape, element type, whether it has
 *                      biases (every other replica has the same names, activations, shapes and biases)
 * @param replicaCount  R, the number of replicas the file holds: 1 for a single network
 */
public record SnapshotInfo(Path file, int formatVersion, String runId, long step, double epoch, double loss,
                           double accuracy, Instant time, List<LayerInfo> layers, int replicaCount) {

    /** Copies the list in. */
    public SnapshotInfo {
        layers = List.copyOf(layers);
    }

    /**
     * One weight matrix as the header describes it.
     *
     * @param name       the layer's name
     * @param activation its activation name
     * @param nIn        rows (width of the lower spin layer)
     * @param nOut       columns (width of the upper spin layer)
     * @param dtype      element type on disk
     * @param hasBias    whether a bias vector is stored
     */
    public record LayerInfo(String name, String activation, int nIn, int nOut, DType dtype, boolean hasBias) {
    }
}
