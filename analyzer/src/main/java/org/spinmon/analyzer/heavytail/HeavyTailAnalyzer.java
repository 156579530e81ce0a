package org.spinmon.analyzer.heavytail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;

/**
 * WeightWatcher 0.7.5's {@code analyze()} on a snapshot's dense layers (ecosystem.md §2): per layer the layer
 * filter (M &lt; min_evals, M &gt; max_evals or N &gt; max_N is skipped, and so is a zero W), the ESD by SVD of the raw W, the
 * power-law fit, the norm metrics, the MP fit, and on randomised snapshots the permutation analysis; then
 * the summary. Biases are not part of W (WeightWatcher's default). Thread-safe: it holds only its settings.
 */
public final class HeavyTailAnalyzer {

    private final HeavyTailSettings settings;

    /** An analyzer with {@code settings}. */
    public HeavyTailAnalyzer(HeavyTailSettings settings) {
        this.settings = settings;
    }

    /** @return the settings */
    public HeavyTailSettings settings() {
        return settings;
    }

    /** @param snapshot a snapshot with finite weights */
    public HeavyTailAnalysis analyze(Snapshot snapshot) {
        boolean randomize = settings.randomizes(snapshot.step(), snapshot.epoch());
        List<HeavyTailLayer> rows = new ArrayList<>();
        Map<Integer, String> skipped = new LinkedHashMap<>();
        for (int l = 0; l < snapshot.layers().size(); l++) {
            Layer layer = snapshot.layers().get(l);
            int index = l + 1;
            String reason = filter(layer);
            if (reason != null) {
                skipped.put(index, reason);
                continue;
            }
            HeavyTailLayer row = layer(index, layer, randomize ? settings.permutationSeed(snapshot.step(), index) : null);
            if (row == null) {
                skipped.put(index, "W is zero: every singular value is 0");
            } else {
                rows.add(row);
            }
        }
        return new HeavyTailAnalysis(rows, HeavyTailSummary.of(rows), randomize, skipped);
    }

    /** @return why the layer is skipped, or {@code null} when it is analysed */
    String filter(Layer layer) {
        int m = Math.min(layer.nIn(), layer.nOut());
        int n = Math.max(layer.nIn(), layer.nOut());
        if (m < settings.minEvals()) {
            return "M = " + m + " eigenvalues < min_evals = " + settings.minEvals();
        }
        if (m > settings.maxEvals()) {
            return "M = " + m + " eigenvalues > max_evals = " + settings.maxEvals();
        }
        if (n > settings.maxN()) {
            return "N = " + n + " > max_N = " + settings.maxN();
        }
        return null;
    }

    /** @return the layer's row, or {@code null} when W is zero (no spectrum to fit) */
    private HeavyTailLayer layer(int index, Layer layer, Long seed) {
        double[] w = layer.weights();
        Esd esd = Esd.of(w, layer.nIn(), layer.nOut());
        if (esd.svMax() == 0) {
            return null;
        }
        double[] lambda = esd.eigenvalues();
        PowerLawTail fit = TailFitter.fit(lambda);
        MarchenkoPastur mp = settings.mpFit() ? MpFitter.fit(lambda, esd.n(), esd.m()) : null;
        Randomization rand = seed == null ? null : Randomizer.randomize(w, layer.nIn(), layer.nOut(), esd, seed);
        return new HeavyTailLayer(index, esd.n(), esd.m(), esd.svMax(), esd.svMin(), esd.lambdaMax(), esd.rankLoss(),
                esd.weakRankLoss(), fit, NormMetrics.of(esd, fit.alpha()), mp, rand);
    }
}
