package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.SpinmonVersion;

class SpinmonMainTest {

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = SpinmonMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommand() {
        Run r = run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("Usage: spinmon"), r.out());
        for (String command : new String[]{"train", "replay", "serve", "analyze", "bench", "mnist", "help"}) {
            assertTrue(r.out().contains("\n  " + command + " "), command + " missing from\n" + r.out());
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[]{"train", "replay", "serve", "analyze", "bench", "mnist"}) {
            Run r = run(command, "--help");
            assertEquals(0, r.status(), command);
            assertTrue(r.out().startsWith("Usage: spinmon " + command), r.out());
        }
    }

    @Test
    void badTrainAndReplayOptionsAreUsageErrorsNamingTheOption() {
        Run widths = run("train", "--widths", "784-x-10");
        assertEquals(2, widths.status());
        assertTrue(widths.err().contains("--widths must be two or more integers >= 1"), widths.err());
        Run activation = run("train", "--activation", "tanh");
        assertEquals(2, activation.status());
        assertTrue(activation.err().contains("relu, sign"), activation.err());
        Run policy = run("train", "--policy", "drop-newest");
        assertEquals(2, policy.status());
        assertTrue(policy.err().contains("--policy must be one of drop-oldest, block"), policy.err());
        Run capacity = run("train", "--capacity", "0");
        assertEquals(2, capacity.status());
        assertTrue(capacity.err().contains("--capacity must be an integer from 1 to 1024"), capacity.err());
        Run replicas = run("train", "--replicas", "9");
        assertEquals(2, replicas.status());
        assertTrue(replicas.err().contains("spinmon train: --replicas must be an integer from 1 to 8, was '9'"),
                replicas.err());
        for (String size : new String[]{"-1", "10001"}) {
            Run probe = run("train", "--probe-size", size);
            assertEquals(2, probe.status());
            assertTrue(probe.err().contains("spinmon train: --probe-size must be an integer from 0 to 10000, was '"
                    + size + "'"), probe.err());
        }
        Run missing = run("replay", "no/such/run");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("RUN must be an existing directory, was 'no/such/run'"), missing.err());
    }

    @Test
    void versionNamesSpinmonAndJava() {
        Run r = run("--version");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("spinmon " + SpinmonVersion.get() + "\nJava "), r.out());
        assertTrue(!SpinmonVersion.get().contains("${"), "version was filtered by the build: " + SpinmonVersion.get());
    }

    @Test
    void noCommandPrintsUsage() {
        Run r = run();
        assertEquals(0, r.status());
        assertTrue(r.out().contains("Commands:"), r.out());
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrors() {
        Run r = run("frobnicate");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("Unmatched argument"), r.err());
        Run o = run("analyze", "--no-such-option", "x");
        assertEquals(2, o.status());
        assertTrue(o.err().contains("--no-such-option"), o.err());
    }
}
