package org.spinmon.analyzer.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.safetensors.SafetensorsException;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;
import org.spinmon.analyzer.safetensors.SafetensorsHeader;
import org.spinmon.analyzer.safetensors.SafetensorsReader;
import org.spinmon.analyzer.safetensors.SafetensorsWriter;
import org.spinmon.analyzer.safetensors.Tensor;
import org.spinmon.analyzer.safetensors.TensorInfo;

/**
 * Snapshot files: a {@link Snapshot} as a safetensors file that NumPy, PyTorch and WeightWatcher users can
 * read directly.
 *
 * <p>Format version {@value #SINGLE_NETWORK_VERSION}, a single network. Tensors {@code layer1.W} …
 * {@code layerL.W} of shape [nIn, nOut] (row-major: rows are the lower spin layer, so {@code layer{k}.W} is
 * W^(k) of spin-model.md §2.1) and, where a layer has biases, {@code layer{k}.b} of shape [nOut]; k counts from
 * 1, like the layer labels of the metrics. String metadata: {@code format_version}, {@code run}, {@code step}
 * (decimal integer), {@code epoch}, {@code loss}, {@code accuracy} (Java's shortest round-trip decimal,
 * {@code NaN} when not measured), {@code time} (ISO-8601 instant), {@code activations} and {@code layer_names}
 * (comma-separated, one per layer). Nothing else may be in the file.
 *
 * <p>Format version {@value #FORMAT_VERSION}, replicas: everything of version 1, where the {@code layer{k}}
 * tensors are replica 1, plus metadata {@code replicas} = R (decimal, ≥ 1) and, for every replica r = 2 … R and
 * every layer k, {@code replica{r}.layer{k}.W} with the shape of {@code layer{k}.W} and, exactly where
 * {@code layer{k}.b} exists, {@code replica{r}.layer{k}.b} with its shape. Names and activations are stored once
 * and hold for every replica; loss and accuracy are replica 1's. Writing uses version 1 for a snapshot without
 * replicas, so that readers of version 1 keep reading ordinary runs, and version 2 only when R &gt; 1.
 *
 * <p>Reading accepts both versions. It checks everything the safetensors container needs
 * ({@link SafetensorsReader}) and then that the file is a snapshot: the exact tensor names, ranks, chaining of
 * consecutive layers, bias lengths, that every replica tensor is present with the shape of its replica-1
 * counterpart and nothing else is, and every metadata field with the same rules as {@link Snapshot}.
 * Non-finite weights are read as they are.
 */
public final class SnapshotFiles {

    /** The newest snapshot format version, which this code writes for snapshots with replicas (and reads). */
    public static final int FORMAT_VERSION = 2;
    /** The format version of a single network, which this code writes for snapshots without replicas (and reads). */
    public static final int SINGLE_NETWORK_VERSION = 1;

    private static final Pattern TENSOR_NAME =
            Pattern.compile("(?:replica([1-9][0-9]{0,5})\\.)?layer([1-9][0-9]{0,5})\\.([Wb])");
    private static final Pattern LAYER_NAME = Pattern.compile("[^,\\s]{1,64}");

    private SnapshotFiles() {
    }

    /** Writes {@code snapshot} to {@code file} atomically, weights stored as {@code dtype} (F32 or F64). */
    public static void write(Snapshot snapshot, Path file, DType dtype) throws IOException {
        List<Tensor> tensors = new ArrayList<>();
        addLayers(tensors, "", snapshot.layers());
        for (int r = 2; r <= snapshot.replicaCount(); r++) {
            addLayers(tensors, replicaPrefix(r), snapshot.replicas().get(r - 2));
        }
        List<String> activations = snapshot.layers().stream().map(Layer::activation).toList();
        List<String> names = snapshot.layers().stream().map(Layer::name).toList();
        boolean replicas = snapshot.replicaCount() > 1;
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format_version", Integer.toString(replicas ? FORMAT_VERSION : SINGLE_NETWORK_VERSION));
        metadata.put("run", snapshot.runId());
        metadata.put("step", Long.toString(snapshot.step()));
        metadata.put("epoch", Double.toString(snapshot.epoch()));
        metadata.put("loss", Double.toString(snapshot.loss()));
        metadata.put("accuracy", Double.toString(snapshot.accuracy()));
        metadata.put("time", snapshot.time().toString());
        metadata.put("activations", String.join(",", activations));
        metadata.put("layer_names", String.join(",", names));
        if (replicas) {
            metadata.put("replicas", Integer.toString(snapshot.replicaCount()));
        }
        SafetensorsWriter.write(file, tensors, metadata, dtype);
    }

