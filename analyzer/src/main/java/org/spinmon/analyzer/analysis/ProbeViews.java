package org.spinmon.analyzer.analysis;

import java.util.List;
import org.spinmon.analyzer.freezing.FreezingLayer;
import org.spinmon.analyzer.kernels.KernelLayer;

/**
 * The forward-pass views of one snapshot (landscape-and-kernels.md): the layer kernels on the probe batch (§3)
 * and the freezing profile (§2). An empty list means the view was not computed; the analysis' reasons say why.
 *
 * @param kernels       per hidden layer l = 1 … L − 1
 * @param freezing      per layer l = 1 … L
 * @param solidFraction the fraction of layers labelled solid among those with a label; NaN before any label
 */
public record ProbeViews(List<KernelLayer> kernels, List<FreezingLayer> freezing, double solidFraction) {

    /** No view computed. */
    public static final ProbeViews NONE = new ProbeViews(List.of(), List.of(), Double.NaN);

    /** Copies the lists in. */
    public ProbeViews {
        kernels = List.copyOf(kernels);
        freezing = List.copyOf(freezing);
    }

    /** @return these views with the freezing profile's solid labels and fraction set */
    public ProbeViews withFreezing(List<FreezingLayer> labelled, double fraction) {
        return new ProbeViews(kernels, labelled, fraction);
    }
}
