package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.dashboard.monitor.AnalysisSettings;

/**
 * The run.json mutants behind the bugs {@link RunJsonFuzzTest} stands guard over, each with the words its refusal
 * must hold (or {@code null}: it must read). Before the fix, the dead input −1 escaped as an
 * IndexOutOfBoundsException, 2³¹ − 1 allocated a 256 MiB mask, 2³¹ − 1 TAP starts or landscape replicas, sampling
 * steps or bins were accepted, 2³² + 8 replicas read as 8, a wrong type was reported with Java's ClassCastException,
 * a null in the config or the widths as "java.lang.NullPointerException", a key twice was taken silently, and a run
 * id with a newline broke the message in two.
 */
class RunJsonRegressionTest {

    @TempDir
    Path dir;

    @Test
    void eachBugsMutantIsRefusedInPlainWordsOrReads() throws IOException {
        RunDirectory run = RunJsonFuzzTest.seedRun(dir, false);
        Path file = run.root().resolve(RunDirectory.MANIFEST);
        String seed = Files.readString(file);
        Map<String[], String> cases = new LinkedHashMap<>();
        cases.put(new String[]{"\"dead_inputs\" : \\[ 1, 2 ]", "\"dead_inputs\" : [ -1 ]"},
                "config.analysis.dead_inputs[0] must be an integer in 0 ... 16777215, was -1");
        cases.put(new String[]{"\"dead_inputs\" : \\[ 1, 2 ]", "\"dead_inputs\" : [ 2147483647 ]"},
                "config.analysis.dead_inputs[0] must be an integer in 0 ... 16777215, was 2147483647");
        cases.put(new String[]{"\"tap_starts\" : 2", "\"tap_starts\" : 2147483647"},
                "config.analysis.tap_starts must be an integer in 1 ... 10000");
        cases.put(new String[]{"\"replicas\" : 2", "\"replicas\" : 4294967304"},
                "config.analysis.views.landscape.replicas must be an integer in 2 ... 32, was 4294967304");
        cases.put(new String[]{"\"sampling_steps\" : 8", "\"sampling_steps\" : 2147483647"},
                "config.analysis.views.landscape.sampling_steps must be an integer in 4 ... 100000");
        cases.put(new String[]{"\"bins\" : 10", "\"bins\" : 2147483647"},
                "config.analysis.views.landscape.bins must be an integer in 2 ... 10000");
        cases.put(new String[]{"\"include_input\" : true", "\"include_input\" : \"yes\""},
                "config.analysis.include_input must be true or false, was \"yes\"");
        cases.put(new String[]{"\"ww\" : \\{", "\"ww\" : null, \"x\" : {"},
                "config.analysis.ww must be an object, was null");
        cases.put(new String[]{"\"optimizer\" : \"adam\"", "\"optimizer\" : null"}, null);
        cases.put(new String[]{"\"widths\" : \\[ 12, 6, 3 ]", "\"widths\" : [ 12, null, 3 ]"},
                "architecture: widths and activations must not hold null");
        cases.put(new String[]{"\"run\" : \"fuzz\"", "\"run\" : \"fu\\\\nzz\""}, "was \"fu\\u000azz\"");
        cases.put(new String[]{"\"run\" : \"fuzz\"", "\"run\" : \"fuzz\", \"run\" : \"other\""},
                "key \"run\" appears twice");
        cases.put(new String[]{"\"format_version\" : 1", "\"format_version\" : \"x\""},
                "format_version: must be an integer");
        cases.put(new String[]{"\"created\" : \"[^\"]*\"", "\"created\" : \"yesterday\""},
                "created: must be a time such as");
        for (Map.Entry<String[], String> c : cases.entrySet()) {
            String mutant = seed.replaceFirst(c.getKey()[0], c.getKey()[1]);
            assertTrue(!mutant.equals(seed), c.getKey()[0] + " not found in\n" + seed);
            Files.writeString(file, mutant);
            String refusal = refusal(run);
            if (c.getValue() == null) {
                assertEquals(null, refusal, c.getKey()[1]);
            } else if (refusal == null) {
                fail(c.getKey()[1] + " was read");
            } else {
                assertTrue(refusal.contains(c.getValue()) && refusal.contains(RunDirectory.MANIFEST)
                        && refusal.lines().count() == 1 && !refusal.contains("java."), refusal);
            }
        }
    }

    /** @return the refusal's message, or null when the manifest and its settings read */
    private static String refusal(RunDirectory run) {
        try {
            RunManifest manifest = run.readManifest();
            AnalysisSettings.recorded(manifest.config(), null);
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