    private static void addLayers(List<Tensor> tensors, String prefix, List<Layer> layers) {
        for (int k = 0; k < layers.size(); k++) {
            Layer layer = layers.get(k);
            String name = prefix + "layer" + (k + 1);
            tensors.add(new Tensor(name + ".W", new int[]{layer.nIn(), layer.nOut()}, layer.weights()));
            if (layer.hasBias()) {
                tensors.add(new Tensor(name + ".b", new int[]{layer.nOut()}, layer.bias()));
            }
        }
    }

    private static String replicaPrefix(int replica) {
        return "replica" + replica + ".";
    }

    /** Writes {@code snapshot} in F32, what a trainer holds. */
    public static void write(Snapshot snapshot, Path file) throws IOException {
        write(snapshot, file, DType.F32);
    }

    /** Reads and validates a whole snapshot, weights widened to float64. */
    public static Snapshot read(Path file) throws IOException {
        SafetensorsReader.Contents contents = SafetensorsReader.standard().read(file);
        SnapshotInfo info = describe(contents.header());
        Map<String, Tensor> byName = new HashMap<>();
        contents.tensors().forEach(t -> byName.put(t.name(), t));
        List<List<Layer>> replicas = new ArrayList<>(info.replicaCount() - 1);
        for (int r = 2; r <= info.replicaCount(); r++) {
            replicas.add(layers(info, byName, replicaPrefix(r)));
        }
        return new Snapshot(info.runId(), info.step(), info.epoch(), info.loss(), info.accuracy(), info.time(),
                layers(info, byName, ""), replicas);
    }

    private static List<Layer> layers(SnapshotInfo info, Map<String, Tensor> byName, String prefix) {
        List<Layer> layers = new ArrayList<>(info.layers().size());
        for (int k = 0; k < info.layers().size(); k++) {
            SnapshotInfo.LayerInfo li = info.layers().get(k);
            Tensor w = byName.get(prefix + "layer" + (k + 1) + ".W");
            Tensor b = byName.get(prefix + "layer" + (k + 1) + ".b");
            layers.add(new Layer(li.name(), li.activation(), li.nIn(), li.nOut(), w.values(), b == null ? null : b.values()));
        }
        return layers;
    }

    /** Reads and validates a snapshot file's header without loading its weights. */
    public static SnapshotInfo readInfo(Path file) throws IOException {
        return describe(SafetensorsReader.standard().readHeader(file));
    }

