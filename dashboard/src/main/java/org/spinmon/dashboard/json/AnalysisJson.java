package org.spinmon.dashboard.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.spinmon.analyzer.analysis.SnapshotAnalysis;
import org.spinmon.analyzer.freezing.FreezingLayer;
import org.spinmon.analyzer.heavytail.HeavyTailAnalysis;
import org.spinmon.analyzer.heavytail.HeavyTailLayer;
import org.spinmon.analyzer.heavytail.HeavyTailSummary;
import org.spinmon.analyzer.heavytail.MarchenkoPastur;
import org.spinmon.analyzer.heavytail.NormMetrics;
import org.spinmon.analyzer.heavytail.PowerLawTail;
import org.spinmon.analyzer.heavytail.Randomization;
import org.spinmon.analyzer.kernels.KernelLayer;
import org.spinmon.analyzer.landscape.LandscapeAnalysis;
import org.spinmon.analyzer.landscape.LandscapePoint;
import org.spinmon.analyzer.powerlaw.PowerLaw;
import org.spinmon.analyzer.spectral.LayerMetrics;
import org.spinmon.analyzer.spin.TapResult;
import org.spinmon.analyzer.stream.AnalysisOutcome;

/**
 * The JSON form of analyses, shared by {@code spinmon analyze --json}, the run's {@code analyses.jsonl} and
 * the HTTP API: keys are the metric names of spin-model.md §0 without the {@code spinmon_} prefix, and, under
 * each layer's {@code ww} object and in {@code ww_summary}, WeightWatcher 0.7.5's column names (failed fits as
 * its −1). JSON has no NaN or infinity: such values are {@code null}, and {@code reasons} says why under the
 * metric's name.
 */
public final class AnalysisJson {

    /** The mapper every JSON writer of the dashboard uses. */
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private AnalysisJson() {
    }

    /**
     * @return one outcome: {@code run}, {@code step}, {@code epoch}, {@code loss}, {@code accuracy}, {@code time},
     *         then either the analysis keys or {@code error}, and {@code power_law}
     */
    public static ObjectNode outcome(AnalysisOutcome o) {
        ObjectNode node = JSON.createObjectNode();
        node.put("run", o.runId());
        node.put("step", o.step());
        number(node, "epoch", o.epoch());
        number(node, "loss", o.loss());
        number(node, "accuracy", o.accuracy());
        node.put("time", o.time().toString());
        if (o.analysis() != null) {
            analysis(node, o.analysis());
            ArrayNode layers = node.putArray("layers");
            o.analysis().layers().forEach(m -> layer(layers.addObject(), m, o.analysis()));
        } else {
            node.put("error", o.error());
        }
        node.set("power_law", powerLaw(o.powerLaw()));
        number(node, "analysis_seconds", o.seconds());
        return node;
    }

    /** Puts the run-level metrics of {@code a} into {@code o} (everything but {@code layers}). */
    public static void analysis(ObjectNode o, SnapshotAnalysis a) {
        number(o, "tc_melt", a.tcMelt());
        number(o, "t_sg", a.tSg());
        number(o, "tc_order", a.tcOrder());
        number(o, "t_star", a.tStar());
        number(o, "h0_lambda_min", a.h0LambdaMin());
        if (a.phase() == null) {
            o.putNull("phase");
        } else {
            o.put("phase", a.phase().label());
        }
        number(o, "phase_margin", a.phaseMargin());
        number(o, "lambda_max_j", a.lambdaMaxJ());
        numbers(o.putArray("lambda_j"), a.lambdaJ());
        number(o, "tc_init_theory", a.tcInitTheory());
        number(o, "tc_melt_over_init", a.tcMeltOverInit());
        number(o, "tc_melt_over_rms_weight", a.tcMeltOverRmsWeight());
        number(o, "outliers_j", a.outliersJ());
        number(o, "vc_overlap_top_j", a.vcOverlapTopJ());
        numbers(o.putArray("vc_layer_weight"), a.vcLayerWeight());
        ArrayNode spinLayers = o.putArray("spin_layers");
        for (int l : a.spinLayers()) {
            spinLayers.add(l);
        }
        ArrayNode sizes = o.putArray("spin_layer_sizes");
        for (int n : a.spinLayerSizes()) {
            sizes.add(n);
        }
        if (a.tap().isEmpty()) {
            o.putNull("tap");
        } else {
            o.set("tap", tap(a.tap().get(0), a.spinLayers().length));
            if (a.tap().size() > 1) {
                ArrayNode all = o.putArray("tap_by_tau");
                a.tap().forEach(t -> all.add(tap(t, a.spinLayers().length)));
            }
        }
        HeavyTailAnalysis ww = a.heavyTail();
        if (ww == null) {
            o.putNull("ww_summary");
        } else {
            o.set("ww_summary", summary(ww.summary()));
            o.put("ww_randomized", ww.randomized());
        }
        number(o, "solid_fraction", a.views().solidFraction());
        LandscapeAnalysis landscape = a.views().landscape();
        if (landscape == null) {
            o.putNull("landscape");
        } else {
            o.set("landscape", landscape(landscape));
        }
        ObjectNode reasons = o.putObject("reasons");
        a.reasons().forEach(reasons::put);
        ObjectNode timings = o.putObject("seconds");
        a.timings().forEach((k, v) -> number(timings, k, v));
    }

