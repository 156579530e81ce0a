package org.spinmon.analyzer.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.testing.SnapshotFixtures;

/**
 * The README promises that a Python user reads a snapshot with NumPy in a few lines: this test runs the
 * README's own Python block on a snapshot spinmon wrote and compares what it prints.
 */
class ReadmeNumpySnippetTest {

    @TempDir
    Path dir;

    @Test
    void theReadmeSnippetReadsASnapshot() throws Exception {
        Path readme = Path.of(System.getProperty("spinmon.root")).resolve("README.md");
        Matcher m = Pattern.compile("```python\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(readme));
        assertTrue(m.find(), "README has no python block");
        String snippet = m.group(1);
        assertTrue(snippet.lines().count() <= 16, "the snippet stays short");
        Path script = Files.writeString(dir.resolve("read.py"), snippet);

        Snapshot snapshot = SnapshotFixtures.xavier("py", 33, 9, true, 40, 30, 10);
        Path file = dir.resolve("s.safetensors");
        SnapshotFiles.write(snapshot, file);
        double norm = SnapshotFiles.read(file).layers().get(0).frobeniusNorm();

        String[] out = python(script, file).strip().split(" ", 4);
        assertEquals("33", out[0]);
        assertEquals("(40,", out[1]);
        assertEquals("30)", out[2]);
        assertEquals(norm, Double.parseDouble(out[3]), 1e-5 * norm, "NumPy computes in float32 here");
    }

    private static String python(Path script, Path file) throws IOException, InterruptedException {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            Process p;
            try {
                p = new ProcessBuilder(python, script.toString(), file.toString()).redirectErrorStream(true).start();
            } catch (IOException notThere) {
                continue;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(2, TimeUnit.MINUTES));
            if (p.exitValue() == 0) {
                return out;
            }
            if (!out.contains("No module named 'numpy'")) {
                throw new AssertionError(python + " failed on the README snippet:\n" + out);
            }
        }
        throw new AssertionError("no python3 with NumPy found; .ci/run installs python3-numpy");
    }
}
