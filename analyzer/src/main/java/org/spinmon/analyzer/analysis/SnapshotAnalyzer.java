package org.spinmon.analyzer.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.spinmon.analyzer.heavytail.HeavyTailAnalysis;
import org.spinmon.analyzer.heavytail.HeavyTailAnalyzer;
import org.spinmon.analyzer.heavytail.HeavyTailSettings;
import org.spinmon.analyzer.linalg.EigenPairs;
import org.spinmon.analyzer.linalg.Lanczos;
import org.spinmon.analyzer.linalg.LanczosValues;
import org.spinmon.analyzer.linalg.Spectrum;
import org.spinmon.analyzer.linalg.Vectors;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.spectral.LayerMetrics;
import org.spinmon.analyzer.spectral.LayerSpectra;
import org.spinmon.analyzer.spin.GlassTemperature;
import org.spinmon.analyzer.spin.LayeredCouplings;
import org.spinmon.analyzer.spin.LayeredSkTheory;
import org.spinmon.analyzer.spin.OrderAnalysis;
import org.spinmon.analyzer.spin.OrderTemperature;
import org.spinmon.analyzer.spin.SharedPassCouplings;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.analyzer.spin.TapResult;

/**
 * The analyzer of one snapshot (spin-model.md §8.2): builds the bond matrix J of the snapshot's network and
 * computes, in order, the top eigenpairs of J (λ_max(J), the top eigenvalues, u_1, the outlier count), T_SG,
 * the Hessian scan (T_c,order, T*, min λ_min, v_c), the phase and tc_melt, the layered-SK prediction, the
 * scale-free ratios, the TAP states at τ·tc_melt, the per-layer spectra (for a network too large for the
 * cache, advanced alongside the products with J from the start: {@link SharedPassCouplings}), and the
 * WeightWatcher-compatible heavy-tail metrics (ecosystem.md §2), and the forward-pass views on the run's probe
 * batch (landscape-and-kernels.md: {@link ProbeViews}). Deterministic for a given configuration
 * (every random start and permutation is seeded). Thread-safe: it holds its configuration and, for the views, a
 * cache of the forward passes of the run's first and last analysed snapshots (see {@link ProbeViews}).
 */
public final class SnapshotAnalyzer {

    /**
     * The largest |weight| or |bias| the analysis takes: squares of weights (J∘J for T_SG, the Frobenius norms, the
     * spectra of WᵀW) must stay within float64 with room for sums over every weight. A snapshot beyond it (a
     * damaged file, a diverging float64 run) is reported with every metric undefined and the reason, as one with
     * NaN weights is; float32 snapshots (at most 3.4e38) are always within it.
     */
    public static final double MAX_MAGNITUDE = 1e100;

    private final SpinModelConfig config;
    private final HeavyTailAnalyzer heavyTail;
    private final ProbeViewsAnalyzer views;
    private final Lanczos solver;

    /** An analyzer with the given spin-model settings, the default heavy-tail settings and no probe batch. */
    public SnapshotAnalyzer(SpinModelConfig config) {
        this(config, HeavyTailSettings.DEFAULT);
    }

    /** An analyzer with the given spin-model and heavy-tail settings, default views and no probe batch. */
    public SnapshotAnalyzer(SpinModelConfig config, HeavyTailSettings heavyTail) {
        this(builder(config).heavyTail(heavyTail));
    }

    private SnapshotAnalyzer(Builder b) {
        this.config = b.config;
        this.heavyTail = new HeavyTailAnalyzer(b.heavyTail);
        this.views = new ProbeViewsAnalyzer(b.views, b.probe);
        this.solver = Lanczos.builder().seed(config.seed()).build();
    }

    /** @return a builder of an analyzer with the spin-model settings {@code config} */
    public static Builder builder(SpinModelConfig config) {
        return new Builder(Objects.requireNonNull(config, "config"));
    }

    /** @return the spin-model settings */
    public SpinModelConfig config() {
        return config;
    }

    /** @return the heavy-tail settings */
    public HeavyTailSettings heavyTailSettings() {
        return heavyTail.settings();
    }

