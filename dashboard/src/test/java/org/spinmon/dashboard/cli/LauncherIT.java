package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.SpinmonVersion;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.analyzer.testing.SnapshotFixtures;

/** The {@code ./spinmon} launcher and the packaged jar, as a user runs them: real processes. */
class LauncherIT {

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    static Result spinmon(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("spinmon.root"));
        List<String> command = new ArrayList<>();
        command.add(root.resolve("spinmon").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "spinmon did not finish");
        return new Result(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    }

    @Test
    void versionRunsFromTheFreshJarWithoutRebuilding() throws Exception {
        Result r = spinmon(Map.of(), "--version");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("spinmon " + SpinmonVersion.get() + "\n"), r.out());
        assertFalse(r.err().contains("building"), "the jar was just packaged, yet the launcher rebuilt: " + r.err());
    }

    @Test
    void analyzePrintsJsonFromTheJar() throws Exception {
        Path file = dir.resolve("s.safetensors");
        SnapshotFiles.write(SnapshotFixtures.xavier("cli", 16, 1, 12, 8, 4), file);
        Result r = spinmon(Map.of(), "analyze", "--json", file.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("{\"file\":\"" + file + "\",\"run\":\"cli\",\"step\":16,"), r.out());
    }

    @Test
    void mnistAcceptsAVerifiedDirectoryAndExplainsAMissingOne() throws Exception {
        Path shared = Path.of(System.getProperty("spinmon.test.mnist"));
        Path data = Files.createDirectory(dir.resolve("mnist"));
        if (Files.isDirectory(shared)) {
            try (var files = Files.list(shared)) {
                for (Path f : files.filter(f -> f.getFileName().toString().contains("idx")).toList()) {
                    Files.copy(f, data.resolve(f.getFileName()));
                }
            }
            Result ok = spinmon(Map.of("SPINMON_MNIST_SOURCES", ""), "mnist", "--data", data.toString());
            assertEquals(0, ok.status(), ok.err());
            assertEquals(data.toAbsolutePath() + "\n", ok.out());
        }
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Result missing = spinmon(Map.of("SPINMON_MNIST_SOURCES", "", "SPINMON_MNIST", empty.toString()), "mnist");
        assertEquals(1, missing.status());
        assertTrue(missing.err().startsWith("spinmon mnist: MNIST is not usable in " + empty), missing.err());
        assertTrue(missing.err().contains("To fix it, do one of:"), missing.err());
        assertFalse(missing.err().contains("Exception"), "no stack trace or exception name: " + missing.err());
    }
}
