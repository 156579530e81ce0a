package org.spinmon.dashboard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ast.CompilationUnit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing in the main code swallows an exception without counting or reporting it (issue 9): every main source
 * file of the three modules ({@code analyzer}, {@code trainer}, {@code dashboard}, {@code src/main/java}) is
 * parsed with JavaParser, and every exception-handling site (catch blocks, Reactor and CompletableFuture error
 * paths, uncaught-exception handlers, error-consumer lambdas, finally blocks) must pass the rule of
 * {@link ExceptionHandlerAudit}: on every path it rethrows, passes the exception on (wraps it, records it in a
 * result, a reason, a field or a counter, prints its message), counts, or restores the interrupt flag of an
 * {@code InterruptedException}; or it is in {@link #ALLOWED}, each entry with its reason. The checker itself is
 * tested on snippets by {@link ExceptionHandlerAuditTest}.
 */
class ExceptionHandlingAuditTest {

    /** The modules whose main sources are audited. */
    static final List<String> MODULES = List.of("analyzer", "trainer", "dashboard");

    /**
     * Sites that pass on purpose without rethrowing, passing on, counting or reporting, by
     * {@link HandlerSite#key()}: each reason says why nothing is lost.
     */
    static final Map<String, String> ALLOWED = Map.of(
            "AnalysisStream.Builder.onWriteFailure: lambda (s, e) -> ...",
            "the default when no caller asked to hear of each write failure: Recording has already counted the"
                    + " failure in StreamCounters.writeFailures (spinmon_snapshot_write_failures_total, the run's"
                    + " summary line and its exit status) before it calls this",
            "Monitor.Builder.onWriteFailure: lambda (s, e) -> ...",
            "the same default one layer up (Monitor hands it to AnalysisStream): the failure is counted in"
                    + " StreamCounters.writeFailures before the callback runs",
            "MonitoredRun.await: catch (IllegalStateException shuttingDown)",
            "Runtime.removeShutdownHook throws only while the JVM shuts down; the shutdown hook that is then"
                    + " running prints the stop line with the counts, and the run ends with status 1",
            "AnalysesLog.isObject: catch (JacksonException e)",
            "a line that does not parse is the answer sought, not a failure: it is a line cut short by a crash,"
                    + " counted by its number in Contents.skipped and served in the X-Spinmon-Skipped-Lines header;"
                    + " the parser's message about a cut line adds nothing",
            "MonitorServer.handle: catch (IOException e)",
            "the path that ends here is a client dropped for a stall: the stall watch has already counted it in"
                    + " spinmon_http_clients_dropped_total{reason=\"stalled\"} and closed its connection; the"
                    + " IOException is only the interrupted write's echo of that drop",
            "RunsRoot.recorded: catch (HttpProblem p)",
            "a 404 means the entry is not a run (no run.json, or removed since the directory was listed): there is"
                    + " nothing to list; every other refusal is listed with its problem");

    private static List<HandlerSite> sites;
    private static int files;

    @BeforeAll
    static void auditMainSources() throws IOException {
        Path root = root();
        List<Path> sources = new ArrayList<>();
        for (String module : MODULES) {
            try (Stream<Path> walk = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
            }
        }
        Map<String, CompilationUnit> units = new LinkedHashMap<>();
        for (Path source : sources) {
            units.put(root.relativize(source).toString(), ExceptionHandlerAudit.parse(source));
        }
        files = sources.size();
        sites = ExceptionHandlerAudit.audit(units);
        Map<HandlerSite.Kind, Long> byKind = sites.stream()
                .collect(Collectors.groupingBy(HandlerSite::kind, TreeMap::new, Collectors.counting()));
        System.out.println("exception-handling audit: " + files + " files, " + sites.size() + " sites " + byKind
                + ", " + ALLOWED.size() + " allow-listed");
    }

    @Test
    void everyMainSourceFileIsParsed() {
        assertTrue(files > 150, "only " + files + " main source files found under " + root());
        assertTrue(sites.stream().filter(s -> s.kind() == HandlerSite.Kind.CATCH).count() > 50,
                "too few catch blocks found: the audit does not see the sources");
    }

    @Test
    void noSiteSwallowsAnException() {
        List<String> swallowing = sites.stream().filter(HandlerSite::swallows)
                .filter(s -> !ALLOWED.containsKey(s.key())).map(HandlerSite::describe).toList();
        assertEquals(List.of(), swallowing, "exception handlers that swallow (rule: ExceptionHandlerAudit);"
                + " rethrow, pass the exception on, count or report it, or allow-list the site with a reason:\n"
                + String.join("\n", swallowing) + "\n");
    }

    /** Each allow-list entry names exactly one site, which the rule flags: no stale or needless entries. */
    @Test
    void allowListIsCurrent() {
        for (Map.Entry<String, String> allowed : ALLOWED.entrySet()) {
            List<HandlerSite> matching = sites.stream().filter(s -> s.key().equals(allowed.getKey())).toList();
            assertEquals(1, matching.size(), "allow-list entry " + allowed.getKey() + " matches " + matching);
            assertTrue(matching.get(0).swallows(), "allow-list entry " + allowed.getKey() + " passes the rule anyway");
            assertTrue(allowed.getValue().length() > 20, "allow-list entry " + allowed.getKey() + " needs a reason");
        }
    }

    /** A report built on an IOException keeps its reason: {@code IoProblems.describe}, not {@code getMessage}. */
    @Test
    void ioExceptionReportsKeepTheReason() {
        List<String> lossy = sites.stream().filter(s -> s.lossy().isPresent()).map(HandlerSite::describeLossy)
                .toList();
        assertEquals(List.of(), lossy, "reports that lose the reason of an IOException:\n"
                + String.join("\n", lossy) + "\n");
    }

    private static Path root() {
        String root = System.getProperty("spinmon.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property spinmon.root is not set (the root pom.xml sets it)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }
}
