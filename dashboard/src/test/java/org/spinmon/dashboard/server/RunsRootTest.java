package org.spinmon.dashboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RunsRoot}, the one function through which the server turns a run id into a path: every path it returns
 * lies inside the runs directory, and an id that is not one is refused before any file is looked at.
 */
class RunsRootTest {

    @TempDir
    Path base;

    private static final List<String> NOT_IDS = List.of("..", "../..", "../secret.txt", "a/b", "/etc", "/", "a\\b",
            "..\\..", "a\0b", "\0", "", ".", ".hidden", "a".repeat(129), "é", "ａ", "a b", "a\nb", "%2e%2e", "a:b", "~",
            "C:\\x", "\u202e");

    private static int status(Executable call) {
        return assertThrows(HttpProblem.class, call::run).status();
    }

    private interface Executable {
        void run() throws Exception;
    }

    @Test
    void anIdThatIsNotOneIsRefusedBeforeAnyFileIsLookedAt() {
        // The runs directory does not exist: a 400 rather than a 404 shows that nothing was looked up.
        RunsRoot root = new RunsRoot(base.resolve("no-such-dir"));
        for (String id : NOT_IDS) {
            assertEquals(400, status(() -> root.dir(id)), "id " + id);
        }
        assertEquals(404, status(() -> root.dir("fine-id_1.0")));
        assertEquals(404, status(() -> new RunsRoot(null).dir("fine")));
    }

    @Test
    void everyPathReturnedLiesInsideTheRunsDirectoryWhoseRealPathIsTheBoundary() throws Exception {
        Path real = Files.createDirectory(base.resolve("real-runs"));
        Path runs = Files.createSymbolicLink(base.resolve("runs"), real.getFileName());
        Files.createDirectories(real.resolve("good"));
        Files.writeString(real.resolve("good").resolve("run.json"), "{}");
        Files.createSymbolicLink(real.resolve("alias"), Path.of("good"));
        Files.createDirectories(base.resolve("outside"));
        Files.writeString(base.resolve("outside").resolve("run.json"), "{}");
        Files.createSymbolicLink(real.resolve("escape"), Path.of("..", "outside"));
        Files.createSymbolicLink(real.resolve("self"), Path.of("."));
        Files.createSymbolicLink(real.resolve("dangling"), Path.of("nowhere"));
        Files.createDirectories(real.resolve("stray"));
        Files.createSymbolicLink(real.resolve("stray").resolve("run.json"), Path.of("..", "..", "outside", "run.json"));
        Files.writeString(real.resolve("a-file"), "not a run");
        RunsRoot root = new RunsRoot(runs);

        Path good = root.dir("good");
        assertEquals(real.toRealPath().resolve("good"), good);
        assertEquals(good, root.dir("alias"), "a link inside is resolved to its real directory");
        assertEquals(good.resolve("run.json"), root.file(good, "good", "run.json"));
        assertNull(root.file(good, "good", "analyses.jsonl"));
        assertEquals(403, status(() -> root.dir("escape")));
        assertEquals(403, status(() -> root.dir("self")), "the runs directory itself is no run");
        assertEquals(404, status(() -> root.dir("dangling")));
        assertEquals(404, status(() -> root.dir("a-file")));
        Path stray = root.dir("stray");
        assertEquals(403, status(() -> root.file(stray, "stray", "run.json")));

        List<RunsRoot.Recorded> recorded = root.recorded();
        assertEquals(List.of("alias", "escape", "good", "self", "stray"), recorded.stream().map(RunsRoot.Recorded::id)
                .toList());
        for (RunsRoot.Recorded r : recorded) {
            assertTrue(r.dir() == null ? r.problem().endsWith(RunsRoot.OUTSIDE) : r.dir().startsWith(real.toRealPath()),
                    r.toString());
        }
    }

    @Test
    void aRunsDirectoryNotYetCreatedHasNoRuns() throws Exception {
        RunsRoot root = new RunsRoot(base.resolve("later"));
        assertEquals(List.of(), root.recorded());
        assertEquals(List.of(), new RunsRoot(null).recorded());
    }
}
