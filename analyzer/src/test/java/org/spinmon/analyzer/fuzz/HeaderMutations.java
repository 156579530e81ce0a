package org.spinmon.analyzer.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;

/**
 * Damage to the header's JSON text and tree, and harmless rewritings of it that a strict reader must still
 * accept (whitespace, key order, escapes).
 */
final class HeaderMutations {

    private static final String[] TOKENS_FROM = {"\"F32\"", "\"F64\"", "[", "]", ",", ":", "\"shape\"",
            "\"data_offsets\"", "\"dtype\"", "\"step\"", "\"1\"", "layer1", "\"activations\"", "{", "}", "0", "6",
            "3", "\""};
    private static final String[] TOKENS_TO = {"\"F64\"", "\"I64\"", "\"F16\"", "\"Q8\"", "[-1]", "[1e999]",
            "[0.5]", "\"NaN\"", "[]", "[99999999999]", "[9223372036854775807]", "{}", "null", "layer9", "\"x\"",
            "\"__metadata__\"", "1.0", "-0", "[0,0]", ",,", "\"\\ud800\"", "\"\u00e9\"", "12", "\"step\":\"-1\",\"q\"",
            "", " ", "\"\\u0000\"", "true", "NaN", "Infinity", "0x10", "+1", "01", "1e2", "'x'", "/*c*/", "\\"};
    private static final String[] NOT_OBJECTS = {"null", "1", "\"x\"", "[]", "true", "[{}]", "-0.0"};

    private HeaderMutations() {
    }

