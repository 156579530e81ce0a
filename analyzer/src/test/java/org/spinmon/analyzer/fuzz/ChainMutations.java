package org.spinmon.analyzer.fuzz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.spinmon.analyzer.fuzz.SafetensorsImage.Part;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;

/**
 * Damage to the set of tensors: layers that do not chain, tensors missing, renamed, swapped or foreign, replica
 * tensors that do not match replica 1; and changes that keep a valid snapshot (a consistent width change, a
 * layer removed or added with its metadata, added biases, replicas dropped), which must still read.
 */
final class ChainMutations {

    private static final String[] BAD_NAMES = {"layer0.W", "layer01.W", "layer1000000.W", "Layer1.W", "layer1.w",
            "layer1.W ", "layer1.B", "layer1.W.extra", "replica1.layer1.W", "replica0.layer1.W", "replica9.layer1.W",
            "replica1000000.layer1.W", "layer-1.W", "layer1.W\u0000", "layer\uff11.W", "layers1.W", "replica2layer1.W"};
    private static final String[] FOREIGN = {"optimizer.m", "layer1.W_momentum", "bias", "replica2.layer1.W.grad",
            "__metadata__.x", "layer1", "W"};

    private ChainMutations() {
    }

    static Mutation mutate(SeedFile seed, SplittableRandom random) {
        SafetensorsImage image = SafetensorsImage.parse(seed.bytes());
        List<Part> parts = new ArrayList<>(image.parts());
        ObjectNode meta = image.metadata().deepCopy();
        if (seed.kind() == FileKind.PROBE) {
            return probe(parts, meta, random);
        }
        int depth = (int) parts.stream().filter(p -> p.name().matches("layer[0-9]+\\.W")).count();
        int replicas = meta.has("replicas") ? Integer.parseInt(meta.get("replicas").textValue()) : 1;
        switch (random.nextInt(12)) {
            case 0 -> {
                int k = 1 + random.nextInt(depth - 1);
                int[] shape = shape(parts, "layer" + k + ".W");
                int width = otherWidth(shape[1], random);
                replace(parts, "layer" + k + ".W", new int[]{shape[0], width}, random);
                return mutation("layer" + k + ".W nOut " + shape[1] + " -> " + width + " alone", meta, parts,
                        Expectation.rejected(Problem.LAYER_CHAIN, Problem.TENSORS));
            }
            case 1 -> {
                int h = 1 + random.nextInt(depth - 1);
                int old = shape(parts, "layer" + h + ".W")[1];
                int width = otherWidth(old, random);
                for (String prefix : prefixes(replicas)) {
                    String lower = prefix + "layer" + h;
                    String upper = prefix + "layer" + (h + 1);
                    replace(parts, lower + ".W", new int[]{shape(parts, lower + ".W")[0], width}, random);
                    if (find(parts, lower + ".b").isPresent()) {
                        replace(parts, lower + ".b", new int[]{width}, random);
                    }
                    replace(parts, upper + ".W", new int[]{width, shape(parts, upper + ".W")[1]}, random);
                }
                return mutation("width of hidden layer " + h + " changed from " + old + " to " + width
                        + " consistently", meta, parts,
                        Expectation.read());
            }
            case 2 -> {
                int k = 1 + random.nextInt(depth);
                remove(parts, "layer" + k + ".W");
                return mutation("layer" + k + ".W removed", meta, parts,
                        Expectation.rejected(Problem.TENSORS, Problem.METADATA));
            }
            case 3 -> {
                parts.removeIf(p -> p.name().matches("(replica[0-9]+\\.)?layer" + depth + "\\.[Wb]"));
                boolean fix = random.nextBoolean();
                if (fix) {
                    dropLast(meta, "activations");
                    dropLast(meta, "layer_names");
                }
                return mutation("last layer removed" + (fix ? " with its metadata" : ""), meta, parts,
                        fix ? Expectation.read() : Expectation.rejected(Problem.METADATA));
            }
            case 4 -> {
                int k = 1 + random.nextInt(depth - 1);
                rename(parts, "layer" + k + ".W", "swap");
                rename(parts, "layer" + (k + 1) + ".W", "layer" + k + ".W");
                rename(parts, "swap", "layer" + (k + 1) + ".W");
                return mutation("layer" + k + ".W and layer" + (k + 1) + ".W swapped", meta, parts,
                        Expectation.rejected(Problem.LAYER_CHAIN, Problem.TENSORS));
            }
            case 5 -> {
                Part victim = parts.get(random.nextInt(parts.size()));
                String name = BAD_NAMES[random.nextInt(BAD_NAMES.length)];
                if (find(parts, name).isPresent()) {
                    name = name + "x";
                }
                rename(parts, victim.name(), name);
                return mutation(victim.name() + " renamed \"" + MetadataMutations.printable(name) + "\"", meta, parts,
                        Expectation.rejected(Problem.TENSORS));
            }
            case 6 -> {
                String name = FOREIGN[random.nextInt(FOREIGN.length)];
                parts.add(random.nextInt(parts.size() + 1), part(name, "F32", new int[]{1 + random.nextInt(8)},
                        random));
                return mutation("foreign tensor " + name + " added", meta, parts,
                        Expectation.rejected(Problem.TENSORS));
            }
            case 7 -> {
                int width = 1 + random.nextInt(6);
                int nIn = shape(parts, "layer" + depth + ".W")[1];
                String dtype = parts.get(0).entry().get("dtype").textValue();
                for (String prefix : prefixes(replicas)) {
                    parts.add(part(prefix + "layer" + (depth + 1) + ".W", dtype, new int[]{nIn, width}, random));
                }
                boolean fix = random.nextBoolean();
                if (fix) {
                    meta.put("activations", meta.get("activations").textValue() + ",identity");
                    meta.put("layer_names", meta.get("layer_names").textValue() + ",extra");
                }
                return mutation("layer " + (depth + 1) + " [" + nIn + ", " + width + "] appended"
                        + (fix ? " with its metadata" : ""), meta, parts,
                        fix ? Expectation.read() : Expectation.rejected(Problem.METADATA));
            }
            case 8 -> {
                return biases(parts, meta, depth, replicas, random);
            }
            default -> {
                // Three slots of twelve: replica files have many ways to disagree with themselves.
                return replicas > 1 ? replicaMismatch(parts, meta, depth, replicas, random)
                        : upgrade(parts, meta, random);
            }
        }
    }

