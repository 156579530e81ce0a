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
        for (String command : new String[]{"analyze", "bench", "mnist", "help"}) {
            assertTrue(r.out().contains("\n  " + command + " "), command + " missing from\n" + r.out());
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[]{"analyze", "bench", "mnist"}) {
            Run r = run(command, "--help");
            assertEquals(0, r.status(), command);
            assertTrue(r.out().startsWith("Usage: spinmon " + command), r.out());
        }
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
