package org.spinmon.analyzer.safetensors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A snapshot or safetensors file that cannot be read, with the file, the kind of problem and what exactly
 * is wrong. The reader throws nothing else for a bad file (I/O errors of the device itself are plain
 * {@link IOException}s).
 *
 * <p>The detail quotes what the file holds (tensor names, metadata values, dtypes), and a hostile file can hold
 * anything: line breaks, terminal escapes, megabytes. So the detail is made one short line here, whoever builds
 * it: control characters (C0, DEL, C1 and the Unicode line and paragraph separators) are written as
 * Java-style escapes (a backslash, {@code u}, four hex digits), and a detail longer than
 * {@value #MAX_DETAIL_LENGTH} characters is cut and ends with {@code "..."}.
 */
public final class SafetensorsException extends IOException {

    /** What is wrong with a file. */
    public enum Problem {
        /** The file ends before its header or data does. */
        TRUNCATED("file is truncated"),
        /** The 8-byte header length is absurd: beyond the file, beyond the cap, or too small. */
        HEADER_LENGTH("bad header length"),
        /** The header is not valid UTF-8. */
        HEADER_ENCODING("header is not valid UTF-8"),
        /** The header is not a valid JSON object of the safetensors form. */
        HEADER_JSON("header is not valid safetensors JSON"),
        /** A dtype the format does not know, or one spinmon cannot read. */
        DTYPE("bad dtype"),
        /** A shape that is malformed or does not match its byte span. */
        SHAPE("bad shape"),
        /** Data offsets that are malformed or lie outside the data section. */
        OFFSETS("bad data offsets"),
        /** Two tensors share bytes. */
        OVERLAP("tensors overlap"),
        /** Bytes of the data section that no tensor covers. */
        GAP("data section has uncovered bytes"),
        /** The string metadata is malformed, or a snapshot field in it is missing or invalid. */
        METADATA("bad metadata"),
        /** The tensors are not the layers of a snapshot: unexpected, missing or misnumbered names, wrong rank. */
        TENSORS("not a spinmon snapshot"),
        /** Consecutive layers do not chain: nOut of layer k differs from nIn of layer k+1. */
        LAYER_CHAIN("layers do not chain"),
        /** The tensors are not a probe batch: not exactly inputs [P, N_0] and labels [P] of class indices. */
        PROBE("not a spinmon probe batch");

        private final String description;

        Problem(String description) {
            this.description = description;
        }

        /** @return a short human description */
        public String description() {
            return description;
        }
    }

    /** The longest detail a message carries, in characters; a longer one is cut and ends with "...". */
    public static final int MAX_DETAIL_LENGTH = 300;

    private final transient Path file;
    private final Problem problem;
    private final String detail;

    /** Creates the exception for {@code file}. */
    public SafetensorsException(Path file, Problem problem, String detail) {
        super(file + ": " + problem.description() + ": " + oneLine(Objects.requireNonNull(detail, "detail")));
        this.file = Objects.requireNonNull(file);
        this.problem = Objects.requireNonNull(problem);
        this.detail = oneLine(detail);
    }

    /**
     * @return {@code text} as one printable line: control characters written as a backslash, {@code u} and four
     *         hex digits, and cut to {@value #MAX_DETAIL_LENGTH} characters followed by "..." when longer
     */
    private static String oneLine(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() <= MAX_DETAIL_LENGTH; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() <= MAX_DETAIL_LENGTH) {
            return b.toString();
        }
        int cut = Character.isHighSurrogate(b.charAt(MAX_DETAIL_LENGTH - 1)) ? MAX_DETAIL_LENGTH - 1
                : MAX_DETAIL_LENGTH;
        return b.substring(0, cut) + "...";
    }

    /** @return the file that is wrong */
    public Path file() {
        return file;
    }

    /** @return the kind of problem */
    public Problem problem() {
        return problem;
    }

    /** @return what exactly is wrong, without the file name */
    public String detail() {
        return detail;
    }
}
