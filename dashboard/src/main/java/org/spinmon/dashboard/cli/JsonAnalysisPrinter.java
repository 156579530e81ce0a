package org.spinmon.dashboard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.spinmon.analyzer.analysis.SnapshotAnalysis;
import org.spinmon.analyzer.powerlaw.PowerLaw;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.spectral.LayerMetrics;
import org.spinmon.analyzer.spin.TapResult;

/**
 * One JSON object per snapshot and line; keys are the metric names of spin-model.md §0 without the
 * {@code spinmon_} prefix (see the README for the full list). JSON has no NaN or infinity: such values are
 * {@code null}, and {@code reasons} says why under the metric's name.
 */
final class JsonAnalysisPrinter implements AnalysisPrinter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrintWriter out;

    JsonAnalysisPrinter(PrintWriter out) {
        this.out = out;
    }

    private ObjectNode header(Path file, Snapshot s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", file.toString());
        o.put("run", s.runId());
        o.put("step", s.step());
        number(o, "epoch", s.epoch());
        number(o, "loss", s.loss());
        number(o, "accuracy", s.accuracy());
        o.put("time", s.time().toString());
        o.put("non_finite", s.nonFiniteCount());
        return o;
    }

    private static ObjectNode layer(ArrayNode layers, int index, Layer l) {
        ObjectNode layer = layers.addObject();
        layer.put("index", index);
        layer.put("name", l.name());
        layer.put("activation", l.activation());
        layer.put("n_in", l.nIn());
        layer.put("n_out", l.nOut());
        layer.put("has_bias", l.hasBias());
        number(layer, "frobenius_norm", l.frobeniusNorm());
        return layer;
    }

    @Override
    public void inspection(Path file, Snapshot s) {
        ObjectNode o = header(file, s);
        ArrayNode layers = o.putArray("layers");
        for (int k = 0; k < s.layers().size(); k++) {
            layer(layers, k + 1, s.layers().get(k));
        }
        print(o);
    }

    @Override
    public void analysis(Path file, Snapshot s, SnapshotAnalysis a) {
        ObjectNode o = header(file, s);
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
        ArrayNode layers = o.putArray("layers");
        for (int k = 0; k < a.layers().size(); k++) {
            LayerMetrics m = a.layers().get(k);
            ObjectNode layer = layer(layers, m.index(), s.layers().get(k));
            number(layer, "sigma_max", m.sigmaMax());
            number(layer, "stable_rank", m.stableRank());
            number(layer, "hill_alpha", m.hillAlpha());
            number(layer, "rel_change_from_init", m.relChangeFromInit());
            number(layer, "update_spectral_norm", m.updateSpectralNorm());
        }
        ObjectNode reasons = o.putObject("reasons");
        a.reasons().forEach(reasons::put);
        ObjectNode timings = o.putObject("seconds");
        a.timings().forEach((k, v) -> number(timings, k, v));
        print(o);
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

    @Override
    public void powerLaw(PowerLaw p) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode fit = o.putObject("power_law");
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
        print(o);
    }

    private void print(ObjectNode o) {
        try {
            out.println(JSON.writeValueAsString(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
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

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
