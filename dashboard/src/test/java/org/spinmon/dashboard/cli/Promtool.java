package org.spinmon.dashboard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus's promtool (Debian package {@code prometheus}, installed by {@code .ci/run}). A missing
 * promtool fails the test: CI never skips these checks.
 */
final class Promtool {

    /** What a run printed and its exit status. */
    record Result(int exit, String output) {
    }

    private Promtool() {
    }

    static Result run(Path stdin, String... args) throws IOException, InterruptedException {
        Path binary = find();
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("promtool " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), out);
    }

    private static Path find() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IOException("promtool is not installed: apt-get install --no-install-recommends prometheus"
                + " (.ci/run does)");
    }
}
