package org.spinmon.analyzer.safetensors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A snapshot or safetensors file that cannot be read, with the file, the kind of problem and what exactly
 * is wrong. The reader throws nothing else for a bad file (I/O errors of the device itself are plain
 * {@link IOException}s).
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

    private final transient Path file;
    private final Problem problem;
    private final String detail;

    /** Creates the exception for {@code file}. */
    public SafetensorsException(Path file, Problem problem, String detail) {
        super(file + ": " + problem.description() + ": " + detail);
        this.file = Objects.requireNonNull(file);
        this.problem = Objects.requireNonNull(problem);
        this.detail = Objects.requireNonNull(detail);
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