    private static Mutation biases(List<Part> parts, ObjectNode meta, int depth, int replicas,
                                   SplittableRandom random) {
        List<Integer> without = new ArrayList<>();
        for (int k = 1; k <= depth; k++) {
            if (find(parts, "layer" + k + ".b").isEmpty()) {
                without.add(k);
            }
        }
        if (without.isEmpty()) {
            int k = 1 + random.nextInt(depth);
            int nOut = shape(parts, "layer" + k + ".W")[1];
            replace(parts, "layer" + k + ".b", new int[]{nOut + 1}, random);
            return mutation("layer" + k + ".b one entry too long", meta, parts,
                    Expectation.rejected(Problem.TENSORS));
        }
        int k = without.get(random.nextInt(without.size()));
        int nOut = shape(parts, "layer" + k + ".W")[1];
        boolean right = random.nextBoolean();
        String dtype = parts.get(0).entry().get("dtype").textValue();
        for (String prefix : prefixes(replicas)) {
            parts.add(part(prefix + "layer" + k + ".b", dtype, new int[]{right ? nOut : nOut + 1}, random));
        }
        return mutation("biases added to layer " + k + (right ? "" : " one entry too long"), meta, parts,
                right ? Expectation.read() : Expectation.rejected(Problem.TENSORS));
    }