    private static SnapshotInfo describe(SafetensorsHeader header) throws SafetensorsException {
        Path file = header.file();
        Map<String, String> meta = header.metadata();
        int version = (int) integer(file, meta, "format_version", 1, Integer.MAX_VALUE);
        if (version != SINGLE_NETWORK_VERSION && version != FORMAT_VERSION) {
            throw new SafetensorsException(file, Problem.METADATA, "format_version " + version
                    + " is not supported; this spinmon reads versions " + SINGLE_NETWORK_VERSION + " and "
                    + FORMAT_VERSION);
        }
        int replicaCount = version == SINGLE_NETWORK_VERSION ? 1
                : (int) integer(file, meta, "replicas", 1, Integer.MAX_VALUE);
        Map<Integer, TensorInfo> weights = new HashMap<>();
        Map<Integer, TensorInfo> biases = new HashMap<>();
        Map<String, TensorInfo> replicaTensors = new TreeMap<>();
        for (TensorInfo t : header.tensors()) {
            Matcher m = TENSOR_NAME.matcher(t.name());
            if (!m.matches()) {
                throw new SafetensorsException(file, Problem.TENSORS, "unexpected tensor \"" + shorten(t.name())
                        + "\"; a snapshot holds only layer{k}.W and layer{k}.b, and with format_version "
                        + FORMAT_VERSION + " replica{r}.layer{k}.W and replica{r}.layer{k}.b");
            }
            if (m.group(1) == null) {
                (m.group(3).equals("W") ? weights : biases).put(Integer.parseInt(m.group(2)), t);
            } else {
                checkReplicaNumber(file, t.name(), Integer.parseInt(m.group(1)), version, replicaCount);
                replicaTensors.put(t.name(), t);
            }
        }
        int depth = weights.size();
        if (depth == 0) {
            throw new SafetensorsException(file, Problem.TENSORS, "no layer1.W tensor: the file holds no weights");
        }
        List<TensorInfo> biasOf = new ArrayList<>(depth);
        for (int k = 1; k <= depth; k++) {
            TensorInfo w = weights.get(k);
            if (w == null) {
                throw new SafetensorsException(file, Problem.TENSORS, "layer" + k + ".W is missing while " + depth
                        + " weight tensors are present: layers must be numbered 1.." + depth);
            }
            if (w.rank() != 2 || w.dim(0) < 1 || w.dim(1) < 1) {
                throw new SafetensorsException(file, Problem.TENSORS, "layer" + k + ".W must have shape [nIn, nOut]"
                        + " with both at least 1, has " + Arrays.toString(w.shape()));
            }
            TensorInfo b = biases.remove(k);
            if (b != null && (b.rank() != 1 || b.dim(0) != w.dim(1))) {
                throw new SafetensorsException(file, Problem.TENSORS, "layer" + k + ".b must have shape ["
                        + w.dim(1) + "], has " + Arrays.toString(b.shape()));
            }
            if (k > 1 && weights.get(k - 1).dim(1) != w.dim(0)) {
                throw new SafetensorsException(file, Problem.LAYER_CHAIN, "layer" + (k - 1) + ".W has nOut "
                        + weights.get(k - 1).dim(1) + " but layer" + k + ".W has nIn " + w.dim(0));
            }
            biasOf.add(b);
        }
        if (!biases.isEmpty()) {
            int k = biases.keySet().iterator().next();
            throw new SafetensorsException(file, Problem.TENSORS, "layer" + k + ".b has no layer" + k + ".W");
        }
        checkReplicaTensors(file, replicaCount, weights, biasOf, replicaTensors);
        List<String> activations = list(file, meta, "activations", depth);
        List<String> names = list(file, meta, "layer_names", depth);
        List<SnapshotInfo.LayerInfo> layers = new ArrayList<>(depth);
        for (int k = 1; k <= depth; k++) {
            TensorInfo w = weights.get(k);
            layers.add(new SnapshotInfo.LayerInfo(names.get(k - 1), activations.get(k - 1), w.dim(0), w.dim(1),
                    w.dtype(), biasOf.get(k - 1) != null));
        }
        String run = required(file, meta, "run");
        try {
            Snapshot.checkRunId(run);
        } catch (IllegalArgumentException e) {
            throw new SafetensorsException(file, Problem.METADATA, e.getMessage());
        }
        long step = integer(file, meta, "step", 0, Long.MAX_VALUE);
        double epoch = number(file, meta, "epoch");
        if (!(epoch >= 0) || Double.isInfinite(epoch)) {
            throw new SafetensorsException(file, Problem.METADATA, "epoch must be finite and >= 0, was " + epoch);
        }
        double loss = number(file, meta, "loss");
        double accuracy = number(file, meta, "accuracy");
        if (!Double.isNaN(accuracy) && !(accuracy >= 0 && accuracy <= 1)) {
            throw new SafetensorsException(file, Problem.METADATA, "accuracy must be in [0, 1] or NaN, was " + accuracy);
        }
        Instant time;
        try {
            time = Instant.parse(required(file, meta, "time"));
        } catch (DateTimeParseException e) {
            throw new SafetensorsException(file, Problem.METADATA, "time is not an ISO-8601 instant: "
                    + shorten(meta.get("time")));
        }
        List<String> known = version == SINGLE_NETWORK_VERSION ? SINGLE_NETWORK_KEYS : REPLICA_KEYS;
        Optional<String> unknown = meta.keySet().stream().filter(key -> !known.contains(key)).findFirst();
        if (unknown.isPresent()) {
            throw new SafetensorsException(file, Problem.METADATA, "unknown metadata key \"" + shorten(unknown.get())
                    + "\" in a format_version " + version + " file");
        }
        return new SnapshotInfo(file, version, run, step, epoch, loss, accuracy, time, layers, replicaCount);
    }

    private static final List<String> SINGLE_NETWORK_KEYS = List.of("format_version", "run", "step", "epoch", "loss",
            "accuracy", "time", "activations", "layer_names");
    private static final List<String> REPLICA_KEYS = List.of("format_version", "run", "step", "epoch", "loss",
            "accuracy", "time", "activations", "layer_names", "replicas");

