package org.spinmon.analyzer.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory made for one task, removed with everything in it when closed. In a try-with-resources statement a
 * failure to remove it never hides the task's own failure: Java attaches it to that failure as suppressed, and it
 * is thrown only when the task itself succeeded (a {@code finally} that deletes would replace the task's failure).
 */
public final class TemporaryDirectory implements AutoCloseable {

    private final Path path;

    private TemporaryDirectory(Path path) {
        this.path = path;
    }

    /** @return a new empty directory in the system's temporary directory, its name starting with {@code prefix} */
    public static TemporaryDirectory create(String prefix) throws IOException {
        return new TemporaryDirectory(Files.createTempDirectory(prefix));
    }

    /** @return the directory */
    public Path path() {
        return path;
    }

    /** Removes the directory and everything in it. */
    @Override
    public void close() throws IOException {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
