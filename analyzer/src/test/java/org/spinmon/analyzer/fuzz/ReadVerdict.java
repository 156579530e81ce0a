package org.spinmon.analyzer.fuzz;

import java.util.List;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;

/**
 * What the readers did with one file.
 *
 * @param problem        the problem of the rejection, or {@code null} when the file was read (or a reader failed)
 * @param message        the rejection's message, or {@code null} when the file was read
 * @param nonFinite      the number of NaN or infinite values read, 0 for a rejection
 * @param allocatedBytes the bytes the reading thread allocated while reading the file
 * @param nanos          the wall time of the reading
 * @param violations     every way in which the readers broke their contract on this file
 * @param failure        what escaped a reader, if anything did (then also a violation)
 */
public record ReadVerdict(Problem problem, String message, long nonFinite, long allocatedBytes, long nanos,
                          List<String> violations, Throwable failure) {

    /** Copies the list in. */
    public ReadVerdict {
        violations = List.copyOf(violations);
    }

    /** @return whether the file was read */
    public boolean read() {
        return message == null && failure == null;
    }
}
