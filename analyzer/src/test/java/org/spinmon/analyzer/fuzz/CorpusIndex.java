package org.spinmon.analyzer.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The index of the regression corpus, {@value #FILE_NAME}: one line per file, tab-separated: the file name, the
 * reader ({@code snapshot} or {@code probe}), the outcome ({@value #READ} or the rejection's problem name), a
 * substring the rejection's message must contain ({@code -} for none) and why the file is in the corpus. Lines
 * starting with {@code #} are comments.
 */
public final class CorpusIndex {

    /** The index file's name. */
    public static final String FILE_NAME = "index.tsv";
    /** The outcome of a file that must be read. */
    public static final String READ = "read";

    private CorpusIndex() {
    }

    /**
     * One corpus file.
     *
     * @param file     the file name, next to the index
     * @param kind     which reader reads it
     * @param outcome  {@value #READ} or the name of the problem it must be rejected with
     * @param expected a substring of the rejection's message, or {@code -}
     * @param why      where it comes from and what it guards against
     */
    public record Entry(String file, FileKind kind, String outcome, String expected, String why) {
    }

    /** Where the corpus lies on the test class path (in the analyzer's test classes and test jar). */
    public static final String RESOURCE = "/corpus/";

    /**
     * Copies the corpus from the test class path (a directory or the analyzer's test jar) to {@code dir}.
     *
     * @return its entries
     */
    public static List<Entry> copyTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        copy(FILE_NAME, dir);
        List<Entry> entries = read(dir.resolve(FILE_NAME));
        for (Entry e : entries) {
            copy(e.file(), dir);
        }
        return entries;
    }

    private static void copy(String name, Path dir) throws IOException {
        try (InputStream in = CorpusIndex.class.getResourceAsStream(RESOURCE + name)) {
            if (in == null) {
                throw new IOException("no " + RESOURCE + name + " on the class path");
            }
            Files.copy(in, dir.resolve(name));
        }
    }

    /** @return the entries of the index at {@code index} */
    public static List<Entry> read(Path index) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 5) {
                throw new IOException(index + ": not 5 tab-separated fields: " + line);
            }
            entries.add(new Entry(f[0], FileKind.valueOf(f[1].toUpperCase(Locale.ROOT)), f[2], f[3], f[4]));
        }
        return entries;
    }

    /** Writes {@code entries} as an index, with the header comment. */
    public static void write(Path index, List<Entry> entries) throws IOException {
        StringBuilder b = new StringBuilder("# file\treader\toutcome\tmessage contains\twhy\n");
        for (Entry e : entries) {
            b.append(String.join("\t", e.file(), e.kind().name().toLowerCase(Locale.ROOT), e.outcome(),
                    field(e.expected()), field(e.why()))).append('\n');
        }
        Files.writeString(index, b.toString(), StandardCharsets.UTF_8);
    }

    /** @return {@code s} as one field: no tabs or line breaks, at most 400 characters */
    private static String field(String s) {
        String flat = s.replaceAll("[\\t\\r\\n]", " ");
        return flat.length() > 400 ? flat.substring(0, 400) : flat;
    }
}