    /** @return which forward-pass views are computed */
    public ViewSettings viewSettings() {
        return views.settings();
    }

    /** @return the run's probe batch, if the analyzer has one */
    public Optional<ProbeBatch> probe() {
        return views.probe();
    }

    /**
     * Analyses {@code snapshot}. With a reference (the run's t = 0 snapshot, see {@link #reference}) the
     * change-from-init metrics, the outlier count and tc_melt / T_SG(0) are defined; without one they are NaN.
     */
    public SnapshotAnalysis analyze(Snapshot snapshot, Optional<RunReference> reference) {
        return analyze(snapshot, reference, AnalysisContext.FIRST);
    }

    /** Analyses {@code snapshot} at its place in the run's stream ({@code context}: the previous snapshot, the ordinal). */
    public SnapshotAnalysis analyze(Snapshot snapshot, Optional<RunReference> reference, AnalysisContext context) {
        return analyze(snapshot, reference, false, context);
    }

    /**
     * Analyses a run's first (t = 0) snapshot as its own reference: no outliers above its own edge, no change
     * from itself, tc_melt / T_SG(0) = tc_melt / T_SG. {@link #reference} then gives the reference of the
     * others. One analysis, where analysing without and then with the reference would cost two.
     */
    public SnapshotAnalysis analyzeAsReference(Snapshot snapshot) {
        return analyzeAsReference(snapshot, AnalysisContext.FIRST);
    }

    /** {@link #analyzeAsReference(Snapshot)} at the snapshot's place in the run's stream. */
    public SnapshotAnalysis analyzeAsReference(Snapshot snapshot, AnalysisContext context) {
        return analyze(snapshot, Optional.empty(), true, context);
    }

