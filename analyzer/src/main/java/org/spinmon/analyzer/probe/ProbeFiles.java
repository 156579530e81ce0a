package org.spinmon.analyzer.probe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.safetensors.SafetensorsException;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;
import org.spinmon.analyzer.safetensors.SafetensorsReader;
import org.spinmon.analyzer.safetensors.SafetensorsWriter;
import org.spinmon.analyzer.safetensors.Tensor;
import org.spinmon.analyzer.safetensors.TensorInfo;

/**
 * A {@link ProbeBatch} as a safetensors file, {@value #FILE_NAME} in the run directory, format version
 * {@value #FORMAT_VERSION}: tensor {@code inputs} of shape [P, N_0] and tensor {@code labels} of shape [P]
 * (integer class indices stored as floats), both F32 (the trainer's own precision, so nothing is rounded:
 * MNIST pixels k/255 are float32 values); metadata {@code format_version}, {@code classes}, {@code seed},
 * {@code source}. Written atomically.
 */
public final class ProbeFiles {

    /** The file name in a run directory. */
    public static final String FILE_NAME = "probe.safetensors";
    /** The probe format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Set<String> KEYS = Set.of("format_version", "classes", "seed", "source");

    private ProbeFiles() {
    }

    /** Writes {@code batch} to {@code file} atomically (values as float32). */
    public static void write(ProbeBatch batch, Path file) throws IOException {
        double[] labels = new double[batch.size()];
        int[] l = batch.labels();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = l[i];
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format_version", Integer.toString(FORMAT_VERSION));
        meta.put("classes", Integer.toString(batch.classes()));
        meta.put("seed", Long.toString(batch.seed()));
        meta.put("source", batch.source());
        SafetensorsWriter.write(file, List.of(
                new Tensor("inputs", new int[]{batch.size(), batch.inputDim()}, batch.inputs()),
                new Tensor("labels", new int[]{batch.size()}, labels)), meta, DType.F32);
    }

    /**
     * Reads and validates a probe file.
     *
     * @throws SafetensorsException naming the problem when the file is not a valid probe batch
     */
    public static ProbeBatch read(Path file) throws IOException {
        SafetensorsReader.Contents contents = SafetensorsReader.standard().read(file);
        Map<String, String> meta = contents.header().metadata();
        for (String key : meta.keySet()) {
            if (!KEYS.contains(key)) {
                throw new SafetensorsException(file, Problem.METADATA, "unknown metadata key \"" + key + "\"");
            }
        }
        int version = integer(file, meta, "format_version");
        if (version != FORMAT_VERSION) {
            throw new SafetensorsException(file, Problem.METADATA, "probe format_version " + version
                    + " is not supported; this spinmon reads version " + FORMAT_VERSION);
        }
        TensorInfo in = contents.header().tensor("inputs").orElseThrow(() ->
                new SafetensorsException(file, Problem.PROBE, "no \"inputs\" tensor"));
        TensorInfo lab = contents.header().tensor("labels").orElseThrow(() ->
                new SafetensorsException(file, Problem.PROBE, "no \"labels\" tensor"));
        if (contents.tensors().size() != 2 || in.rank() != 2 || lab.rank() != 1 || lab.dim(0) != in.dim(0)) {
            throw new SafetensorsException(file, Problem.PROBE, "a probe file holds exactly inputs [P, N_0] and"
                    + " labels [P]");
        }
        double[] inputs = null;
        double[] labelValues = null;
        for (Tensor t : contents.tensors()) {
            if (t.name().equals("inputs")) {
                inputs = t.values();
            } else {
                labelValues = t.values();
            }
        }
        int[] labels = new int[labelValues.length];
        for (int i = 0; i < labels.length; i++) {
            double v = labelValues[i];
            if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
                throw new SafetensorsException(file, Problem.PROBE, "label " + i + " is not a class index: " + v);
            }
            labels[i] = (int) v;
        }
        try {
            return new ProbeBatch(inputs, in.dim(0), in.dim(1), labels, integer(file, meta, "classes"),
                    longInteger(file, meta, "seed"), required(file, meta, "source"));
        } catch (IllegalArgumentException e) {
            throw new SafetensorsException(file, Problem.PROBE, e.getMessage());
        }
    }

    private static int integer(Path file, Map<String, String> meta, String key) throws SafetensorsException {
        long v = longInteger(file, meta, key);
        if (v != (int) v) {
            throw new SafetensorsException(file, Problem.METADATA, key + " is out of range: " + v);
        }
        return (int) v;
    }

    private static long longInteger(Path file, Map<String, String> meta, String key) throws SafetensorsException {
        String v = required(file, meta, key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new SafetensorsException(file, Problem.METADATA, key + " is not an integer: \"" + v + "\"");
        }
    }

    private static String required(Path file, Map<String, String> meta, String key) throws SafetensorsException {
        String v = meta.get(key);
        if (v == null) {
            throw new SafetensorsException(file, Problem.METADATA, "metadata \"" + key + "\" is missing");
        }
        return v;
    }
}
