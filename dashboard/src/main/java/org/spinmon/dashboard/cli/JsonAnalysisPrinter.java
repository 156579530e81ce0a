package org.spinmon.dashboard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.spinmon.analyzer.analysis.SnapshotAnalysis;
import org.spinmon.analyzer.powerlaw.PowerLaw;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.dashboard.json.AnalysisJson;

/**
 * One JSON object per snapshot and line; keys are the metric names of spin-model.md §0 without the
 * {@code spinmon_} prefix (see the README for the full list). JSON has no NaN or infinity: such values are
 * {@code null}, and {@code reasons} says why under the metric's name.
 */
final class JsonAnalysisPrinter implements AnalysisPrinter {

    private final PrintWriter out;

    JsonAnalysisPrinter(PrintWriter out) {
        this.out = out;
    }

    private ObjectNode header(Path file, Snapshot s) {
        ObjectNode o = AnalysisJson.JSON.createObjectNode();
        o.put("file", file.toString());
        o.put("run", s.runId());
        o.put("step", s.step());
        AnalysisJson.number(o, "epoch", s.epoch());
        AnalysisJson.number(o, "loss", s.loss());
        AnalysisJson.number(o, "accuracy", s.accuracy());
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
        AnalysisJson.number(layer, "frobenius_norm", l.frobeniusNorm());
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
        AnalysisJson.analysis(o, a);
        ArrayNode layers = o.putArray("layers");
        for (int k = 0; k < a.layers().size(); k++) {
            AnalysisJson.layer(layer(layers, a.layers().get(k).index(), s.layers().get(k)), a.layers().get(k), a);
        }
        print(o);
    }

    @Override
    public void powerLaw(PowerLaw p) {
        ObjectNode o = AnalysisJson.JSON.createObjectNode();
        o.set("power_law", AnalysisJson.powerLaw(p));
        print(o);
    }

    private void print(ObjectNode o) {
        out.println(AnalysisJson.line(o));
    }
}
