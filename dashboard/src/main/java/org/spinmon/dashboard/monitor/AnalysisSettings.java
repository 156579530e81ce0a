package org.spinmon.dashboard.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** One more than the largest dead input index read back (an input layer of 2²⁴ pixels; the mask is 2 MiB). */
    static final int MAX_DEAD_INPUTS = 1 << 24;

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
     * The analyzer a run's manifest records, as a replay rebuilds it.
     *
     * @param config the manifest's config
     * @param probe  the run's probe batch, or {@code null} when it has none
     * @return the analyzer of {@code config.analysis}, or empty when the run records none
     * @throws IllegalArgumentException one line naming run.json, the key and the allowed values, when
     *                                  {@code config.analysis} is not what {@link #toMap(SnapshotAnalyzer)} writes
     */
    public static Optional<SnapshotAnalyzer> recorded(Map<String, Object> config, ProbeBatch probe) {
        return config.containsKey(KEY) ? Optional.of(analyzer(config.get(KEY), probe)) : Optional.empty();
    }

    /**
     * @param m     the value of {@code config.analysis}
     * @param probe the run's probe batch, or {@code null} when it has none
     * @return the analyzer {@link #toMap(SnapshotAnalyzer)} describes
     * @throws IllegalArgumentException one line naming run.json, the key and the allowed values, when a key is
     *                                  missing or of the wrong type, or a value is out of range
     */
    public static SnapshotAnalyzer analyzer(Object m, ProbeBatch probe) {
        RecordedObject analysis = RecordedObject.of(m, "config." + KEY);
        SpinModelConfig config = fromMap(analysis);
        HeavyTailSettings heavyTail = analysis.object(HEAVY_TAIL_KEY).map(AnalysisSettings::heavyTail)
                .orElse(HeavyTailSettings.DEFAULT);
        ViewSettings views = analysis.object(VIEWS_KEY).map(AnalysisSettings::views).orElse(ViewSettings.DEFAULT);
        return SnapshotAnalyzer.builder(config).heavyTail(heavyTail).views(views).probe(probe).build();
    }

    private static HeavyTailSettings heavyTail(RecordedObject h) {
        boolean enabled = h.flag("enabled");
        int minEvals = h.integer("min_evals", 1, Integer.MAX_VALUE);
        int maxEvals = h.integer("max_evals", minEvals, Integer.MAX_VALUE);
        int maxN = h.integer("max_N", 1, Integer.MAX_VALUE);
        boolean mpFit = h.flag("mp_fit");
        long randomizeEvery = h.whole("randomize_every", 0, Long.MAX_VALUE);
        long seed = h.whole("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        try {
            return new HeavyTailSettings(enabled, minEvals, maxEvals, maxN, mpFit, randomizeEvery, seed);
        } catch (IllegalArgumentException e) {
            throw h.invalid(e);
        }
    }

    private static ViewSettings views(RecordedObject v) {
        boolean kernels = v.flag("kernels");
        boolean freezing = v.flag("freezing");
        double epsilon = v.real("solid_epsilon");
        int window = v.integer("solid_window", 1, Integer.MAX_VALUE);
        LandscapeSettings landscape = v.object("landscape").map(AnalysisSettings::landscape)
                .orElse(LandscapeSettings.DEFAULT);
        try {
            return new ViewSettings(kernels, freezing, epsilon, window, landscape);
        } catch (IllegalArgumentException e) {
            throw v.invalid(e);
        }
    }

    private static LandscapeSettings landscape(RecordedObject l) {
        boolean enabled = l.flag("enabled");
        List<?> classList = l.list("classes", LandscapeSettings.MAX_CLASSES);
        int[] classes = new int[classList.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = l.integerAt(classList, "classes", i, 0, Integer.MAX_VALUE);
        }
        List<?> betaList = l.list("betas", LandscapeSettings.MAX_BETAS);
        double[] betas = new double[betaList.size()];
        for (int i = 0; i < betas.length; i++) {
            betas[i] = l.realAt(betaList, "betas", i);
        }
        int replicas = l.integer("replicas", 2, LandscapeSettings.MAX_REPLICAS);
        int burnIn = l.integer("burn_in", 0, LandscapeSettings.MAX_BURN_IN);
        int samplingSteps = l.integer("sampling_steps", 4, LandscapeSettings.MAX_SAMPLING_STEPS);
        int bins = l.integer("bins", 2, LandscapeSettings.MAX_BINS);
        int lowestKept = l.integer("lowest_kept", 0, replicas);
        int every = l.integer("every", 1, Integer.MAX_VALUE);
        long seed = l.whole("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        try {
            return new LandscapeSettings(enabled, classes, betas, replicas, burnIn, samplingSteps, bins, lowestKept,
                    every, seed);
        } catch (IllegalArgumentException e) {
            throw l.invalid(e);
        }
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
     * @throws IllegalArgumentException naming the key, when a key is missing, of the wrong type or out of range
     */
    private static SpinModelConfig fromMap(RecordedObject m) {
        BitSet dead = new BitSet();
        List<?> deadInputs = m.list("dead_inputs", MAX_DEAD_INPUTS);
        for (int i = 0; i < deadInputs.size(); i++) {
            dead.set(m.integerAt(deadInputs, "dead_inputs", i, 0, MAX_DEAD_INPUTS - 1));
        }
        List<?> taus = m.list("taus", SpinModelConfig.MAX_TAUS);
        double[] t = new double[taus.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = m.realAt(taus, "taus", i);
        }
        SpinLayout layout = new SpinLayout(m.flag("include_input"), m.flag("include_output"), m.flag("use_biases"),
                dead);
        SpinModelConfig.Builder b = SpinModelConfig.builder()
                .layout(layout)
                .delta(m.real("delta"))
                .epsOutlier(m.real("eps_outlier"))
                .taus(t)
                .tapStarts(m.integer("tap_starts", 1, SpinModelConfig.MAX_TAP_STARTS))
                .tapDamping(m.real("tap_damping"))
                .tapTolerance(m.real("tap_tolerance"))
                .tapMaxIterations(m.integer("tap_max_iterations", 1, Integer.MAX_VALUE))
                .nScan(m.integer("scan_points", 2, SpinModelConfig.MAX_SCAN_POINTS))
                .denseLimit(m.integer("dense_limit", 0, SpinModelConfig.MAX_DENSE_LIMIT))
                .topEigenvalues(m.integer("top_eigenvalues", 1, Integer.MAX_VALUE))
                .outlierK(m.integer("outlier_k", 1, Integer.MAX_VALUE))
                .seed(m.whole("seed", Long.MIN_VALUE, Long.MAX_VALUE));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw m.invalid(e);
        }
    }
}
