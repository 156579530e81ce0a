package org.spinmon.analyzer.fuzz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.fuzz.SafetensorsImage.Part;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;

/** Damage to what the tensors hold: dtypes and NaN/Inf payloads. */
final class TensorMutations {

    private static final String[] SAME_SIZE_INTEGERS_4 = {"I32", "U32"};
    private static final String[] SAME_SIZE_INTEGERS_8 = {"I64", "U64"};
    private static final String[] OTHER_KNOWN = {"BOOL", "U8", "I8", "I16", "U16", "F8_E4M3", "F8_E5M2"};
    private static final String[] UNKNOWN = {"Q8", "f32", "", "F32 ", "FLOAT", "F128", "complex64", "float32", "BF32",
            "F 32", "F32\u0000", "\u0130"};
    private static final String[] NOT_STRINGS = {"32", "null", "[]", "{}", "true", "[\"F32\"]"};
    private static final String[] FLOATS = {"F64", "F32", "F16", "BF16"};

    private TensorMutations() {
    }

    static Mutation wrongDtype(SeedFile seed, SplittableRandom random) {
        SafetensorsImage image = SafetensorsImage.parse(seed.bytes());
        List<String> names = image.tensorNames();
        String name = names.get(random.nextInt(names.size()));
        String dtype = image.dtype(name);
        switch (random.nextInt(5)) {
            case 0 -> {
                String other = dtype.equals("F64") ? pick(SAME_SIZE_INTEGERS_8, random)
                        : random.nextBoolean() ? pick(SAME_SIZE_INTEGERS_4, random) : pick(OTHER_KNOWN, random);
                image.entry(name).put("dtype", other);
                return new Mutation("tensor " + name + " " + dtype + " declared " + other, image.toBytes(),
                        Expectation.rejected(Problem.DTYPE));
            }
            case 1 -> {
                String other = pick(UNKNOWN, random);
                image.entry(name).put("dtype", other);
                return new Mutation("tensor " + name + " declared the unknown dtype \""
                        + MetadataMutations.printable(other) + "\"", image.toBytes(),
                        Expectation.rejected(Problem.DTYPE));
            }
            case 2 -> {
                String other = pick(NOT_STRINGS, random);
                image.entry(name).set("dtype", SafetensorsImage.json(other));
                return new Mutation("tensor " + name + " dtype as the JSON value " + other, image.toBytes(),
                        Expectation.rejected(Problem.DTYPE));
            }
            case 3 -> {
                String other = otherFloat(dtype, random);
                image.entry(name).put("dtype", other);
                return new Mutation("tensor " + name + " " + dtype + " declared " + other + ", data unchanged",
                        image.toBytes(), Expectation.rejected(Problem.SHAPE));
            }
            default -> {
                // A faithful re-encoding: mixed float types are valid safetensors, and spinmon reads all four.
                List<Part> parts = new ArrayList<>();
                List<String> changed = new ArrayList<>();
                for (Part p : image.parts()) {
                    String from = p.entry().get("dtype").textValue();
                    if (p.name().equals(name) || random.nextInt(4) == 0) {
                        String to = otherFloat(from, random);
                        ObjectNode entry = p.entry().deepCopy();
                        entry.put("dtype", to);
                        parts.add(new Part(p.name(), entry, Payloads.encode(Payloads.decode(p.payload(), from), to)));
                        changed.add(p.name() + " " + from + "->" + to);
                    } else {
                        parts.add(p);
                    }
                }
                return new Mutation("re-encoded " + changed, SafetensorsImage.assemble(image.metadata(), parts)
                        .toBytes(), Expectation.read());
            }
        }
    }

    static Mutation nanInf(SeedFile seed, SplittableRandom random) {
        SafetensorsImage image = SafetensorsImage.parse(seed.bytes());
        byte[] data = image.data();
        List<String> names = image.tensorNames();
        int tensors = 1 + random.nextInt(Math.min(3, names.size()));
        Map<String, Integer> planted = new LinkedHashMap<>();
        for (int t = 0; t < tensors; t++) {
            String name = names.get(random.nextInt(names.size()));
            String dtype = image.dtype(name);
            int size = LayoutMutations.elementSize(dtype);
            int begin = (int) image.begin(name);
            byte[] payload = Arrays.copyOfRange(data, begin, (int) image.end(name));
            int elements = payload.length / size;
            int count = random.nextInt(4) == 0 ? elements : 1 + random.nextInt(Math.min(5, elements));
            for (int k = 0; k < count; k++) {
                int index = count == elements ? k : random.nextInt(elements);
                Payloads.putBits(payload, dtype, index, special(size, random));
            }
            System.arraycopy(payload, 0, data, begin, payload.length);
            planted.put(name, count);
        }
        long nonFinite = 0;
        for (String name : names) {
            nonFinite += Arrays.stream(Payloads.decode(Arrays.copyOfRange(data, (int) image.begin(name),
                    (int) image.end(name)), image.dtype(name))).filter(v -> !Double.isFinite(v)).count();
        }
        return new Mutation("NaN/Inf/extreme values planted " + planted + ", " + nonFinite + " non-finite",
                image.withData(data).toBytes(), seed.kind() == FileKind.SNAPSHOT
                ? Expectation.readWithNonFinite(nonFinite) : Expectation.any());
    }

    /**
     * @return the raw bits of a NaN, an infinity or an extreme finite value of the given width (for float64 also the
     *         analysis' largest magnitude and a value beyond it)
     */
    private static long special(int size, SplittableRandom random) {
        long[] bits = switch (size) {
            case 8 -> new long[]{0x7FF8000000000000L, 0x7FF0000000000001L, 0xFFF8000000000000L, 0x7FF0000000000000L,
                    0xFFF0000000000000L, 0x7FEFFFFFFFFFFFFFL, 0x0000000000000001L, 0x8000000000000000L,
                    0x7FFFFFFFFFFFFFFFL, Double.doubleToRawLongBits(SnapshotAnalyzer.MAX_MAGNITUDE),
                    Double.doubleToRawLongBits(-SnapshotAnalyzer.MAX_MAGNITUDE), Double.doubleToRawLongBits(1e101)};
            case 4 -> new long[]{0x7FC00000L, 0x7F800001L, 0xFFC00000L, 0x7F800000L, 0xFF800000L, 0x7F7FFFFFL,
                    0x00000001L, 0x80000000L, 0x7FFFFFFFL};
            default -> new long[]{0x7E00L, 0x7C01L, 0xFE00L, 0x7C00L, 0xFC00L, 0x7BFFL, 0x0001L, 0x8000L};
        };
        return bits[random.nextInt(bits.length)];
    }

    private static String otherFloat(String dtype, SplittableRandom random) {
        String other;
        do {
            other = pick(FLOATS, random);
        } while (other.equals(dtype));
        return other;
    }

    private static String pick(String[] values, SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }

    /** @return a header entry of the given dtype and shape, without offsets */
    static ObjectNode entry(String dtype, int... shape) {
        ObjectNode entry = SafetensorsImage.mapper().createObjectNode();
        entry.put("dtype", dtype);
        ArrayNode dims = entry.putArray("shape");
        Arrays.stream(shape).forEach(dims::add);
        return entry;
    }
}
