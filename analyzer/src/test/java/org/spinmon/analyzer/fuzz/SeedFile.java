package org.spinmon.analyzer.fuzz;

/**
 * A valid file that mutants are derived from.
 *
 * @param name  a short label, used in reports and mutant file names
 * @param kind  which reader it is for
 * @param bytes the whole file
 */
public record SeedFile(String name, FileKind kind, byte[] bytes) {

    /** Copies the bytes in. */
    public SeedFile {
        bytes = bytes.clone();
    }

    /** @return a copy of the file's bytes */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
