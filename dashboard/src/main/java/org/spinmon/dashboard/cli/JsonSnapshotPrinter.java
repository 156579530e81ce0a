package org.spinmon.dashboard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;

/**
 * One JSON object per snapshot and line. Keys: {@code file}, {@code run}, {@code step}, {@code epoch},
 * {@code loss}, {@code accuracy}, {@code time}, {@code non_finite} (count of NaN/infinite weights and biases),
 * {@code layers}: [{@code index} (1..L), {@code name}, {@code activation}, {@code n_in}, {@code n_out},
 * {@code has_bias}, {@code frobenius_norm}]. JSON has no NaN or infinity: such values are {@code null}.
 */
final class JsonSnapshotPrinter implements SnapshotPrinter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrintWriter out;

    JsonSnapshotPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void print(Path file, Snapshot s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", file.toString());
        o.put("run", s.runId());
        o.put("step", s.step());
        number(o, "epoch", s.epoch());
        number(o, "loss", s.loss());
        number(o, "accuracy", s.accuracy());
        o.put("time", s.time().toString());
        o.put("non_finite", s.nonFiniteCount());
        ArrayNode layers = o.putArray("layers");
        for (int k = 0; k < s.layers().size(); k++) {
            Layer l = s.layers().get(k);
            ObjectNode layer = layers.addObject();
            layer.put("index", k + 1);
            layer.put("name", l.name());
            layer.put("activation", l.activation());
            layer.put("n_in", l.nIn());
            layer.put("n_out", l.nOut());
            layer.put("has_bias", l.hasBias());
            number(layer, "frobenius_norm", l.frobeniusNorm());
        }
        try {
            out.println(JSON.writeValueAsString(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
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
