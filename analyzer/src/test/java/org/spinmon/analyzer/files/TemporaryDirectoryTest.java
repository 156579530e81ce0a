package org.spinmon.analyzer.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TemporaryDirectoryTest {

    @Test
    void closingRemovesTheDirectoryAndEverythingInIt() throws IOException {
        Path path;
        try (TemporaryDirectory dir = TemporaryDirectory.create("spinmon-test-")) {
            path = dir.path();
            Files.writeString(Files.createDirectories(path.resolve("a/b")).resolve("c.txt"), "c");
            Files.writeString(path.resolve("d.txt"), "d");
            assertTrue(path.getFileName().toString().startsWith("spinmon-test-"), path.toString());
        }
        assertFalse(Files.exists(path), path + " is removed");
    }

    /** The task's failure is the one thrown; the failure to remove the directory rides along, suppressed. */
    @Test
    void aFailureToRemoveTheDirectoryDoesNotHideTheTasksFailure() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            try (TemporaryDirectory dir = TemporaryDirectory.create("spinmon-test-")) {
                Files.delete(dir.path());
                throw new IllegalStateException("the task failed");
            }
        });
        assertEquals("the task failed", thrown.getMessage());
        assertEquals(1, thrown.getSuppressed().length);
        assertTrue(thrown.getSuppressed()[0] instanceof NoSuchFileException, thrown.getSuppressed()[0].toString());
    }

    @Test
    void aFailureToRemoveTheDirectoryAfterASuccessIsThrown() {
        assertThrows(NoSuchFileException.class, () -> {
            try (TemporaryDirectory dir = TemporaryDirectory.create("spinmon-test-")) {
                Files.delete(dir.path());
            }
        });
    }
}