    private SnapshotAnalysis analyze(Snapshot snapshot, Optional<RunReference> given, boolean isReference,
                                     AnalysisContext context) {
        long start = System.nanoTime();
        // A t = 0 snapshot with NaN or infinite weights fixes nothing: its edge and T_SG are NaN, and comparing with
        // them would make up values (no eigenvalue is above a NaN edge, so 0 outliers).
        Optional<RunReference> reference = given.filter(r -> Double.isFinite(r.edge0()) && Double.isFinite(r.tSg0()));
        String noReference = given.isPresent() && reference.isEmpty()
                ? "the run's t = 0 snapshot has NaN or infinite weights" : "no t = 0 snapshot of the run";
        Map<String, String> reasons = new LinkedHashMap<>();
        Map<String, Double> timings = new LinkedHashMap<>();
        LayeredCouplings couplings = LayeredCouplings.of(snapshot, config.layout());
        int[] sizes = couplings.layerSizes();
        int[] spinLayers = new int[sizes.length];
        for (int l = 0; l < sizes.length; l++) {
            spinLayers[l] = l + (config.layout().includeInput() ? 0 : 1);
        }
        long nonFinite = snapshot.nonFiniteCount();
        if (nonFinite > 0) {
            return undefined(snapshot, spinLayers, sizes, nonFinite + " weights or biases are NaN or infinite");
        }
        double largest = snapshot.largestMagnitude();
        if (largest > MAX_MAGNITUDE) {
            return undefined(snapshot, spinLayers, sizes, String.format(Locale.ROOT, "the largest |weight| or"
                    + " |bias| is %.3e, beyond %.0e: its square would leave the range of float64", largest,
                    MAX_MAGNITUDE));
        }

        // Where passes over J are bound by memory bandwidth, the per-layer spectra ride along them
        // (SharedPassCouplings). Measured: 784-2048-2048-2048-10 5.8 s instead of 6.8 s (random init, no TAP);
        // at 784-1024-1024-1024-10, whose J is read from cache, riding made it slower (1.04 s instead of 0.91 s).
        SharedPassCouplings j = new SharedPassCouplings(couplings);
        List<Layer> snapshotLayers = snapshot.layers();
        LanczosValues[] started = new LanczosValues[snapshotLayers.size()];
        int first = config.layout().includeInput() ? 0 : 1;
        for (int matrix = 0; matrix < couplings.matrices() && couplings.preferredBatch() > 1; matrix++) {
            int l = first + matrix;
            // Matrix 0 lacks the dropped dead-pixel rows of layer 0: its Gram operator is not the layer's.
            boolean sameWeights = l > 0 || config.layout().deadInputs().isEmpty();
            started[l] = sameWeights ? LayerSpectra.start(snapshotLayers.get(l), solver) : null;
            if (started[l] != null) {
                j.ride(matrix, started[l]);
            }
        }

        long t = System.nanoTime();
        int k = Math.min(j.size(), Math.max(config.topEigenvalues(), reference.isPresent() ? config.outlierK() : 1));
        EigenPairs top = solver.solve(j.operator(), k, Spectrum.LARGEST, null);
        timings.put("spectrum_j", seconds(t));

        t = System.nanoTime();
        double tSg = GlassTemperature.of(j, solver);
        timings.put("t_sg", seconds(t));
        if (isReference) {
            reference = Optional.of(new RunReference(snapshot, top.value(0), tSg));
        }
        double edge0 = reference.map(RunReference::edge0).orElse(Double.NaN);
        t = System.nanoTime();
        while (reference.isPresent() && top.size() < j.size()
                && top.value(top.size() - 1) > (1 + config.epsOutlier()) * edge0) {
            top = solver.solve(j.operator(), Math.min(j.size(), 2 * top.size()), Spectrum.LARGEST, null);
        }
        double lambdaMax = top.value(0);
        double[] lambdaJ = Arrays.copyOf(top.values(), Math.min(config.topEigenvalues(), top.size()));
        double outliers = Double.NaN;
        if (reference.isPresent()) {
            outliers = Arrays.stream(top.values()).filter(v -> v > (1 + config.epsOutlier()) * edge0).count();
        } else {
            reasons.put("outliers_j", noReference + " to fix the bulk edge");
        }
        timings.merge("spectrum_j", seconds(t), Double::sum);

        t = System.nanoTime();
        OrderTemperature order = OrderAnalysis.orderTemperature(j, lambdaMax, config);
        timings.put("hessian", seconds(t));
        double tcOrder = order.tcOrder();
        if (order.reason() != null) {
            reasons.put("tc_order", order.reason());
        }
        double tcMelt = Double.isNaN(tcOrder) ? tSg : Math.max(tSg, tcOrder);
        Phase phase = !Double.isNaN(tcOrder) && tcOrder > (1 + config.delta()) * tSg ? Phase.HIDDEN_ORDER : Phase.GLASS;
        double margin = Double.isNaN(tcOrder) ? Double.NaN : tcOrder / tSg - 1;

        double[] vcWeights = new double[sizes.length];
        double overlapTop = Double.NaN;
        double[] vc = order.vc();
        if (vc != null) {
            int offset = 0;
            for (int l = 0; l < sizes.length; l++) {
                double sum = 0;
                for (int i = offset; i < offset + sizes[l]; i++) {
                    sum += vc[i] * vc[i];
                }
                vcWeights[l] = sum;
                offset += sizes[l];
            }
            overlapTop = Math.abs(Vectors.dot(vc, top.vector(0)));
        } else {
            Arrays.fill(vcWeights, Double.NaN);
            reasons.put("vc_layer_weight", "no hidden-order crossing, so no order pattern v_c");
            reasons.put("vc_overlap_top_j", "no hidden-order crossing, so no order pattern v_c");
        }

        double tcInit = LayeredSkTheory.criticalTemperature(couplings);
        double overInit = reference.map(r -> tcMelt / r.tSg0()).orElse(Double.NaN);
        if (reference.isEmpty()) {
            reasons.put("tc_melt_over_init", noReference);
        }
        double overRms = tcMelt / rmsWeight(snapshot);

        t = System.nanoTime();
        List<TapResult> tap = new ArrayList<>();
        for (double tau : config.taus()) {
            tap.add(OrderAnalysis.tap(j, tau, tau * tcMelt, vc, config, solver));
        }
        timings.put("tap", seconds(t));

        t = System.nanoTime();
        List<LayerMetrics> layers = new ArrayList<>();
        List<Layer> initialLayers = reference.map(r -> r.initial().layers())
                .filter(l -> l.size() == snapshot.layers().size()).orElse(null);
        for (int l = 0; l < snapshot.layers().size(); l++) {
            Layer initial = initialLayers == null ? null : initialLayers.get(l);
            layers.add(LayerSpectra.of(l + 1, snapshot.layers().get(l), initial, solver, started[l]));
        }
        if (reference.isEmpty()) {
            reasons.put("layer_rel_change_from_init", noReference);
            reasons.put("layer_update_spectral_norm", noReference);
        }
        timings.put("layers", seconds(t));

        HeavyTailAnalysis ww = null;
        if (heavyTail.settings().enabled()) {
            t = System.nanoTime();
            ww = heavyTail.analyze(snapshot);
            timings.put("heavy_tail", seconds(t));
            ww.skipped().forEach((layer, why) -> reasons.put("ww_layer_" + layer, why));
        } else {
            reasons.put("ww", "heavy-tail metrics switched off");
        }
        ProbeViews probeViews = views.analyze(snapshot, reference.map(RunReference::initial), noReference, context,
                reasons, timings);
        timings.put("total", seconds(start));

        return new SnapshotAnalysis(snapshot.runId(), snapshot.step(), snapshot.epoch(), snapshot.loss(),
                snapshot.accuracy(), snapshot.time(), spinLayers, sizes, tcMelt, tSg, tcOrder, order.tStar(),
                order.minLambda(), phase, margin, lambdaMax, lambdaJ, tcInit, overInit, overRms, outliers, overlapTop,
                vcWeights, layers, tap, ww, probeViews, reasons, timings);
    }

