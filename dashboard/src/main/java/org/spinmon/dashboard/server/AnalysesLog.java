package org.spinmon.dashboard.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spinmon.dashboard.json.AnalysisJson;

/**
 * Reads a run's {@value MonitorServer#ANALYSES} as a crash may have left it. The file is appended one line per
 * analysis; a process killed while it appends leaves a last line cut short, which may end anywhere: inside a
 * number, after the brace of an inner object, or between the two bytes of a UTF-8 character. Every line is
 * therefore parsed, and only the lines that are whole JSON objects are kept; the others are counted by their line
 * numbers, never read as analyses and never fatal.
 */
public final class AnalysesLog {

    private static final ObjectReader STRICT = AnalysisJson.JSON.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private AnalysesLog() {
    }

    /**
     * What the file holds.
     *
     * @param lines   the lines that are whole JSON objects, in file order, as written
     * @param skipped the numbers (from 1) of the non-blank lines that are not: after a crash, at most the last
     */
    public record Contents(List<String> lines, List<Integer> skipped) {

        /** Copies the lists in. */
        public Contents {
            lines = List.copyOf(lines);
            skipped = List.copyOf(skipped);
        }
    }

    /** @return the whole analyses of {@code file}, and the lines skipped */
    public static Contents read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<String> lines = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        int start = 0;
        int number = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            number++;
            // Malformed UTF-8 (a character cut in two) becomes U+FFFD here and the line then fails to parse.
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            if (!line.isBlank()) {
                if (isObject(line)) {
                    lines.add(line);
                } else {
                    skipped.add(number);
                }
            }
            start = end + 1;
        }
        return new Contents(lines, skipped);
    }

    private static boolean isObject(String line) {
        try {
            JsonNode node = STRICT.readTree(line);
            return node != null && node.isObject();
        } catch (JacksonException e) {
            return false;
        }
    }
}