    private static Mutation replicaMismatch(List<Part> parts, ObjectNode meta, int depth, int replicas,
                                            SplittableRandom random) {
        int r = 2 + random.nextInt(replicas - 1);
        int k = 1 + random.nextInt(depth);
        String name = "replica" + r + ".layer" + k + ".W";
        switch (random.nextInt(7)) {
            case 0 -> {
                remove(parts, name);
                return mutation(name + " removed", meta, parts, Expectation.rejected(Problem.TENSORS));
            }
            case 1 -> {
                int[] shape = shape(parts, name);
                replace(parts, name, new int[]{shape[1], shape[0]}, random);
                return mutation(name + " transposed", meta, parts, Expectation.rejected(Problem.TENSORS));
            }
            case 2 -> {
                for (Part p : List.copyOf(parts)) {
                    if (p.name().startsWith("layer")) {
                        parts.add(new Part("replica" + (replicas + 1) + "." + p.name(), p.entry(), p.payload()));
                    }
                }
                return mutation("replica " + (replicas + 1) + " added without metadata", meta, parts,
                        Expectation.rejected(Problem.TENSORS));
            }
            case 3 -> {
                int declared = random.nextBoolean() ? replicas - 1 : replicas + 1;
                meta.put("replicas", Integer.toString(declared));
                return mutation("metadata replicas " + declared + " for " + replicas + " replicas", meta, parts,
                        Expectation.rejected(Problem.TENSORS));
            }
            case 4 -> {
                parts.removeIf(p -> p.name().startsWith("replica" + replicas + "."));
                meta.put("replicas", Integer.toString(replicas - 1));
                return mutation("replica " + replicas + " dropped with its metadata", meta, parts, Expectation.read());
            }
            case 5 -> {
                parts.removeIf(p -> p.name().startsWith("replica"));
                meta.put("replicas", "1");
                return mutation("every replica but the first dropped, replicas 1", meta, parts, Expectation.read());
            }
            default -> {
                if (depth < 2) {
                    remove(parts, name);
                    return mutation(name + " removed", meta, parts, Expectation.rejected(Problem.TENSORS));
                }
                String prefix = "replica" + r + ".";
                int width = otherWidth(shape(parts, prefix + "layer1.W")[1], random);
                replace(parts, prefix + "layer1.W", new int[]{shape(parts, prefix + "layer1.W")[0], width}, random);
                if (find(parts, prefix + "layer1.b").isPresent()) {
                    replace(parts, prefix + "layer1.b", new int[]{width}, random);
                }
                replace(parts, prefix + "layer2.W", new int[]{width, shape(parts, prefix + "layer2.W")[1]}, random);
                return mutation("replica " + r + " with its own hidden width " + width, meta, parts,
                        Expectation.rejected(Problem.TENSORS));
            }
        }
    }

    private static Mutation upgrade(List<Part> parts, ObjectNode meta, SplittableRandom random) {
        boolean declare = random.nextBoolean();
        for (Part p : List.copyOf(parts)) {
            parts.add(new Part("replica2." + p.name(), p.entry(), p.payload()));
        }
        if (declare) {
            meta.put("format_version", "2");
            meta.put("replicas", "2");
        }
        return mutation("a copy of every tensor as replica 2" + (declare ? ", declared as format_version 2"
                : " in a format_version 1 file"), meta, parts,
                declare ? Expectation.read() : Expectation.rejected(Problem.TENSORS));
    }