    /** @return the reference that {@code initial} (a run's t = 0 snapshot) and its analysis fix */
    public static RunReference reference(Snapshot initial, SnapshotAnalysis analysis) {
        return new RunReference(initial, analysis.lambdaMaxJ(), analysis.tSg());
    }

    private SnapshotAnalysis undefined(Snapshot s, int[] spinLayers, int[] sizes, String reason) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String metric : new String[]{"tc_melt", "t_sg", "tc_order", "t_star", "h0_lambda_min", "phase",
                "lambda_max_j", "tc_init_theory", "outliers_j", "tap", "layers", "ww", "views"}) {
            reasons.put(metric, reason);
        }
        double[] nanLayers = new double[sizes.length];
        Arrays.fill(nanLayers, Double.NaN);
        double nan = Double.NaN;
        return new SnapshotAnalysis(s.runId(), s.step(), s.epoch(), s.loss(), s.accuracy(), s.time(), spinLayers, sizes,
                nan, nan, nan, nan, nan, null, nan, nan, new double[0], nan, nan, nan, nan, nan, nanLayers, List.of(),
                List.of(), null, ProbeViews.NONE, reasons, Map.of("total", 0.0));
    }

    private static double rmsWeight(Snapshot s) {
        double sum = 0;
        long n = 0;
        for (Layer layer : s.layers()) {
            for (double w : layer.weights()) {
                sum += w * w;
            }
            n += (long) layer.nIn() * layer.nOut();
        }
        return Math.sqrt(sum / n);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Settings of a {@link SnapshotAnalyzer} beyond the spin model. */
    public static final class Builder {
        private final SpinModelConfig config;
        private HeavyTailSettings heavyTail = HeavyTailSettings.DEFAULT;
        private ViewSettings views = ViewSettings.DEFAULT;
        private ProbeBatch probe;

        private Builder(SpinModelConfig config) {
            this.config = config;
        }

        /** The heavy-tail settings (default {@link HeavyTailSettings#DEFAULT}). */
        public Builder heavyTail(HeavyTailSettings settings) {
            this.heavyTail = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Which forward-pass views to compute (default {@link ViewSettings#DEFAULT}). */
        public Builder views(ViewSettings settings) {
            this.views = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The run's probe batch (default none: the views that need one are NaN with the reason). */
        public Builder probe(ProbeBatch batch) {
            this.probe = batch;
            return this;
        }

        /** @return the analyzer */
        public SnapshotAnalyzer build() {
            return new SnapshotAnalyzer(this);
        }
    }
}
