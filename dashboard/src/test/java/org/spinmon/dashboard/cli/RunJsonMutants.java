package org.spinmon.dashboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Mutants of one valid run.json, derived deterministically (the seed only picks the random byte positions of the
 * non-UTF-8 class): truncation at every byte; every key (and array element) removed; every value, at every depth,
 * replaced by each of {@link #VALUES}; list-valued settings replaced by lists of 10⁶ elements; every key
 * duplicated; nesting to 100,000 levels; 50 MB strings; non-UTF-8 bytes. The JSON is re-emitted from the parsed
 * tree with one edit, so every other byte stays as spinmon wrote it.
 */
final class RunJsonMutants {

    /** One mutant: its class, a name saying what was done, its bytes, and whether it must be refused. */
    record Mutant(String kind, String name, byte[] bytes, boolean mustFail) {
    }

    /** The replacement values, as raw JSON text. */
    static final List<String> VALUES = List.of("null", "\"x\"", "\"two\\nlines\\u2028\\u0000\"", "true", "[]",
            hugeArray(100_000, false), "{\"a\":1}", "{}", "-1", "0", "1.5", "2147483647", "2147483648", "-2147483649",
            "9223372036854775808", "-9223372036854775809", "1e400", "-1e400", "1" + "0".repeat(400), "\"NaN\"",
            "\"Infinity\"", "\"-Infinity\"", "NaN", "Infinity");

    /** Keys whose value is a list that a setting reads element by element. */
    private static final List<String> LIST_KEYS = List.of("betas", "classes", "widths", "taus", "dead_inputs",
            "activations");

    private static final JsonMapper JSON = new JsonMapper();

    private final byte[] seed;
    private final JsonNode tree;
    private final long randomSeed;

    RunJsonMutants(byte[] seed, long randomSeed) throws IOException {
        this.seed = seed.clone();
        this.tree = JSON.readTree(seed);
        this.randomSeed = randomSeed;
    }

    /** Feeds every mutant to {@code sink}, in a fixed order. */
    void forEach(Consumer<Mutant> sink) {
        for (int n = 0; n < seed.length; n++) {
            sink.accept(new Mutant("truncation", "cut at byte " + n, Arrays.copyOf(seed, n), true));
        }
        List<String> paths = new ArrayList<>();
        collect(tree, "", paths);
        for (String path : paths) {
            sink.accept(new Mutant("removal", "removed " + path, edit(path, Edit.REMOVE, null), false));
        }
        for (String path : paths) {
            for (String v : VALUES) {
                sink.accept(new Mutant("value", path + " = " + shortly(v), edit(path, Edit.REPLACE, v), false));
            }
            String key = path.substring(path.lastIndexOf('/') + 1);
            if (LIST_KEYS.contains(key)) {
                sink.accept(new Mutant("huge list", path + " = 10^6 distinct integers",
                        edit(path, Edit.REPLACE, hugeArray(1_000_000, true)), false));
                sink.accept(new Mutant("huge list", path + " = 10^6 strings",
                        edit(path, Edit.REPLACE, "[" + String.join(",", Collections.nCopies(1_000_000,
                                "\"relu\"")) + "]"), false));
            }
        }
        for (String path : paths) {
            if (!path.substring(path.lastIndexOf('/') + 1).matches("[0-9]+")) {
                sink.accept(new Mutant("duplicate key", "twice " + path, edit(path, Edit.DUPLICATE, null), true));
            }
        }
        nesting(sink);
        longStrings(sink);
        nonUtf8(sink);
    }

    private void nesting(Consumer<Mutant> sink) {
        int depth = 100_000;
        String arrays = "[".repeat(depth) + "]".repeat(depth);
        String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        sink.accept(new Mutant("nesting", "config.analysis = 100,000 nested lists",
                edit("/config/analysis", Edit.REPLACE, arrays), false));
        sink.accept(new Mutant("nesting", "config.analysis.views = 100,000 nested objects",
                edit("/config/analysis/views", Edit.REPLACE, objects), false));
        sink.accept(new Mutant("nesting", "seeds = 100,000 nested objects",
                edit("/seeds", Edit.REPLACE, objects), false));
        sink.accept(new Mutant("nesting", "the file is 100,000 nested lists", ascii(arrays), true));
        sink.accept(new Mutant("nesting", "config.analysis = 100,000 unclosed lists",
                edit("/config/analysis", Edit.REPLACE, "[".repeat(depth)), true));
    }

    private void longStrings(Consumer<Mutant> sink) {
        String big = "\"" + "a".repeat(50_000_000) + "\"";
        sink.accept(new Mutant("50 MB string", "spinmon_version = 50 MB string",
                edit("/spinmon_version", Edit.REPLACE, big), false));
        sink.accept(new Mutant("50 MB string", "run = 50 MB string", edit("/run", Edit.REPLACE, big), true));
        sink.accept(new Mutant("50 MB string", "config.analysis.views.landscape.betas[0] = 50 MB string",
                edit("/config/analysis/views/landscape/betas/0", Edit.REPLACE, big), true));
        String text = new String(seed, StandardCharsets.UTF_8);
        sink.accept(new Mutant("50 MB string", "a 50 MB key in config",
                ascii(text.replaceFirst("\"config\" *: *\\{", "\"config\" : { " + big + " : 1,")), false));
    }

    private void nonUtf8(Consumer<Mutant> sink) {
        byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}};
        int at = new String(seed, StandardCharsets.UTF_8).indexOf("\"spinmon_version\"") + 1;
        Random random = new Random(randomSeed);
        for (byte[] b : bad) {
            sink.accept(new Mutant("non-UTF-8", "bytes " + hex(b) + " in a key", insert(seed, at, b), true));
            int anywhere = random.nextInt(seed.length);
            sink.accept(new Mutant("non-UTF-8", "bytes " + hex(b) + " at byte " + anywhere,
                    insert(seed, anywhere, b), false));
            sink.accept(new Mutant("non-UTF-8", "bytes " + hex(b) + " at the start", insert(seed, 0, b), true));
        }
        String text = new String(seed, StandardCharsets.UTF_8);
        sink.accept(new Mutant("non-UTF-8", "UTF-16LE", text.getBytes(StandardCharsets.UTF_16LE), false));
        sink.accept(new Mutant("non-UTF-8", "UTF-16 with BOM", text.getBytes(StandardCharsets.UTF_16), false));
        sink.accept(new Mutant("non-UTF-8", "ISO-8859-1 'e acute' in spinmon_version",
                edit("/spinmon_version", Edit.REPLACE_BYTES, "\"caf\u00e9\""), true));
        sink.accept(new Mutant("non-UTF-8", "UTF-8 byte-order mark", insert(seed, 0, new byte[]{(byte) 0xEF,
                (byte) 0xBB, (byte) 0xBF}), false));
    }

    private enum Edit { REMOVE, REPLACE, REPLACE_BYTES, DUPLICATE }

    private byte[] edit(String target, Edit edit, String raw) {
        StringBuilder out = new StringBuilder();
        emit(tree, "", target, edit, raw, out);
        return edit == Edit.REPLACE_BYTES ? out.toString().getBytes(StandardCharsets.ISO_8859_1) : ascii(out.toString());
    }

    private static void emit(JsonNode node, String path, String target, Edit edit, String raw, StringBuilder out) {
        if (path.equals(target) && (edit == Edit.REPLACE || edit == Edit.REPLACE_BYTES)) {
            out.append(raw);
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path + "/" + e.getKey();
                if (child.equals(target) && edit == Edit.REMOVE) {
                    continue;
                }
                int times = child.equals(target) && edit == Edit.DUPLICATE ? 2 : 1;
                for (int t = 0; t < times; t++) {
                    out.append(first ? "" : ",").append(quote(e.getKey())).append(':');
                    emit(e.getValue(), child, target, edit, raw, out);
                    first = false;
                }
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            boolean first = true;
            for (int i = 0; i < node.size(); i++) {
                String child = path + "/" + i;
                if (child.equals(target) && edit == Edit.REMOVE) {
                    continue;
                }
                out.append(first ? "" : ",");
                emit(node.get(i), child, target, edit, raw, out);
                first = false;
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static void collect(JsonNode node, String path, List<String> paths) {
        if (!path.isEmpty()) {
            paths.add(path);
        }
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(k -> collect(node.get(k), path + "/" + k, paths));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, paths);
            }
        }
    }

    private static String hugeArray(int n, boolean distinct) {
        return IntStream.range(0, n).mapToObj(i -> distinct ? String.valueOf(i + 1) : "0")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static byte[] insert(byte[] bytes, int at, byte[] extra) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(bytes, 0, at);
        b.write(extra, 0, extra.length);
        b.write(bytes, at, bytes.length - at);
        return b.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] b) {
        return IntStream.range(0, b.length).mapToObj(i -> String.format("%02X", b[i] & 0xFF))
                .collect(Collectors.joining(" "));
    }

    private static String shortly(String raw) {
        return raw.length() > 30 ? raw.substring(0, 12) + "...(" + raw.length() + " characters)" : raw;
    }

    private static String quote(String key) {
        try {
            return JSON.writeValueAsString(key);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
