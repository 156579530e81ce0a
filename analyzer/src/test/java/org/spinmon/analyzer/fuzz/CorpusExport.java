package org.spinmon.analyzer.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes corpus candidates from a campaign: the smallest mutant rejected with each problem and the smallest mutant
 * of each class that was read, with a draft {@value CorpusIndex#FILE_NAME} in the corpus format. The committed
 * corpus ({@code src/test/resources/corpus}) is chosen from such candidates by hand.
 */
public final class CorpusExport {

    private CorpusExport() {
    }

    /** Writes the candidates of {@code report} to {@code dir}. */
    public static void write(FuzzReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, CorpusIndex.Entry> entries = new TreeMap<>();
        for (var e : report.smallestRejected().entrySet()) {
            String message = e.getValue().message();
            String file = "problem-" + e.getKey().name().toLowerCase(Locale.ROOT) + ".safetensors";
            entries.put(file, entry(dir, file, e.getValue().mutant(), e.getKey().name(),
                    message.substring(message.indexOf(": ") + 2)));
        }
        for (var e : report.smallestRead().entrySet()) {
            String file = "read-" + e.getKey().slug() + ".safetensors";
            entries.put(file, entry(dir, file, e.getValue().mutant(), CorpusIndex.READ, "-"));
        }
        CorpusIndex.write(dir.resolve(CorpusIndex.FILE_NAME), new ArrayList<>(entries.values()));
    }

    private static CorpusIndex.Entry entry(Path dir, String file, Mutant m, String outcome, String expected)
            throws IOException {
        Files.write(dir.resolve(file), m.mutation().bytes());
        return new CorpusIndex.Entry(file, m.kind(), outcome, expected, m.family().label() + ": "
                + m.mutation().description() + " (seed " + m.seed().name() + ", mutant " + m.index() + ")");
    }
}