    private static void checkReplicaNumber(Path file, String tensor, int replica, int version, int replicaCount)
            throws SafetensorsException {
        if (version == SINGLE_NETWORK_VERSION) {
            throw new SafetensorsException(file, Problem.TENSORS, "unexpected tensor \"" + tensor + "\": replica"
                    + " tensors need format_version " + FORMAT_VERSION);
        }
        if (replica == 1) {
            throw new SafetensorsException(file, Problem.TENSORS, "unexpected tensor \"" + tensor + "\": replica 1"
                    + " is stored as layer{k}.W and layer{k}.b");
        }
        if (replica > replicaCount) {
            throw new SafetensorsException(file, Problem.TENSORS, "unexpected tensor \"" + tensor + "\": the"
                    + " metadata says replicas = " + replicaCount);
        }
    }

    /**
     * Checks that replicas 2 … R each hold every layer with the shape of replica 1, biases exactly where replica
     * 1 has them, and consumes their tensors from {@code replicaTensors}; anything left over is an error.
     */
    private static void checkReplicaTensors(Path file, int replicaCount, Map<Integer, TensorInfo> weights,
                                            List<TensorInfo> biasOf, Map<String, TensorInfo> replicaTensors)
            throws SafetensorsException {
        for (int r = 2; r <= replicaCount; r++) {
            for (int k = 1; k <= weights.size(); k++) {
                String name = replicaPrefix(r) + "layer" + k;
                checkReplicaTensor(file, name + ".W", weights.get(k), replicaTensors.remove(name + ".W"), replicaCount);
                checkReplicaTensor(file, name + ".b", biasOf.get(k - 1), replicaTensors.remove(name + ".b"),
                        replicaCount);
            }
        }
        if (!replicaTensors.isEmpty()) {
            throw new SafetensorsException(file, Problem.TENSORS, "unexpected tensor \""
                    + replicaTensors.keySet().iterator().next() + "\": replica 1 has only layers 1.." + weights.size());
        }
    }

    private static void checkReplicaTensor(Path file, String name, TensorInfo first, TensorInfo replica,
                                           int replicaCount) throws SafetensorsException {
        String firstName = name.substring(name.indexOf('.') + 1);
        if (first == null && replica != null) {
            throw new SafetensorsException(file, Problem.TENSORS, name + " is present but " + firstName + " is not:"
                    + " every replica has the biases of replica 1");
        }
        if (first != null && replica == null) {
            throw new SafetensorsException(file, Problem.TENSORS, name + " is missing: with replicas = " + replicaCount
                    + " every replica 2.." + replicaCount + " holds every tensor of replica 1, and " + firstName
                    + " is present");
        }
        if (first != null && !Arrays.equals(first.shape(), replica.shape())) {
            throw new SafetensorsException(file, Problem.TENSORS, name + " must have the shape of " + firstName + ", "
                    + Arrays.toString(first.shape()) + ", has " + Arrays.toString(replica.shape()));
        }
    }

    private static String required(Path file, Map<String, String> meta, String key) throws SafetensorsException {
        String value = meta.get(key);
        if (value == null) {
            throw new SafetensorsException(file, Problem.METADATA, "metadata \"" + key + "\" is missing");
        }
        return value;
    }

    private static long integer(Path file, Map<String, String> meta, String key, long min, long max)
            throws SafetensorsException {
        String text = required(file, meta, key);
        try {
            if (!text.matches("[0-9]{1,19}")) {
                throw new NumberFormatException();
            }
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new SafetensorsException(file, Problem.METADATA, key + " must be an integer in [" + min + ", "
                    + max + "], was \"" + shorten(text) + "\"");
        }
    }

    private static double number(Path file, Map<String, String> meta, String key) throws SafetensorsException {
        String text = required(file, meta, key);
        // Java's own decimal syntax only: no hex floats, no 'd'/'f' suffixes, no blanks.
        if (!text.matches("NaN|-?Infinity|-?[0-9]{1,400}(\\.[0-9]{1,400})?([eE][-+]?[0-9]{1,4})?")) {
            throw new SafetensorsException(file, Problem.METADATA, key + " must be a decimal number or NaN, was \""
                    + shorten(text) + "\"");
        }
        return Double.parseDouble(text);
    }

    private static List<String> list(Path file, Map<String, String> meta, String key, int expected)
            throws SafetensorsException {
        List<String> items = Arrays.asList(required(file, meta, key).split(",", -1));
        if (items.size() != expected) {
            throw new SafetensorsException(file, Problem.METADATA, key + " names " + items.size()
                    + " layers but the file has " + expected);
        }
        for (String item : items) {
            if (!LAYER_NAME.matcher(item).matches()) {
                throw new SafetensorsException(file, Problem.METADATA, key + " holds an empty or malformed entry \""
                        + shorten(item) + "\"");
            }
        }
        return items;
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
