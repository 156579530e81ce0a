package org.spinmon.analyzer.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;

/** Damage to the string metadata: values out of range or malformed, keys missing or unknown, wrong JSON types. */
final class MetadataMutations {

    private static final String[] INTEGERS = {"0", "1", "2", "3", "-1", "01", "1.0", " 1", "1 ", "", "+1", "0x10",
            "2147483647", "2147483648", "9223372036854775807", "9223372036854775808", "99999999999999999999",
            "\u0661", "\uff11", "1e3", "NaN"};
    private static final String[] NUMBERS = {"NaN", "Infinity", "-Infinity", "-0", "0", "1e400", "-1e400", "1e-400",
            "0x1p3", "1d", "1f", "1.5.2", " 1", "", "-1", "2", "0.5", "1.0000001", "4.9E-324", "1.7976931348623157E308",
            "1" + "0".repeat(400), "0." + "0".repeat(399) + "1", "1" + "0".repeat(401), "nan", "inf", "+1", "1e+99999"};
    private static final String[] TIMES = {"", "2026-11-23", "2026-11-23T10:15:30Z", "2026-11-23T10:15:30.123456789Z",
            "+999999999-12-31T23:59:59.999999999Z", "-999999999-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z",
            "2026-13-45T99:99:99Z", "2026-11-23T10:15:30+01:00", "1700000000", "now", "2026-11-23T10:15:30Z\n"};
    private static final String[] LABELS = {"", ",", ",,", " ", "relu", "relu,relu,relu,relu", "a b,c,d", "x".repeat(65),
            "x".repeat(64) + ",y,z", "swish,relu,softmax", "relu,relu,relu", "relu,tanh,sin", "a,b", "a\nb,c,d",
            "\u00e9,\u00e8,\u00ea", "sign,sign,identity", "softmax,softmax,softmax", "relu,relu,"};
    private static final String[] RUNS = {"", ".hidden", "a b", "a/b", "../etc", "x".repeat(128), "x".repeat(129),
            "\u00fc", "a\nb", "a,b", "run-1", "-", "_", "a\u0000b"};
    private static final String[] SEEDS = {"0", "-1", "9223372036854775807", "9223372036854775808", "x", "", "1.5"};

    private MetadataMutations() {
    }

    static Mutation mutate(SeedFile seed, SplittableRandom random) {
        SafetensorsImage image = SafetensorsImage.parse(seed.bytes());
        ObjectNode meta = image.metadata();
        List<String> keys = new ArrayList<>();
        meta.fieldNames().forEachRemaining(keys::add);
        String key = keys.get(random.nextInt(keys.size()));
        switch (random.nextInt(8)) {
            case 0 -> {
                meta.remove(key);
                return new Mutation("metadata " + key + " removed", image.toBytes(),
                        Expectation.rejected(Problem.METADATA));
            }
            case 1 -> {
                meta.put(random.nextBoolean() ? "comment" : "format_version ", "x");
                return new Mutation("an unknown metadata key", image.toBytes(), Expectation.rejected(Problem.METADATA));
            }
            case 2 -> {
                String[] values = {"1", "null", "{}", "[\"1\"]", "true", "1.5"};
                String value = values[random.nextInt(values.length)];
                meta.set(key, SafetensorsImage.json(value));
                return new Mutation("metadata " + key + " as the JSON value " + value, image.toBytes(),
                        Expectation.rejected(Problem.METADATA));
            }
            case 3 -> {
                String[] values = {"null", "[]", "\"x\"", "1", "[{}]"};
                String value = values[random.nextInt(values.length)];
                image.header().set(SafetensorsImage.METADATA, SafetensorsImage.json(value));
                return new Mutation("__metadata__ as the JSON value " + value, image.toBytes(),
                        Expectation.rejected(Problem.METADATA));
            }
            case 4 -> {
                image.header().remove(SafetensorsImage.METADATA);
                return new Mutation("no __metadata__", image.toBytes(), Expectation.rejected(Problem.METADATA));
            }
            default -> {
                String value = pick(valuesFor(key), random);
                meta.put(key, value);
                return new Mutation("metadata " + key + " = \"" + printable(value) + "\"", image.toBytes(),
                        Expectation.any());
            }
        }
    }

    private static String[] valuesFor(String key) {
        return switch (key) {
            case "format_version", "step", "replicas", "classes" -> INTEGERS;
            case "epoch", "loss", "accuracy" -> NUMBERS;
            case "time" -> TIMES;
            case "activations", "layer_names" -> LABELS;
            case "run", "source" -> RUNS;
            case "seed" -> SEEDS;
            default -> throw new IllegalArgumentException("no values for metadata key " + key);
        };
    }

    private static String pick(String[] values, SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }

    /** @return {@code s} with control characters escaped and at most 60 characters, for descriptions */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.length() > 60 ? b.substring(0, 60) + "..." : b.toString();
    }
}
