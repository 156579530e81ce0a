package org.spinmon.dashboard.ops;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program (promtool, npm, node) found on {@code PATH}. A missing program fails the test with
 * how to install it: {@code .ci/run} installs all of them, so CI never skips these checks.
 */
final class Tool {

    /** What a run printed (standard output and error merged) and its exit status. */
    record Result(int exit, String output) {
    }

    private Tool() {
    }

    /** Runs {@code program args} in {@code dir} and waits at most {@code timeoutSeconds}. */
    static Result run(Path dir, long timeoutSeconds, String program, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(find(program).toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("spinmon-tool", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(program + " " + String.join(" ", args) + " did not finish in "
                        + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs promtool with {@code args} from the repository root. */
    static Result promtool(String... args) throws IOException, InterruptedException {
        return run(OpsFiles.root(), 120, "promtool", args);
    }

    private static Path find(String program) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IOException(program + " is not installed (.ci/run installs it: Debian packages prometheus for"
                + " promtool, npm and nodejs for npm and node)");
    }
}
