package org.spinmon.trainer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.spinmon.analyzer.snapshot.Layer;

/**
 * Copies a DL4J network's weight matrices out of ND4J into on-heap float64 {@link Layer}s that share nothing with
 * the network: later updates, workspaces reuse and native deallocation cannot change them.
 *
 * <p>Layer l's weights are its parameter {@code "l_W"}, an nIn × nOut matrix (DL4J stores it as a view of the
 * flattened parameter vector); it is duplicated in C (row-major) order outside any workspace and read out, so
 * that {@code weights[i·nOut + j] = W[i][j]}, the {@link Layer} convention. Biases come from {@code "l_b"} when the
 * layer has them. float32 → float64 is exact.
 */
public final class DetachedWeights {

    private DetachedWeights() {
    }

    /**
     * @param activations the activation name of each layer, in order
     * @return one {@link Layer} per layer of {@code network}, named as DL4J names it
     */
    public static List<Layer> copy(MultiLayerNetwork network, List<String> activations) {
        int depth = network.getnLayers();
        if (activations.size() != depth) {
            throw new IllegalArgumentException(activations.size() + " activation names for " + depth + " layers");
        }
        Map<String, INDArray> params = network.paramTable();
        List<Layer> layers = new ArrayList<>(depth);
        for (int l = 0; l < depth; l++) {
            INDArray w = params.get(l + "_W");
            INDArray b = params.get(l + "_b");
            double[] bias = b == null ? null : values(b);
            layers.add(new Layer(network.getLayer(l).conf().getLayer().getLayerName(), activations.get(l),
                    Math.toIntExact(w.size(0)), Math.toIntExact(w.size(1)), values(w), bias));
        }
        return layers;
    }

    private static double[] values(INDArray view) {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            INDArray copy = view.dup('c');
            double[] values = copy.data().asDouble();
            copy.close();
            return values;
        }
    }
}