    /**
     * Puts one layer's metrics into {@code layer}, with its WeightWatcher row under {@code ww} ({@code null} when
     * the layer was not analysed, the reason under {@code ww_layer_<index>} or {@code ww} in {@code reasons}), its
     * kernel view under {@code kernel} and its freezing profile under {@code freezing} ({@code null} when not
     * computed: the output layer has no kernel view).
     */
    public static void layer(ObjectNode layer, LayerMetrics m, SnapshotAnalysis a) {
        HeavyTailAnalysis heavyTail = a.heavyTail();
        layer.put("index", m.index());
        layer.put("n_in", m.nIn());
        layer.put("n_out", m.nOut());
        number(layer, "sigma_max", m.sigmaMax());
        number(layer, "stable_rank", m.stableRank());
        number(layer, "hill_alpha", m.hillAlpha());
        number(layer, "rel_change_from_init", m.relChangeFromInit());
        number(layer, "update_spectral_norm", m.updateSpectralNorm());
        HeavyTailLayer row = heavyTail == null ? null : heavyTail.layers().stream()
                .filter(l -> l.index() == m.index()).findFirst().orElse(null);
        if (row == null) {
            layer.putNull("ww");
        } else {
            layer.set("ww", ww(row));
        }
        KernelLayer kernel = a.views().kernels().stream().filter(k -> k.layer() == m.index()).findFirst().orElse(null);
        if (kernel == null) {
            layer.putNull("kernel");
        } else {
            ObjectNode k = layer.putObject("kernel");
            number(k, "change", kernel.change());
            number(k, "alignment", kernel.alignment());
            number(k, "activation_alignment", kernel.activationAlignment());
            number(k, "preact_excess_kurtosis", kernel.kurtosisMean());
            number(k, "preact_excess_kurtosis_std", kernel.kurtosisStd());
            number(k, "eff_rank", kernel.effectiveRank());
        }
        FreezingLayer freezing = a.views().freezing().stream().filter(f -> f.layer() == m.index()).findFirst()
                .orElse(null);
        if (freezing == null) {
            layer.putNull("freezing");
        } else {
            ObjectNode f = layer.putObject("freezing");
            number(f, "self_overlap_previous", freezing.spinOverlapPrevious());
            number(f, "self_overlap_first", freezing.spinOverlapFirst());
            number(f, "weight_self_overlap_previous", freezing.weightOverlapPrevious());
            number(f, "weight_self_overlap_first", freezing.weightOverlapFirst());
            number(f, "solid", freezing.solid());
            number(f, "replica_overlap_weight", freezing.replicaWeightOverlap());
            number(f, "replica_overlap_spin", freezing.replicaSpinOverlap());
        }
    }

    /**
     * @return the input landscape: per (class, β) the estimates and diagnostics, P(q) as {@code histogram} (bins of
     *         equal width over [−1, 1]), and the lowest-energy samples as {@code lowest_images}: for display only,
     *         each rescaled to 0..255 between its own minimum and maximum (the exact values are not kept in JSON)
     */
    private static ObjectNode landscape(LandscapeAnalysis l) {
        ObjectNode o = JSON.createObjectNode();
        o.put("input_dim", l.inputDim());
        ArrayNode points = o.putArray("points");
        for (LandscapePoint p : l.points()) {
            ObjectNode n = points.addObject();
            n.put("class", p.classIndex());
            number(n, "beta", p.beta());
            number(n, "energy", p.energyPerInput());
            number(n, "overlap_mean", p.overlapMean());
            number(n, "overlap_std", p.overlapStd());
            numbers(n.putArray("histogram"), p.histogram());
            number(n, "acceptance", p.acceptance());
            number(n, "step_size", p.stepSize());
            number(n, "autocorrelation", p.autocorrelation());
            number(n, "r_hat", p.rHat());
            n.put("equilibrated", p.equilibrated());
            if (p.reason() == null) {
                n.putNull("reason");
            } else {
                n.put("reason", p.reason());
            }
            numbers(n.putArray("lowest_energies"), p.lowestEnergies());
            ArrayNode images = n.putArray("lowest_images");
            for (double[] x : p.lowest()) {
                ArrayNode image = images.addArray();
                double min = Arrays.stream(x).min().orElse(0);
                double max = Arrays.stream(x).max().orElse(0);
                for (double v : x) {
                    image.add(max > min ? (int) Math.round(255 * (v - min) / (max - min)) : 0);
                }
            }
        }
        return o;
    }

