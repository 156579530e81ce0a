package org.spinmon.analyzer.fuzz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.spinmon.analyzer.fuzz.SafetensorsImage.Part;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;

/** Damage to where the tensors are: absurd shapes and offsets, overlapping spans, spans out of range. */
final class LayoutMutations {

    private static final String[] ABSURD_SHAPES = {"[]", "[0]", "[0,0]", "[-1,6]", "[2147483647,2147483647]",
            "[2147483648,1]", "[9223372036854775807,2]", "[18446744073709551616]", "[1000.0]", "[1.5,6]", "[\"12\",6]",
            "[null]", "{}", "\"12x6\"", "null", "[1,1,1,1,1,1,1,1,1]", "[65536,65536,65536,65536]",
            "[3037000500,3037000500]", "[2147483647,2147483647,2147483647]", "[1073741824,2]", "[true]",
            "[" + "1,".repeat(99) + "1]", "[1e9,1e9]", "[268435456,268435456]", "[-9223372036854775808]"};

    private LayoutMutations() {
    }

    static Mutation absurdShape(SeedFile seed, SplittableRandom random) {
        SafetensorsImage image = SafetensorsImage.parse(seed.bytes());
        String name = pickTensor(image, random);
        int[] shape = image.shape(name);
        if (random.nextInt(3) > 0) {
            String absurd = ABSURD_SHAPES[random.nextInt(ABSURD_SHAPES.length)];
            image.entry(name).set("shape", SafetensorsImage.json(absurd));
            return new Mutation("tensor " + name + " " + Arrays.toString(shape) + " given the shape " + shorten(absurd),
                    image.toBytes(), Expectation.rejected(Problem.SHAPE));
        }
        int[] reshaped = reshape(shape, random);
        ArrayNode node = image.entry(name).putArray("shape");
        Arrays.stream(reshaped).forEach(node::add);
        return new Mutation("tensor " + name + " " + Arrays.toString(shape) + " reshaped to "
                + Arrays.toString(reshaped) + " (same byte count)", image.toBytes(),
                Expectation.rejected(Problem.TENSORS, Problem.LAYER_CHAIN, Problem.PROBE));
    }

