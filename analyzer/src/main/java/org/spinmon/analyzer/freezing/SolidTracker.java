package org.spinmon.analyzer.freezing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The solid/liquid label of each layer over one run (landscape-and-kernels.md §2, after Yoshino 2020): fed the
 * analysed snapshots in order, a layer is <b>solid</b> (1) when its two-time spin self-overlap with the previous
 * snapshot, C_l(t, t_prev), has been ≥ 1 − ε at each of the last {@code window} snapshots, <b>liquid</b> (0)
 * otherwise, and unlabelled (NaN) until {@code window} values exist. The snapshots are consecutive analysed ones;
 * spinmon's schedule spaces them logarithmically in the step, so the window spans a fixed factor in training
 * time, which is the paper's log-time picture. A NaN overlap (no previous snapshot) is not counted. Not
 * thread-safe: one tracker per run, fed in step order.
 */
public final class SolidTracker {

    private final double epsilon;
    private final int window;
    private final Map<Integer, Deque<Double>> recent = new HashMap<>();

    /**
     * @param epsilon ε in (0, 1), dimensionless
     * @param window  the number of consecutive snapshots, ≥ 1
     */
    public SolidTracker(double epsilon, int window) {
        if (!(epsilon > 0 && epsilon < 1) || window < 1) {
            throw new IllegalArgumentException("solid rule needs epsilon in (0, 1) and a window >= 1, had " + epsilon
                    + " and " + window);
        }
        this.epsilon = epsilon;
        this.window = window;
    }

    /** @return the snapshot's layers with their solid labels, after taking in their C_l(t, t_prev) */
    public List<FreezingLayer> label(List<FreezingLayer> layers) {
        List<FreezingLayer> labelled = new ArrayList<>(layers.size());
        for (FreezingLayer layer : layers) {
            Deque<Double> values = recent.computeIfAbsent(layer.layer(), l -> new ArrayDeque<>());
            if (!Double.isNaN(layer.spinOverlapPrevious())) {
                values.addLast(layer.spinOverlapPrevious());
                if (values.size() > window) {
                    values.removeFirst();
                }
            }
            double label = values.size() < window ? Double.NaN
                    : values.stream().allMatch(c -> c >= 1 - epsilon) ? 1 : 0;
            labelled.add(layer.withSolid(label));
        }
        return labelled;
    }

    /** @return the fraction of labelled layers that are solid, NaN when none is labelled */
    public static double solidFraction(List<FreezingLayer> layers) {
        return layers.stream().mapToDouble(FreezingLayer::solid).filter(v -> !Double.isNaN(v)).average()
                .orElse(Double.NaN);
    }
}
