package org.spinmon.analyzer.fuzz;

/**
 * One damaged file and what its reader must do with it.
 *
 * @param description what was done, for reports and the corpus index
 * @param bytes       the whole damaged file
 * @param expected    the required outcome
 */
public record Mutation(String description, byte[] bytes, Expectation expected) {

    /** Copies the bytes in. */
    public Mutation {
        bytes = bytes.clone();
    }

    /** @return a copy of the bytes */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