    static Mutation mutate(SeedFile seed, SplittableRandom random) {
        SafetensorsImage image = SafetensorsImage.parse(seed.bytes());
        String text = image.headerText();
        byte[] data = image.data();
        List<String> names = image.tensorNames();
        String name = names.get(random.nextInt(names.size()));
        switch (random.nextInt(20)) {
            case 0 -> {
                String from = TOKENS_FROM[random.nextInt(TOKENS_FROM.length)];
                String to = TOKENS_TO[random.nextInt(TOKENS_TO.length)];
                int at = text.indexOf(from, random.nextInt(text.length()));
                at = at < 0 ? text.indexOf(from) : at;
                String mutated = at < 0 ? text + to : text.substring(0, at) + to + text.substring(at + from.length());
                return new Mutation("token " + from + " at " + at + " rewritten as " + to,
                        SafetensorsImage.file(mutated, data), Expectation.any());
            }
            case 1 -> {
                byte[] header = text.getBytes(StandardCharsets.UTF_8);
                int writes = 1 + random.nextInt(4);
                for (int k = 0; k < writes; k++) {
                    header[random.nextInt(header.length)] = (byte) random.nextInt(256);
                }
                return new Mutation(writes + " random byte(s) written into the header",
                        SafetensorsImage.file(header, data), Expectation.any());
            }
            case 2 -> {
                String[] keys = {"dtype", "shape", "data_offsets"};
                String key = keys[random.nextInt(keys.length)];
                image.entry(name).remove(key);
                return new Mutation("entry " + name + " without " + key, image.toBytes(),
                        Expectation.rejected(Problem.DTYPE, Problem.SHAPE, Problem.OFFSETS));
            }
            case 3 -> {
                image.entry(name).put(random.nextBoolean() ? "offsets" : "__extra__", 1);
                return new Mutation("entry " + name + " with an unknown key", image.toBytes(),
                        Expectation.rejected(Problem.HEADER_JSON));
            }
            case 4 -> {
                String value = NOT_OBJECTS[random.nextInt(NOT_OBJECTS.length)];
                image.header().set(name, SafetensorsImage.json(value));
                return new Mutation("entry " + name + " replaced by " + value, image.toBytes(),
                        Expectation.rejected(Problem.HEADER_JSON));
            }
            case 5 -> {
                String entry = "\"" + name + "\":" + image.entry(name).toString();
                String mutated = "{" + entry + "," + text.substring(1);
                return new Mutation("key " + name + " twice", SafetensorsImage.file(mutated, data),
                        Expectation.rejected(Problem.HEADER_JSON));
            }
            case 6 -> {
                String mutated = text.replaceFirst("\"dtype\":(\"[A-Z0-9]+\")", "\"dtype\":$1,\"dtype\":$1");
                return new Mutation("key dtype twice in one entry", SafetensorsImage.file(mutated, data),
                        Expectation.rejected(Problem.HEADER_JSON));
            }
            case 7 -> {
                String[] roots = {"[" + text + "]", "null", "\"" + name + "\"", "42", "true", " " + text, "\n" + text,
                        "\ufeff" + text, "", "{", "}", "{}", "[]"};
                String root = roots[random.nextInt(roots.length)];
                return new Mutation("header replaced by a different root (" + root.length() + " chars)",
                        SafetensorsImage.file(root, data), Expectation.rejected(Problem.HEADER_JSON,
                        Problem.HEADER_LENGTH, Problem.GAP));
            }
            case 8 -> {
                int depth = new int[]{6, 9, 64, 1000, 100_000}[random.nextInt(5)];
                String nested = "[".repeat(depth) + "]".repeat(depth);
                List<String> targets = new ArrayList<>(List.of("\"shape\":", "\"data_offsets\":", "\"dtype\":"));
                if (text.contains("\"step\":")) {
                    targets.add("\"step\":");
                }
                String target = targets.get(random.nextInt(targets.size()));
                String mutated = text.replaceFirst(java.util.regex.Pattern.quote(target) + "(\\[[^\\]]*\\]|\"[^\"]*\")",
                        java.util.regex.Matcher.quoteReplacement(target + nested));
                return new Mutation("value of " + target + " nested " + depth + " arrays deep",
                        SafetensorsImage.file(mutated, data), Expectation.rejected());
            }
            case 9 -> {
                int length = new int[]{81, 1000, 100_000, 2_000_000}[random.nextInt(4)];
                String longName = name + "x".repeat(length);
                JsonNode entry = image.header().remove(name);
                image.header().set(longName, entry);
                return new Mutation("tensor " + name + " renamed to a " + longName.length() + "-character name",
                        image.toBytes(), Expectation.rejected(Problem.TENSORS, Problem.PROBE, Problem.HEADER_JSON));
            }
            case 10 -> {
                String[] suffixes = {"\\n", "\\r\\n", "\\u0000", "\\t", "\\u2028", "\\ud800", "\\\"", "\\u001b[31m"};
                String suffix = suffixes[random.nextInt(suffixes.length)];
                String mutated = text.replace("\"" + name + "\":", "\"" + name + suffix + "\":");
                return new Mutation("tensor " + name + " renamed with the escape " + suffix,
                        SafetensorsImage.file(mutated, data), Expectation.rejected(Problem.TENSORS, Problem.PROBE));
            }
            case 11 -> {
                char control = (char) random.nextInt(0x20);
                String mutated = text.replace("\"" + name + "\":", "\"" + name + control + "\":");
                return new Mutation("raw control character " + (int) control + " in a key",
                        SafetensorsImage.file(mutated, data), Expectation.rejected(Problem.HEADER_JSON));
            }
            case 12 -> {
                String[] garbage = {"x", "}", ",", "\u0000", "\u0000\u0000\u0000", "{}", "//", "/* */", "\u00ff"};
                String tail = garbage[random.nextInt(garbage.length)];
                return new Mutation("garbage " + quoteControl(tail) + " after the header's closing brace",
                        SafetensorsImage.file(text + tail, data), Expectation.rejected(Problem.HEADER_JSON));
            }
            case 13 -> {
                String[] syntax = {"/* c */", "//c\n", ",", "'", "NaN", "Infinity"};
                String bad = syntax[random.nextInt(syntax.length)];
                int at = text.indexOf(',', random.nextInt(text.length()));
                at = at < 0 ? text.indexOf(',') : at;
                String mutated = text.substring(0, at + 1) + bad + text.substring(at + 1);
                // A comma inside a string (a list of activations) makes the insertion part of a value.
                boolean inString = text.substring(0, at).chars().filter(c -> c == '"').count() % 2 == 1;
                return new Mutation("lenient JSON " + quoteControl(bad) + " inserted at " + (at + 1),
                        SafetensorsImage.file(mutated, data),
                        inString ? Expectation.any() : Expectation.rejected(Problem.HEADER_JSON));
            }
            case 14 -> {
                String[] blanks = {" ", "\n", "\t", "\r\n", "   \n\t "};
                String blank = blanks[random.nextInt(blanks.length)];
                int times = 1 + random.nextInt(40);
                return new Mutation("header padded with " + times + " x " + quoteControl(blank),
                        SafetensorsImage.file(text + blank.repeat(times), data), Expectation.read());
            }
            case 15 -> {
                try {
                    String pretty = SafetensorsImage.mapper().writerWithDefaultPrettyPrinter()
                            .writeValueAsString(image.header());
                    return new Mutation("header pretty-printed", SafetensorsImage.file(pretty, data),
                            Expectation.read());
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            case 16 -> {
                List<String> keys = new ArrayList<>();
                image.header().fieldNames().forEachRemaining(keys::add);
                Collections.shuffle(keys, new java.util.Random(random.nextLong()));
                ObjectNode shuffled = SafetensorsImage.mapper().createObjectNode();
                for (String key : keys) {
                    shuffled.set(key, image.header().get(key));
                }
                return new Mutation("header keys in the order " + keys,
                        SafetensorsImage.file(shuffled.toString(), data), Expectation.read());
            }
            case 17 -> {
                int dot = name.indexOf('.') < 0 ? 0 : name.indexOf('.');
                String escaped = name.substring(0, dot) + String.format("\\u%04x", (int) name.charAt(dot))
                        + name.substring(dot + 1);
                String mutated = text.replace("\"" + name + "\":", "\"" + escaped + "\":");
                return new Mutation("tensor name " + name + " written with a \\u escape",
                        SafetensorsImage.file(mutated, data), Expectation.read());
            }
            case 18 -> {
                String[] numbers = {"288.0", "2.88e2", "0288", "-0", "1E1", "0.0", "99999999999999999999999999999",
                        "1" + "0".repeat(45), "4e", "--1", "0b1"};
                String number = numbers[random.nextInt(numbers.length)];
                String mutated = text.replaceFirst("(\"(?:shape|data_offsets)\":\\[)[0-9]+", "$1" + number);
                return new Mutation("first shape or offset number written as " + number,
                        SafetensorsImage.file(mutated, data), Expectation.rejected());
            }
            default -> {
                byte[] header = text.getBytes(StandardCharsets.UTF_8);
                byte[][] invalid = {{(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
                byte[] bad = invalid[random.nextInt(invalid.length)];
                int at = 1 + random.nextInt(header.length - 1);
                byte[] mutated = new byte[header.length + bad.length];
                System.arraycopy(header, 0, mutated, 0, at);
                System.arraycopy(bad, 0, mutated, at, bad.length);
                System.arraycopy(header, at, mutated, at + bad.length, header.length - at);
                return new Mutation("invalid UTF-8 " + Arrays.toString(bad) + " inserted at " + at,
                        SafetensorsImage.file(mutated, data), Expectation.rejected(Problem.HEADER_ENCODING));
            }
        }
    }

    private static String quoteControl(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.append('"').toString();
    }
}
