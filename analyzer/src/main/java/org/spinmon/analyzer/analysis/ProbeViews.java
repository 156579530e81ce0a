package org.spinmon.analyzer.analysis;

import java.util.List;
import org.spinmon.analyzer.freezing.FreezingLayer;
import org.spinmon.analyzer.kernels.KernelLayer;
import org.spinmon.analyzer.landscape.LandscapeAnalysis;

/**
 * The forward-pass views of one snapshot (landscape-and-kernels.md): the layer kernels on the probe batch (§3)
 * the freezing profile (§2) and the input landscape (§1). An empty list or a {@code null} landscape means the view
 * was not computed; the analysis' reasons say why (the landscape runs on every K-th snapshot only).
 *
 * @param kernels       per hidden layer l = 1 … L − 1
 * @param freezing      per layer l = 1 … L
 * @param solidFraction the fraction of layers labelled solid among those with a label; NaN before any label
 * @param landscape     the input landscape, or {@code null} when not sampled on this snapshot
 */
public record ProbeViews(List<KernelLayer> kernels, List<FreezingLayer> freezing, double solidFraction,
                         LandscapeAnalysis landscape) {

    /** No view computed. */
    public static final ProbeViews NONE = new ProbeViews(List.of(), List.of(), Double.NaN, null);

    /** Copies the lists in. */
    public ProbeViews {
        kernels = List.copyOf(kernels);
        freezing = List.copyOf(freezing);
    }

    /** @return these views with the freezing profile's solid labels and fraction set */
    public ProbeViews withFreezing(List<FreezingLayer> labelled, double fraction) {
        return new ProbeViews(kernels, labelled, fraction, landscape);
    }
}
