package org.spinmon.analyzer.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoProblemsTest {

    @TempDir
    Path dir;

    @Test
    void aBarePathGetsItsReason() {
        // What the JDK throws for EACCES: the message is the path alone.
        AccessDeniedException denied = new AccessDeniedException("/runs/r1");
        assertEquals("/runs/r1", denied.getMessage());
        assertEquals("/runs/r1: permission denied", IoProblems.describe(denied));
    }

    @Test
    void theSystemsReasonIsKeptWithTheFile() {
        assertEquals("/runs/r1/x: No space left on device",
                IoProblems.describe(new FileSystemException("/runs/r1/x", null, "No space left on device")));
        assertEquals("No space left on device", IoProblems.describe(new IOException("No space left on device")));
        assertEquals("IOException", IoProblems.describe(new IOException()));
    }

    @Test
    void aRealMissingFileIsNamedWithItsReason() {
        Path missing = dir.resolve("missing");
        try {
            Files.readAllBytes(missing);
        } catch (IOException e) {
            NoSuchFileException noSuch = (NoSuchFileException) e;
            assertEquals(missing + ": no such file or directory", IoProblems.describe(noSuch));
            return;
        }
        throw new AssertionError("reading a missing file did not fail");
    }
}
