package org.spinmon.analyzer.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.spinmon.analyzer.freezing.FreezingLayer;
import org.spinmon.analyzer.freezing.Overlaps;
import org.spinmon.analyzer.kernels.KernelReference;
import org.spinmon.analyzer.kernels.LayerKernels;
import org.spinmon.analyzer.landscape.InputLandscape;
import org.spinmon.analyzer.landscape.LandscapeAnalysis;
import org.spinmon.analyzer.probe.ForwardNetwork;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;

/**
 * Computes a snapshot's {@link ProbeViews}: one forward pass of the probe batch through the snapshot's network,
 * compared with the passes of the run's first snapshot and of the previous analysed one. Those two are kept in
 * one-entry caches (by identity), so that a run analysed in order costs one forward pass per snapshot and the
 * t = 0 kernels are computed once. The input landscape runs on every K-th snapshot of the run (it needs the
 * network only). The solid labels are not set here: they need the run's history, which the stream keeps.
 */
final class ProbeViewsAnalyzer {

    private final ViewSettings settings;
    private final ProbeBatch probe;
    private final double[] inputs;
    private final AtomicReference<Forward> first = new AtomicReference<>();
    private final AtomicReference<Forward> last = new AtomicReference<>();

    ProbeViewsAnalyzer(ViewSettings settings, ProbeBatch probe) {
        this.settings = settings;
        this.probe = probe;
        this.inputs = probe == null ? null : probe.inputs();
    }

    ViewSettings settings() {
        return settings;
    }

    Optional<ProbeBatch> probe() {
        return Optional.ofNullable(probe);
    }

    /**
     * @param initial   the run's t = 0 snapshot, if it has one with finite weights
     * @param noInitial why there is none, for the reasons
     */
    ProbeViews analyze(Snapshot s, Optional<Snapshot> initial, String noInitial, AnalysisContext context,
                       Map<String, String> reasons, Map<String, Double> timings) {
        if (!settings.kernels() && !settings.freezing() && !settings.landscape().enabled()) {
            reasons.put("views", "kernel, freezing and landscape views switched off");
            return ProbeViews.NONE;
        }
        long t = System.nanoTime();
        Forward now;
        try {
            now = forward(s);
        } catch (IllegalArgumentException e) {
            reasons.put("views", "no forward pass: " + e.getMessage());
            return ProbeViews.NONE;
        }
        double forwardSeconds = seconds(t);
        LandscapeAnalysis landscape = landscape(s, now.network, context, reasons, timings);
        t = System.nanoTime();
        if (!settings.kernels() && !settings.freezing()) {
            reasons.put("views", "kernel and freezing views switched off");
            return new ProbeViews(List.of(), List.of(), Double.NaN, landscape);
        }
        if (probe == null) {
            reasons.put("views", "no probe batch: the kernels and spin overlaps need one (weight overlaps do not)");
        } else if (probe.inputDim() != s.layers().get(0).nIn()) {
            reasons.put("views", "the probe batch has inputs of dimension " + probe.inputDim() + " but the network "
                    + s.layers().get(0).nIn());
            return new ProbeViews(List.of(), List.of(), Double.NaN, landscape);
        }
        Absent noStart = new Absent(noInitial);
        Forward start = initial.map(i -> cached(first, i, "the run's t = 0 snapshot", noStart)).orElse(null);
        Absent noBefore = new Absent("the run's first analysed snapshot has no previous one");
        Forward before = context.previous() == null ? null
                : cached(last, context.previous(), "the previous snapshot (step " + context.previous().step() + ")",
                noBefore);
        last.set(now);
        timings.put("forward", forwardSeconds + seconds(t));

        List<org.spinmon.analyzer.kernels.KernelLayer> kernels = List.of();
        if (settings.kernels() && now.activations != null) {
            t = System.nanoTime();
            kernels = LayerKernels.of(now.activations, start == null ? null : start.kernels(), probe);
            if (start == null) {
                reasons.put("layer_kernel_change", noStart.why);
            }
            timings.put("kernels", seconds(t));
        } else if (!settings.kernels()) {
            reasons.put("kernels", "kernel view switched off");
        }
        List<FreezingLayer> freezing = List.of();
        if (settings.freezing()) {
            t = System.nanoTime();
            freezing = freezing(s, now, before, noBefore.why, start, noStart.why, reasons);
            timings.put("freezing", seconds(t));
        } else {
            reasons.put("freezing", "freezing view switched off");
        }
        return new ProbeViews(kernels, freezing, Double.NaN, landscape);
    }

    private LandscapeAnalysis landscape(Snapshot s, ForwardNetwork net, AnalysisContext context,
                                        Map<String, String> reasons, Map<String, Double> timings) {
        if (!settings.landscape().enabled()) {
            reasons.put("landscape", "input landscape switched off");
            return null;
        }
        if (!settings.landscapeAt(context.ordinal())) {
            reasons.put("landscape", "sampled when the snapshot's number in the run is a multiple of "
                    + settings.landscape().every() + "; this is snapshot " + context.ordinal());
            return null;
        }
        long t = System.nanoTime();
        try {
            LandscapeAnalysis sampled = InputLandscape.sample(net, settings.landscape(), s.step());
            sampled.points().stream().filter(p -> !p.equilibrated()).forEach(p -> reasons.put("landscape_class_"
                    + p.classIndex() + "_beta_" + p.beta(), p.reason()));
            return sampled;
        } catch (IllegalArgumentException e) {
            reasons.put("landscape", e.getMessage());
            return null;
        } finally {
            timings.put("landscape", seconds(t));
        }
    }