    /** @return a different shape with the same number of elements */
    private static int[] reshape(int[] shape, SplittableRandom random) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        List<int[]> options = new ArrayList<>(List.of(new int[]{n}, new int[]{1, n}, new int[]{n, 1},
                new int[]{1, 1, n}));
        if (shape.length == 2) {
            options.add(new int[]{shape[1], shape[0]});
            options.add(new int[]{shape[0], 1, shape[1]});
        }
        for (int a = 2; a < n; a++) {
            if (n % a == 0) {
                options.add(new int[]{a, n / a});
            }
        }
        options.removeIf(o -> Arrays.equals(o, shape));
        return options.get(random.nextInt(options.size()));
    }

    static Mutation absurdOffsets(SeedFile seed, SplittableRandom random) {
        SafetensorsImage image = SafetensorsImage.parse(seed.bytes());
        String name = pickTensor(image, random);
        long b = image.begin(name);
        long e = image.end(name);
        String[] values = {"[-1," + e + "]", "[" + b + ",-1]", "[9223372036854775807,9223372036854775807]",
                "[0,9223372036854775807]", "[18446744073709551615,0]", "[" + b + ".0," + e + ".0]",
                "[\"" + b + "\",\"" + e + "\"]", "[null,null]", "[]", "[" + b + "]", "[" + b + "," + e + ",1]", "{}",
                "null", "[" + e + "," + b + "]", "[" + b + "," + b + "]", "[" + (b + 1) + "," + (e + 1) + "]",
                "[" + b + "," + (e - 1) + "]", "[1e400,0]", "[" + "9".repeat(41) + ",0]", "[-9223372036854775808,"
                + e + "]", "[" + b + "," + (e + 4294967296L) + "]", "\"" + b + "-" + e + "\""};
        String value = values[random.nextInt(values.length)];
        image.entry(name).set("data_offsets", SafetensorsImage.json(value));
        return new Mutation("tensor " + name + " [" + b + ", " + e + ") given the offsets " + value, image.toBytes(),
                Expectation.rejected(Problem.OFFSETS, Problem.SHAPE, Problem.GAP, Problem.HEADER_JSON));
    }

    static Mutation overlapping(SeedFile seed, SplittableRandom random) {
        SafetensorsImage image = SafetensorsImage.parse(seed.bytes());
        List<String> byOffset = image.tensorsByOffset();
        switch (random.nextInt(4)) {
            case 0 -> {
                // One tensor aliases bytes of the others, which are laid out contiguously: the spans cover the data
                // section exactly, so only the overlap is wrong.
                List<Part> parts = new ArrayList<>(image.parts());
                Part alias = parts.stream().min((x, y) -> Integer.compare(x.payload().length, y.payload().length))
                        .orElseThrow();
                parts.remove(alias);
                SafetensorsImage laid = SafetensorsImage.assemble(image.metadata(), parts);
                int room = laid.dataLength() - alias.payload().length;
                int start = random.nextInt(room + 1);
                ObjectNode entry = alias.entry().deepCopy();
                entry.putArray("data_offsets").add(start).add(start + alias.payload().length);
                laid.header().set(alias.name(), entry);
                return new Mutation("tensor " + alias.name() + " aliases bytes [" + start + ", "
                        + (start + alias.payload().length) + ") of the others", laid.toBytes(),
                        Expectation.rejected(Problem.OVERLAP));
            }
            case 1 -> {
                String name = byOffset.get(1 + random.nextInt(byOffset.size() - 1));
                int size = elementSize(image.dtype(name));
                long b = image.begin(name);
                long k = size * (1 + random.nextInt((int) Math.max(1, b / size)));
                k = Math.min(k, b);
                long e = image.end(name);
                image.entry(name).putArray("data_offsets").add(b - k).add(e - k);
                return new Mutation("tensor " + name + " shifted " + k + " bytes into its predecessor",
                        image.toBytes(), Expectation.rejected(Problem.OVERLAP));
            }
            case 2 -> {
                for (String name : byOffset) {
                    long size = image.end(name) - image.begin(name);
                    image.entry(name).putArray("data_offsets").add(0).add(size);
                }
                return new Mutation("every tensor starts at offset 0", image.toBytes(),
                        Expectation.rejected(Problem.OVERLAP));
            }
            default -> {
                String a = byOffset.get(random.nextInt(byOffset.size()));
                String b = byOffset.get(random.nextInt(byOffset.size()));
                if (a.equals(b)) {
                    b = byOffset.get((byOffset.indexOf(a) + 1) % byOffset.size());
                }
                image.entry(b).set("data_offsets", image.entry(a).get("data_offsets").deepCopy());
                return new Mutation("tensor " + b + " given the span of " + a, image.toBytes(),
                        Expectation.rejected(Problem.OVERLAP, Problem.GAP, Problem.SHAPE));
            }
        }
    }

    static Mutation outOfRange(SeedFile seed, SplittableRandom random) {
        SafetensorsImage image = SafetensorsImage.parse(seed.bytes());
        String name = pickTensor(image, random);
        long length = image.dataLength();
        long[] deltas = {1, 2, 4, 8, 1L << 20, 1L << 31, 1L << 40, Long.MAX_VALUE - length - 1};
        long delta = deltas[random.nextInt(deltas.length)];
        switch (random.nextInt(5)) {
            case 0 -> {
                long b = image.begin(name);
                image.entry(name).putArray("data_offsets").add(b).add(length + delta);
                return new Mutation("tensor " + name + " ends " + delta + " bytes past the data section",
                        image.toBytes(), Expectation.rejected(Problem.OFFSETS));
            }
            case 1 -> {
                long size = image.end(name) - image.begin(name);
                image.entry(name).putArray("data_offsets").add(length + delta).add(length + delta + size);
                return new Mutation("tensor " + name + " starts " + delta + " bytes past the data section",
                        image.toBytes(), Expectation.rejected(Problem.OFFSETS));
            }
            case 2 -> {
                int cut = 1 + random.nextInt(Math.min(16, image.dataLength()));
                byte[] data = Arrays.copyOf(image.data(), image.dataLength() - cut);
                return new Mutation("data section " + cut + " bytes shorter than the spans",
                        image.withData(data).toBytes(), Expectation.rejected(Problem.OFFSETS));
            }
            case 3 -> {
                int extra = 1 + random.nextInt(64);
                byte[] data = Arrays.copyOf(image.data(), image.dataLength() + extra);
                for (int i = image.dataLength(); i < data.length; i++) {
                    data[i] = (byte) random.nextInt(256);
                }
                return new Mutation(extra + " garbage bytes after the last span", image.withData(data).toBytes(),
                        Expectation.rejected(Problem.GAP));
            }
            default -> {
                int shift = 1 + random.nextInt(16);
                for (String t : image.tensorNames()) {
                    long b = image.begin(t);
                    long e = image.end(t);
                    image.entry(t).putArray("data_offsets").add(b + shift).add(e + shift);
                }
                boolean pad = random.nextBoolean();
                byte[] data = image.data();
                if (pad) {
                    byte[] padded = new byte[data.length + shift];
                    System.arraycopy(data, 0, padded, shift, data.length);
                    data = padded;
                }
                return new Mutation("every span shifted by " + shift + " bytes" + (pad ? ", data padded in front"
                        : ""), image.withData(data).toBytes(),
                        Expectation.rejected(pad ? Problem.GAP : Problem.OFFSETS));
            }
        }
    }

    private static String pickTensor(SafetensorsImage image, SplittableRandom random) {
        List<String> names = image.tensorNames();
        return names.get(random.nextInt(names.size()));
    }

    /** @return the element size of a readable dtype name */
    static int elementSize(String dtype) {
        return switch (dtype) {
            case "F64" -> 8;
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> throw new IllegalArgumentException(dtype);
        };
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