    private static Mutation probe(List<Part> parts, ObjectNode meta, SplittableRandom random) {
        switch (random.nextInt(6)) {
            case 0 -> {
                parts.add(part("extra", "F32", new int[]{2}, random));
                return mutation("a third tensor in a probe file", meta, parts, Expectation.rejected(Problem.PROBE));
            }
            case 1 -> {
                String name = random.nextBoolean() ? "inputs" : "labels";
                remove(parts, name);
                return mutation(name + " removed", meta, parts, Expectation.rejected(Problem.PROBE));
            }
            case 2 -> {
                int[] shape = shape(parts, "labels");
                replace(parts, "labels", new int[]{shape[0] - 1}, random);
                return mutation("one label fewer than inputs", meta, parts, Expectation.rejected(Problem.PROBE));
            }
            case 3 -> {
                rename(parts, "inputs", "tmp");
                rename(parts, "labels", "inputs");
                rename(parts, "tmp", "labels");
                return mutation("inputs and labels swapped", meta, parts, Expectation.rejected(Problem.PROBE));
            }
            case 4 -> {
                int rows = random.nextBoolean() ? ProbeBatch.MAX_SIZE + 1 : 46_341;
                replace(parts, "inputs", new int[]{rows, 1}, random);
                remove(parts, "labels");
                parts.add(new Part("labels", TensorMutations.entry("F16", rows), new byte[2 * rows]));
                return mutation("a probe batch of " + rows + " one-pixel inputs", meta, parts,
                        Expectation.rejected(Problem.PROBE));
            }
            default -> {
                int[] shape = shape(parts, "inputs");
                int rows = shape[0] - 1 - random.nextInt(shape[0] - 1);
                int classes = Integer.parseInt(meta.get("classes").textValue());
                double[] labels = new double[rows];
                for (int i = 0; i < rows; i++) {
                    labels[i] = random.nextInt(classes);
                }
                replace(parts, "inputs", new int[]{rows, shape[1]}, random);
                remove(parts, "labels");
                parts.add(new Part("labels", TensorMutations.entry("F32", rows), Payloads.encode(labels, "F32")));
                return mutation("a probe batch of " + rows + " other inputs and labels", meta, parts,
                        Expectation.read());
            }
        }
    }

    private static Mutation mutation(String description, ObjectNode meta, List<Part> parts, Expectation expected) {
        return new Mutation(description, SafetensorsImage.assemble(meta, parts).toBytes(), expected);
    }

    private static List<String> prefixes(int replicas) {
        List<String> prefixes = new ArrayList<>(List.of(""));
        for (int r = 2; r <= replicas; r++) {
            prefixes.add("replica" + r + ".");
        }
        return prefixes;
    }

    private static int otherWidth(int width, SplittableRandom random) {
        int[] options = {width + 1, Math.max(1, width - 1), 2 * width, 1, width + 7};
        int other = options[random.nextInt(options.length)];
        return other == width ? width + 1 : other;
    }

    private static Optional<Part> find(List<Part> parts, String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static int[] shape(List<Part> parts, String name) {
        ArrayNode shape = (ArrayNode) find(parts, name).orElseThrow().entry().get("shape");
        int[] dims = new int[shape.size()];
        for (int k = 0; k < dims.length; k++) {
            dims[k] = shape.get(k).intValue();
        }
        return dims;
    }

    /** Replaces (or adds) tensor {@code name} by one of {@code shape} with random finite values. */
    private static void replace(List<Part> parts, String name, int[] shape, SplittableRandom random) {
        Optional<Part> old = find(parts, name);
        String dtype = old.map(p -> p.entry().get("dtype").textValue())
                .orElse(parts.get(0).entry().get("dtype").textValue());
        Part fresh = part(name, dtype, shape, random);
        if (old.isPresent()) {
            parts.set(parts.indexOf(old.get()), fresh);
        } else {
            parts.add(fresh);
        }
    }

    private static void remove(List<Part> parts, String name) {
        parts.removeIf(p -> p.name().equals(name));
    }

    private static void rename(List<Part> parts, String from, String to) {
        Part p = find(parts, from).orElseThrow();
        parts.set(parts.indexOf(p), new Part(to, p.entry(), p.payload()));
    }

    private static void dropLast(ObjectNode meta, String key) {
        String value = meta.get(key).textValue();
        meta.put(key, value.substring(0, value.lastIndexOf(',')));
    }

    private static Part part(String name, String dtype, int[] shape, SplittableRandom random) {
        return new Part(name, TensorMutations.entry(dtype, shape),
                Payloads.random(Arrays.stream(shape).reduce(1, (a, b) -> a * b), dtype, random));
    }
}