    private List<FreezingLayer> freezing(Snapshot s, Forward now, Forward before, String noBefore, Forward start,
                                         String noStart, Map<String, String> reasons) {
        if (before == null) {
            reasons.put("layer_self_overlap_previous", noBefore);
        }
        if (start == null) {
            reasons.put("layer_self_overlap_first", noStart);
        }
        List<List<Layer>> networks = new ArrayList<>();
        networks.add(s.layers());
        networks.addAll(s.replicas());
        List<ForwardNetwork.Activations> passes = new ArrayList<>();
        if (networks.size() < 2) {
            reasons.put("layer_replica_overlap", "not a replica run");
        } else if (now.activations != null) {
            passes.add(now.activations);
            for (List<Layer> replica : s.replicas()) {
                passes.add(ForwardNetwork.of(replica).forward(inputs, probe.size()));
            }
        }
        List<FreezingLayer> layers = new ArrayList<>();
        for (int l = 1; l <= s.depth(); l++) {
            double replicaWeight = Double.NaN;
            double replicaSpin = Double.NaN;
            if (networks.size() >= 2) {
                replicaWeight = 0;
                replicaSpin = passes.isEmpty() ? Double.NaN : 0;
                int pairs = 0;
                for (int a = 0; a < networks.size(); a++) {
                    for (int b = a + 1; b < networks.size(); b++) {
                        replicaWeight += Overlaps.weight(networks.get(a).get(l - 1), networks.get(b).get(l - 1));
                        if (!passes.isEmpty()) {
                            replicaSpin += Overlaps.spin(passes.get(a).pre(l), passes.get(b).pre(l));
                        }
                        pairs++;
                    }
                }
                replicaWeight /= pairs;
                replicaSpin /= pairs;
            }
            layers.add(new FreezingLayer(l, spin(now, before, l), spin(now, start, l), weight(s, before, l),
                    weight(s, start, l), replicaWeight, replicaSpin, Double.NaN));
        }
        return layers;
    }

    private static double spin(Forward now, Forward other, int l) {
        if (other == null || now.activations == null || !sameShapes(now.snapshot, other.snapshot)) {
            return Double.NaN;
        }
        return Overlaps.spin(now.activations.pre(l), other.activations.pre(l));
    }

    private static double weight(Snapshot s, Forward other, int l) {
        if (other == null || !sameShapes(s, other.snapshot)) {
            return Double.NaN;
        }
        return Overlaps.weight(s.layers().get(l - 1), other.snapshot.layers().get(l - 1));
    }

    private static boolean sameShapes(Snapshot a, Snapshot b) {
        if (a.depth() != b.depth()) {
            return false;
        }
        for (int l = 0; l < a.depth(); l++) {
            Layer x = a.layers().get(l);
            Layer y = b.layers().get(l);
            if (x.nIn() != y.nIn() || x.nOut() != y.nOut()) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the forward pass of {@code s} ({@code what}, for the reason), from the cache when it holds it; {@code null}
     *         with the reason in {@code absent} when {@code s} has NaN or infinite weights (its spins and kernels would
     *         be made up: sign(NaN) is a spin too) or the pass is impossible
     */
    private Forward cached(AtomicReference<Forward> cache, Snapshot s, String what, Absent absent) {
        Forward hit = cache.get();
        if (hit != null && hit.snapshot == s) {
            return hit;
        }
        if (s.nonFiniteCount() > 0) {
            absent.why = what + " has NaN or infinite weights";
            return null;
        }
        try {
            Forward computed = forward(s);
            cache.set(computed);
            return computed;
        } catch (IllegalArgumentException e) {
            absent.why = "no forward pass of " + what + ": " + e.getMessage();
            return null;
        }
    }

    private Forward forward(Snapshot s) {
        ForwardNetwork net = ForwardNetwork.of(s);
        ForwardNetwork.Activations a = probe == null || probe.inputDim() != net.widths()[0] ? null
                : net.forward(inputs, probe.size());
        return new Forward(s, net, a);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Why a comparison snapshot is missing; {@link #cached} may replace the default with the real cause. */
    private static final class Absent {
        String why;

        Absent(String why) {
            this.why = why;
        }
    }

    /** A snapshot's pass of the probe batch ({@code null} activations without a probe batch). */
    private static final class Forward {
        final Snapshot snapshot;
        final ForwardNetwork network;
        final ForwardNetwork.Activations activations;
        private KernelReference kernels;

        Forward(Snapshot snapshot, ForwardNetwork network, ForwardNetwork.Activations activations) {
            this.snapshot = snapshot;
            this.network = network;
            this.activations = activations;
        }

        synchronized KernelReference kernels() {
            if (kernels == null && activations != null) {
                kernels = LayerKernels.reference(activations);
            }
            return kernels;
        }
    }
}
