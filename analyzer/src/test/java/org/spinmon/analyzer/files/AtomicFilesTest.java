package org.spinmon.analyzer.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void theFinalNameAppearsOnlyWhenTheContentIsComplete() throws IOException {
        Path target = dir.resolve("a.safetensors");
        AtomicFiles.write(target, channel -> {
            AtomicFiles.writeFully(channel, ByteBuffer.wrap(new byte[]{1, 2}));
            assertFalse(Files.exists(target), "final name visible mid-write");
            List<Path> during = files();
            assertEquals(1, during.size());
            assertTrue(AtomicFiles.isTemporary(during.get(0)), during.get(0).toString());
            AtomicFiles.writeFully(channel, ByteBuffer.wrap(new byte[]{3}));
        });
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aWriteThatFailsMidwayLeavesTheOldFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("a.safetensors");
        AtomicFiles.write(target, new byte[]{7});
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, channel -> {
            AtomicFiles.writeFully(channel, ByteBuffer.wrap(new byte[]{1, 2, 3}));
            throw new IOException("device full");
        }));
        assertEquals("device full", e.getMessage());
        assertArrayEquals(new byte[]{7}, Files.readAllBytes(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aMissingDirectoryIsAnError() {
        assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("no/such/a.bin"), new byte[]{1}));
    }

    @Test
    void theTemporaryNameCarriesTheWritersProcessId() throws IOException {
        Path target = dir.resolve("a.safetensors");
        AtomicFiles.write(target, channel -> {
            Path temp = files().get(0);
            assertTrue(temp.getFileName().toString().startsWith(".a.safetensors." + ProcessHandle.current().pid() + "-"),
                    temp.toString());
            assertEquals(OptionalLong.of(ProcessHandle.current().pid()), AtomicFiles.writer(temp));
            AtomicFiles.writeFully(channel, ByteBuffer.wrap(new byte[]{1}));
        });
        assertEquals(OptionalLong.empty(), AtomicFiles.writer(Path.of(".step-000000001.safetensors.1f2e.tmp")),
                "an older spinmon's name says no writer");
        assertEquals(OptionalLong.empty(), AtomicFiles.writer(target));
    }

    @Test
    void temporaryNamesAreRecognised() {
        assertTrue(AtomicFiles.isTemporary(Path.of(".step-000000001.safetensors.1f2e.tmp")));
        assertFalse(AtomicFiles.isTemporary(Path.of("step-000000001.safetensors")));
        assertFalse(AtomicFiles.isTemporary(Path.of("notes.tmp")));
    }
}
