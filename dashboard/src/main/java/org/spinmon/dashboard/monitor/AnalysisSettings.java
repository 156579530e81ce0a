package org.spinmon.dashboard.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.analysis.ViewSettings;
import org.spinmon.analyzer.heavytail.HeavyTailSettings;
import org.spinmon.analyzer.landscape.LandscapeSettings;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.spin.SpinLayout;
import org.spinmon.analyzer.spin.SpinModelConfig;

/**
 * The analysis settings as plain JSON values, kept in run.json under {@code config.analysis} so that a replay
 * analyses with exactly the settings of the live run (and so gives the same numbers): the spin-model knobs by
 * their spin-model.md §8.1 names and the heavy-tail knobs under {@code ww}. A run recorded before the heavy-tail
 * metrics existed has no {@code ww} and is replayed with their defaults; likewise {@code views} (the forward-pass
 * views' switches and solid rule). The probe batch is not here: it is a file of its own in the run directory.
 */
public final class AnalysisSettings {

    /** The key in the manifest's config. */
    public static final String KEY = "analysis";

    private AnalysisSettings() {
    }

    /** The key of the heavy-tail settings inside the analysis settings. */
    public static final String HEAVY_TAIL_KEY = "ww";

    /** The key of the forward-pass view settings inside the analysis settings. */
    public static final String VIEWS_KEY = "views";

    /** @return every knob of {@code analyzer} */
    public static Map<String, Object> toMap(SnapshotAnalyzer analyzer) {
        Map<String, Object> m = toMap(analyzer.config());
        HeavyTailSettings h = analyzer.heavyTailSettings();
        Map<String, Object> ww = new LinkedHashMap<>();
        ww.put("enabled", h.enabled());
        ww.put("min_evals", h.minEvals());
        ww.put("max_evals", h.maxEvals());
        ww.put("max_N", h.maxN());
        ww.put("mp_fit", h.mpFit());
        ww.put("randomize_every", h.randomizeEvery());
        ww.put("seed", h.seed());
        m.put(HEAVY_TAIL_KEY, ww);
        ViewSettings v = analyzer.viewSettings();
        Map<String, Object> views = new LinkedHashMap<>();
        views.put("kernels", v.kernels());
        views.put("freezing", v.freezing());
        views.put("solid_epsilon", v.solidEpsilon());
        views.put("solid_window", v.solidWindow());
        LandscapeSettings l = v.landscape();
        Map<String, Object> landscape = new LinkedHashMap<>();
        landscape.put("enabled", l.enabled());
        landscape.put("classes", Arrays.stream(l.classes()).boxed().toList());
        landscape.put("betas", Arrays.stream(l.betas()).boxed().toList());
        landscape.put("replicas", l.replicas());
        landscape.put("burn_in", l.burnIn());
        landscape.put("sampling_steps", l.samplingSteps());
        landscape.put("bins", l.bins());
        landscape.put("lowest_kept", l.lowestKept());
        landscape.put("every", l.every());
        landscape.put("seed", l.seed());
        views.put("landscape", landscape);
        m.put(VIEWS_KEY, views);
        return m;
    }

    /**
     * @param probe the run's probe batch, or {@code null} when it has none
     * @return the analyzer {@link #toMap(SnapshotAnalyzer)} describes
     * @throws IllegalArgumentException when a key is missing or of the wrong type
     */
    public static SnapshotAnalyzer analyzer(Map<?, ?> m, ProbeBatch probe) {
        return SnapshotAnalyzer.builder(fromMap(m)).heavyTail(heavyTail(m.get(HEAVY_TAIL_KEY)))
                .views(views(m.get(VIEWS_KEY))).probe(probe).build();
    }

    private static HeavyTailSettings heavyTail(Object ww) {
        if (ww == null) {
            return HeavyTailSettings.DEFAULT;
        }
        if (!(ww instanceof Map<?, ?> h)) {
            throw new IllegalArgumentException("run.json: config.analysis.ww is not an object: " + ww);
        }
        try {
            return new HeavyTailSettings((Boolean) h.get("enabled"),
                    number(h, "min_evals").intValue(), number(h, "max_evals").intValue(),
                    number(h, "max_N").intValue(), (Boolean) h.get("mp_fit"), number(h, "randomize_every").longValue(),
                    number(h, "seed").longValue());
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("run.json: config.analysis.ww is incomplete or malformed (" + e + ")", e);
        }
    }

