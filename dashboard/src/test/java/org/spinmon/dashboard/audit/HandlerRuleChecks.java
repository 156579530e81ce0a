package org.spinmon.dashboard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule of {@link ExceptionHandlerAudit} on one kind of handler: each subclass puts a handler body, whose
 * exception variable is {@code e}, into the construct it stands for (a catch block, an {@code onErrorResume}
 * lambda, ...), and the same bodies must swallow or pass in every construct.
 */
abstract class HandlerRuleChecks {

    /** @return the source of a compilation unit with exactly one handler of the kind under test, of body {@code body} */
    abstract String unit(String body);

    /** @return the one site (other than finally blocks) of the unit made of {@code body} */
    HandlerSite site(String body) {
        List<HandlerSite> sites = ExceptionHandlerAudit.audit("Snippet.java",
                ExceptionHandlerAudit.parse("Snippet.java", unit(body))).stream()
                .filter(s -> s.kind() != HandlerSite.Kind.FINALLY).toList();
        assertEquals(1, sites.size(), sites.toString());
        return sites.get(0);
    }

    private void swallows(String body) {
        HandlerSite site = site(body);
        assertTrue(site.swallows(), "should swallow: " + body + " -> " + site.describe());
    }

    private void passes(String body) {
        HandlerSite site = site(body);
        assertFalse(site.swallows(), "should pass: " + body + " -> " + site.describe());
    }

    @Test
    void anEmptyHandlerSwallows() {
        swallows("");
        assertTrue(site("").problem().orElseThrow().startsWith("empty handler"));
    }

    @Test
    void returningADefaultSwallows() {
        swallows("return null;");
        swallows("return -1;");
    }

    @Test
    void rethrowingOrTranslatingPasses() {
        passes("throw new IllegalStateException(\"failed\", e);");
        passes("throw new IllegalArgumentException(\"the input is bad\");");
    }

    @Test
    void reportingOrRecordingTheExceptionPasses() {
        passes("err.println(\"spinmon x: \" + e.getMessage()); return null;");
        passes("return Result.failed(e);");
        passes("problems.add(file + \": \" + e.getMessage()); return null;");
        passes("this.failure = e; return null;");
        passes("sink.error(e);");
    }

    @Test
    void countingPasses() {
        passes("failures.incrementAndGet(); return null;");
        passes("failures++; return null;");
        passes("written += 0; return null;");
    }

    @Test
    void aLocalThatIsNeverReadSwallowsAndOneThatIsReportedPasses() {
        swallows("String m = e.getMessage(); return null;");
        passes("String m = e.getMessage(); err.println(m); return null;");
    }

    @Test
    void reportingOnOneBranchOnlySwallows() {
        swallows("if (verbose) { err.println(e); } return null;");
        passes("if (verbose) { err.println(e); } else { failures++; } return null;");
    }

    @Test
    void aReturnBeforeTheReportSwallows() {
        swallows("if (quiet) { return null; } err.println(e); return null;");
    }

    @Test
    void aTypeTestIsNotAReportButAPatternVariableIs() {
        swallows("if (e instanceof java.io.IOException) { return null; } throw new IllegalStateException(e);");
        passes("if (e instanceof java.io.IOException io) { err.println(io.getMessage()); return null; }"
                + " throw new IllegalStateException(e);");
    }

    @Test
    void aStackTraceIsNotAReport() {
        swallows("e.printStackTrace(); return null;");
    }

    @Test
    void aLoopMayNotRunSoItsReportDoesNotCount() {
        swallows("for (String l : listeners) { err.println(l + e); } return null;");
    }

    @Test
    void aSwitchReportsOnlyIfEveryCaseDoes() {
        swallows("switch (mode) { case 1: err.println(e); break; default: break; } return null;");
        swallows("switch (mode) { case 1: err.println(e); break; } return null;");
        passes("switch (mode) { case 1: err.println(e); break; default: failures++; } return null;");
    }

    @Test
    void pathsAreFollowedThroughTryAndFinally() {
        passes("try { err.println(e); } finally { err.flush(); } return null;");
        swallows("try { err.flush(); } finally { lock.unlock(); } return null;");
    }
}