    /** @return a layer's WeightWatcher columns, by WeightWatcher's names */
    private static ObjectNode ww(HeavyTailLayer l) {
        ObjectNode o = JSON.createObjectNode();
        o.put("N", l.n());
        o.put("M", l.m());
        number(o, "Q", l.q());
        o.put("num_evals", l.m());
        number(o, "sv_max", l.svMax());
        number(o, "sv_min", l.svMin());
        number(o, "lambda_max", l.lambdaMax());
        o.put("rank_loss", l.rankLoss());
        o.put("weak_rank_loss", l.weakRankLoss());
        PowerLawTail fit = l.fit();
        number(o, "alpha", fit.alpha());
        number(o, "xmin", fit.xmin());
        number(o, "xmax", fit.xmax());
        number(o, "D", fit.d());
        number(o, "sigma", fit.sigma());
        o.put("num_pl_spikes", fit.numPlSpikes());
        o.put("status", fit.status().label());
        o.put("warning", fit.warning().label());
        NormMetrics n = l.norms();
        number(o, "log_norm", n.logNorm());
        number(o, "log_spectral_norm", n.logSpectralNorm());
        number(o, "alpha_weighted", n.alphaWeighted());
        number(o, "log_alpha_norm", n.logAlphaNorm());
        number(o, "stable_rank", n.stableRank());
        o.put("matrix_rank", n.matrixRank());
        number(o, "entropy", n.entropy());
        MarchenkoPastur mp = l.mp();
        if (mp != null) {
            mp(o, "", mp);
        }
        Randomization r = l.randomization();
        if (r != null) {
            number(o, "max_rand_eval", r.maxRandEval());
            mp(o, "rand_", r.randMp());
            number(o, "rand_distance", r.randDistance());
            number(o, "ww_softrank", r.wwSoftrank());
            number(o, "ww_maxdist", r.wwMaxdist());
            o.put("rand_replicas", r.replicas());
            o.put("rand_seed", r.seed());
        }
        return o;
    }

    private static void mp(ObjectNode o, String prefix, MarchenkoPastur mp) {
        o.put(prefix + "num_spikes", mp.numSpikes());
        number(o, prefix + "sigma_mp", mp.sigmaMp());
        number(o, prefix + "mp_softrank", mp.mpSoftrank());
        number(o, prefix + "W_scale", mp.wScale());
        number(o, prefix + "bulk_max", mp.bulkMax());
        number(o, prefix + "bulk_min", mp.bulkMin());
    }

    /** @return {@code get_summary()}'s seven means, by WeightWatcher's names */
    private static ObjectNode summary(HeavyTailSummary s) {
        ObjectNode o = JSON.createObjectNode();
        number(o, "log_norm", s.logNorm());
        number(o, "alpha", s.alpha());
        number(o, "alpha_weighted", s.alphaWeighted());
        number(o, "log_alpha_norm", s.logAlphaNorm());
        number(o, "log_spectral_norm", s.logSpectralNorm());
        number(o, "stable_rank", s.stableRank());
        number(o, "mp_softrank", s.mpSoftrank());
        return o;
    }

    private static ObjectNode tap(TapResult t, int spinLayers) {
        ObjectNode tap = JSON.createObjectNode();
        number(tap, "tau", t.tau());
        number(tap, "temperature", t.temperature());
        tap.put("states", t.states());
        number(tap, "converged_ratio", t.convergedRatio());
        numbers(tap.putArray("q"), t.leadingQLayers(spinLayers));
        number(tap, "plefka_x", t.plefkaX());
        number(tap, "overlap_vc", t.overlapVc());
        tap.put("saturated", t.saturated());
        return tap;
    }

    /** @return the T_c(t) power law: exponent, prefactor, CI, R², rolling exponent, window, reason */
    public static ObjectNode powerLaw(PowerLaw p) {
        ObjectNode fit = JSON.createObjectNode();
        number(fit, "exponent", p.exponent());
        number(fit, "prefactor", p.prefactor());
        number(fit, "ci_low", p.ciLow());
        number(fit, "ci_high", p.ciHigh());
        number(fit, "r2", p.r2());
        number(fit, "exponent_rolling", p.rollingExponent());
        fit.put("points", p.points());
        fit.put("first_step", p.firstStep());
        fit.put("last_step", p.lastStep());
        if (p.reason() != null) {
            fit.put("reason", p.reason());
        }
        return fit;
    }

    /** @return {@code node} as one line of JSON */
    public static String line(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /** Puts {@code v}, or null when it is NaN or infinite. */
    public static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static void numbers(ArrayNode array, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                array.add(v);
            } else {
                array.addNull();
            }
        }
    }
}