    private static ViewSettings views(Object views) {
        if (views == null) {
            return ViewSettings.DEFAULT;
        }
        if (!(views instanceof Map<?, ?> v)) {
            throw new IllegalArgumentException("run.json: config.analysis.views is not an object: " + views);
        }
        try {
            return new ViewSettings((Boolean) v.get("kernels"), (Boolean) v.get("freezing"),
                    number(v, "solid_epsilon").doubleValue(), number(v, "solid_window").intValue(),
                    landscape((Map<?, ?>) v.get("landscape")));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("run.json: config.analysis.views is incomplete or malformed (" + e
                    + ")", e);
        }
    }

    private static LandscapeSettings landscape(Map<?, ?> l) {
        if (l == null) {
            return LandscapeSettings.DEFAULT;
        }
        List<?> classes = (List<?>) l.get("classes");
        List<?> betas = (List<?>) l.get("betas");
        return new LandscapeSettings((Boolean) l.get("enabled"),
                classes.stream().mapToInt(c -> ((Number) c).intValue()).toArray(),
                betas.stream().mapToDouble(b -> ((Number) b).doubleValue()).toArray(),
                number(l, "replicas").intValue(), number(l, "burn_in").intValue(),
                number(l, "sampling_steps").intValue(), number(l, "bins").intValue(),
                number(l, "lowest_kept").intValue(), number(l, "every").intValue(), number(l, "seed").longValue());
    }

    /** @return every spin-model knob of {@code c} by its spin-model.md §8.1 name */
    private static Map<String, Object> toMap(SpinModelConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("include_input", c.layout().includeInput());
        m.put("include_output", c.layout().includeOutput());
        m.put("use_biases", c.layout().useBiases());
        m.put("dead_inputs", c.layout().deadInputs().stream().boxed().toList());
        m.put("delta", c.delta());
        m.put("eps_outlier", c.epsOutlier());
        List<Double> taus = new ArrayList<>();
        for (double t : c.taus()) {
            taus.add(t);
        }
        m.put("taus", taus);
        m.put("tap_starts", c.tapStarts());
        m.put("tap_damping", c.tapDamping());
        m.put("tap_tolerance", c.tapTolerance());
        m.put("tap_max_iterations", c.tapMaxIterations());
        m.put("scan_points", c.nScan());
        m.put("dense_limit", c.denseLimit());
        m.put("top_eigenvalues", c.topEigenvalues());
        m.put("outlier_k", c.outlierK());
        m.put("seed", c.seed());
        return m;
    }

    /**
     * @return the settings {@link #toMap} wrote
     * @throws IllegalArgumentException when a key is missing or of the wrong type
     */
    private static SpinModelConfig fromMap(Map<?, ?> m) {
        try {
            BitSet dead = new BitSet();
            for (Object i : (List<?>) m.get("dead_inputs")) {
                dead.set(((Number) i).intValue());
            }
            List<?> taus = (List<?>) m.get("taus");
            double[] t = new double[taus.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = ((Number) taus.get(i)).doubleValue();
            }
            return SpinModelConfig.builder()
                    .layout(new SpinLayout((Boolean) m.get("include_input"), (Boolean) m.get("include_output"),
                            (Boolean) m.get("use_biases"), dead))
                    .delta(number(m, "delta").doubleValue())
                    .epsOutlier(number(m, "eps_outlier").doubleValue())
                    .taus(t)
                    .tapStarts(number(m, "tap_starts").intValue())
                    .tapDamping(number(m, "tap_damping").doubleValue())
                    .tapTolerance(number(m, "tap_tolerance").doubleValue())
                    .tapMaxIterations(number(m, "tap_max_iterations").intValue())
                    .nScan(number(m, "scan_points").intValue())
                    .denseLimit(number(m, "dense_limit").intValue())
                    .topEigenvalues(number(m, "top_eigenvalues").intValue())
                    .outlierK(number(m, "outlier_k").intValue())
                    .seed(number(m, "seed").longValue())
                    .build();
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("run.json: config.analysis is incomplete or malformed (" + e + ")", e);
        }
    }

    private static Number number(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("run.json: config.analysis: " + key + " is not a number: " + v);
        }
        return n;
    }
}
