package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.heavytail.HeavyTailAnalysis;
import org.spinmon.analyzer.heavytail.HeavyTailAnalyzer;
import org.spinmon.analyzer.heavytail.HeavyTailLayer;
import org.spinmon.analyzer.heavytail.HeavyTailSettings;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.analyzer.testing.SnapshotFixtures;

class AnalyzeCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path runs;

    private RunDirectory run;

    @BeforeEach
    void recordARun() throws IOException {
        run = RunDirectory.create(runs, new RunManifest(1, "demo", Instant.parse("2026-11-23T00:00:00Z"), "test",
                new RunManifest.Architecture(List.of(30, 20, 10), List.of("relu", "softmax"), true), Map.of("init", 5L),
                Map.of()));
        for (long step : new long[]{4, 0, 1, 2}) {
            run.write(SnapshotFixtures.xavier("demo", step, 100 + step, true, 30, 20, 10), DType.F32);
        }
    }

    @Test
    void jsonLinesComeInStepOrderWithNormsOfTheStoredWeights() throws IOException {
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", "--json", "--no-tap", run.root().toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        String[] lines = r.out().split("\n");
        assertEquals(5, lines.length);
        assertTrue(JSON.readTree(lines[4]).has("power_law"), lines[4]);
        long[] steps = {0, 1, 2, 4};
        for (int i = 0; i < 4; i++) {
            JsonNode o = JSON.readTree(lines[i]);
            assertEquals(steps[i], o.get("step").asLong());
            assertEquals("demo", o.get("run").asText());
            assertTrue(o.get("accuracy").isNull(), "NaN accuracy is null");
            Path file = run.snapshotFile(steps[i]);
            assertEquals(file.toString(), o.get("file").asText());
            Snapshot stored = SnapshotFiles.read(file);
            JsonNode layers = o.get("layers");
            assertEquals(2, layers.size());
            for (int k = 0; k < 2; k++) {
                JsonNode layer = layers.get(k);
                assertEquals(k + 1, layer.get("index").asInt());
                assertEquals(stored.layers().get(k).nIn(), layer.get("n_in").asInt());
                assertEquals(stored.layers().get(k).nOut(), layer.get("n_out").asInt());
                assertTrue(layer.get("has_bias").asBoolean());
                double expected = Math.sqrt(java.util.Arrays.stream(stored.layers().get(k).weights()).map(w -> w * w).sum());
                assertEquals(expected, layer.get("frobenius_norm").asDouble(), 1e-12 * expected);
            }
        }
    }

    @Test
    void theTableShowsEveryLayer() {
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", "--inspect", run.snapshotFile(2).toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("run demo  step 2  epoch 0.0200"), r.out());
        assertTrue(r.out().matches("(?s).*\\n\\s+1\\s+dense_0\\s+relu\\s+30x20\\s+yes\\s+[0-9.]+\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\n\\s+2\\s+dense_1\\s+softmax\\s+20x10\\s+yes\\s+[0-9.]+\\n.*"), r.out());
        assertTrue(!r.out().contains("tc_melt"), "no physics with --inspect");
    }

    @Test
    void badFilesAreReportedOneLineEachAndTheRestIsStillPrinted() throws IOException {
        Path bad = run.snapshotFile(8);
        Files.write(bad, new byte[]{9, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
        Path leftover = bad.resolveSibling(".step-000000016.safetensors.1a2b.tmp");
        Files.write(leftover, new byte[3]);
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", "--json", "--inspect", run.root().toString());
        assertEquals(1, r.status());
        assertEquals(4, r.out().split("\n").length);
        List<String> errors = r.err().lines().toList();
        assertEquals(2, errors.size(), r.err());
        assertTrue(errors.contains("spinmon analyze: warning: " + leftover
                + ": left over from an interrupted write; ignored (safe to delete)"), r.err());
        assertTrue(errors.contains("spinmon analyze: " + bad + ": bad header length: declares 9 header bytes but the"
                + " file has 2 bytes after the length"), r.err());
    }

    /** A file the system refuses says why, not just its path again (a NoSuchFileException's message is the path). */
    @Test
    void aSnapshotThatCannotBeOpenedIsReportedWithTheReason() throws IOException {
        Path dangling = Files.createSymbolicLink(run.snapshotFile(8), runs.resolve("gone.safetensors"));
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", "--json", "--inspect", run.root().toString());
        assertEquals(1, r.status(), r.err());
        assertEquals("spinmon analyze: " + dangling + ": no such file or directory\n", r.err());
        assertEquals(4, r.out().split("\n").length, r.out());
    }

    @Test
    void aFailedAnalysisOfOneFileIsReportedForItAndTheOthersAreStillAnalysed() throws IOException {
        // Found by fuzzing: in the list-of-files form, the first analysis that threw ended the command with a line
        // that did not name the file, and the files after it were never analysed. Here a one-layer network with
        // --no-input --no-output keeps no spins to couple.
        Path single = runs.resolve("single.safetensors");
        SnapshotFiles.write(SnapshotFixtures.xavier("x", 3, 1, 12, 3), single);
        Path deep = runs.resolve("deep.safetensors");
        SnapshotFiles.write(SnapshotFixtures.xavier("x", 5, 2, 12, 6, 4, 3), deep);
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", "--json", "--no-tap", "--no-input", "--no-output",
                single.toString(), deep.toString());
        assertEquals(1, r.status(), r.err());
        assertEquals("spinmon analyze: " + single + ": the analysis failed: IllegalArgumentException: the layout keeps"
                + " no weight matrix of this 1-layer network\n", r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals(deep.toString(), o.get("file").asText());
    }

    @Test
    void nonFiniteWeightsAreShownNotHidden() throws IOException {
        Path file = runs.resolve("nan.safetensors");
        SnapshotFiles.write(new Snapshot("x", 3, 0, Double.NaN, 0.5, Instant.EPOCH,
                List.of(Layer.of("0", "relu", 1, 2, new double[]{Double.NaN, 1}))), file);
        SpinmonMainTest.Run table = SpinmonMainTest.run("analyze", file.toString());
        assertEquals(0, table.status());
        assertTrue(table.out().contains("warning: 1 weights or biases are NaN or infinite"), table.out());
        assertTrue(table.out().contains("phase undefined  tc_melt -"), table.out());
        JsonNode o = JSON.readTree(SpinmonMainTest.run("analyze", "--json", file.toString()).out());
        assertEquals(1, o.get("non_finite").asInt());
        assertTrue(o.get("tc_melt").isNull());
        assertTrue(o.get("phase").isNull());
        assertEquals("1 weights or biases are NaN or infinite", o.get("reasons").get("tc_melt").asText());
        assertEquals(0.5, o.get("accuracy").asDouble());
    }

    @Test
    void theJsonCarriesTheSpinModelMetricsUnderTheirNames() throws IOException {
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", "--json", "--tau", "0.9,0.7", "--starts", "2",
                run.root().toString());
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\n");
        JsonNode first = JSON.readTree(lines[0]);
        JsonNode later = JSON.readTree(lines[3]);
        for (String key : new String[]{"tc_melt", "t_sg", "t_star", "h0_lambda_min", "lambda_max_j",
                "tc_init_theory", "tc_melt_over_rms_weight"}) {
            assertTrue(later.get(key).isNumber(), key + " in " + lines[3]);
        }
        assertEquals("glass", later.get("phase").asText());
        assertEquals(5, later.get("lambda_j").size());
        assertEquals(3, later.get("vc_layer_weight").size());
        assertTrue(later.get("vc_layer_weight").get(0).isNull(), "no v_c in a glass");
        assertEquals(0, first.get("outliers_j").asInt(), "W_0 has no outlier above its own edge");
        assertTrue(later.get("outliers_j").isNumber());
        assertEquals(0, first.get("layers").get(0).get("rel_change_from_init").asDouble(), 0);
        assertTrue(later.get("layers").get(0).get("rel_change_from_init").asDouble() > 0);
        assertEquals(1.0, first.get("tc_melt_over_init").asDouble(), 1e-12);
        JsonNode tap = later.get("tap");
        assertEquals(0.9, tap.get("tau").asDouble(), 0);
        assertEquals(0, tap.get("states").asInt());
        assertEquals(3, tap.get("q").size());
        assertEquals(2, later.get("tap_by_tau").size());
        assertEquals(0.7, later.get("tap_by_tau").get(1).get("tau").asDouble(), 0);
        for (String part : new String[]{"spectrum_j", "t_sg", "hessian", "tap", "layers", "total"}) {
            assertTrue(later.get("seconds").get(part).isNumber(), part);
        }
        assertTrue(later.get("reasons").has("tc_order"));
        JsonNode fit = JSON.readTree(lines[4]).get("power_law");
        assertTrue(fit.get("exponent").isNull());
        assertTrue(fit.get("reason").asText().contains("hidden-order"), fit.toString());
    }

    @Test
    void theJsonCarriesTheWeightWatcherColumnsUnderEachLayer() throws IOException {
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", "--json", "--no-tap", run.root().toString());
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\n");
        JsonNode first = JSON.readTree(lines[0]);
        JsonNode later = JSON.readTree(lines[1]);
        HeavyTailAnalysis expected = new HeavyTailAnalyzer(HeavyTailSettings.DEFAULT)
                .analyze(SnapshotFiles.read(run.snapshotFile(0)));
        assertTrue(first.get("ww_randomized").asBoolean(), "step 0 is randomised");
        assertFalse(later.get("ww_randomized").asBoolean());
        for (int k = 0; k < 2; k++) {
            JsonNode ww = first.get("layers").get(k).get("ww");
            HeavyTailLayer row = expected.layers().get(k);
            assertEquals(row.fit().alpha(), ww.get("alpha").asDouble(), 0);
            assertEquals(row.fit().d(), ww.get("D").asDouble(), 0);
            assertEquals(row.fit().numPlSpikes(), ww.get("num_pl_spikes").asInt());
            assertEquals(row.norms().logAlphaNorm(), ww.get("log_alpha_norm").asDouble(), 0);
            assertEquals(row.mp().sigmaMp(), ww.get("sigma_mp").asDouble(), 0);
            assertEquals(row.randomization().randDistance(), ww.get("rand_distance").asDouble(), 0);
            assertEquals(row.randomization().correlationTraps(), ww.get("rand_num_spikes").asInt());
            assertEquals(row.randomization().seed(), ww.get("rand_seed").asLong());
            assertEquals(row.fit().status().label(), ww.get("status").asText());
            assertFalse(later.get("layers").get(k).get("ww").has("rand_distance"), "not randomised at step 1");
        }
        assertEquals(expected.summary().alpha(), first.get("ww_summary").get("alpha").asDouble(), 0);
        assertTrue(first.get("seconds").get("heavy_tail").isNumber());

        JsonNode filtered = JSON.readTree(SpinmonMainTest.run("analyze", "--json", "--no-tap", "--ww-min-evals", "15",
                "--ww-randomize-every", "0", run.snapshotFile(0).toString()).out());
        assertFalse(filtered.get("ww_randomized").asBoolean(), "--ww-randomize-every 0: never");
        assertTrue(filtered.get("layers").get(1).get("ww").isNull());
        assertEquals("M = 10 eigenvalues < min_evals = 15", filtered.get("reasons").get("ww_layer_2").asText());
        JsonNode off = JSON.readTree(SpinmonMainTest.run("analyze", "--json", "--no-tap", "--no-ww",
                run.snapshotFile(0).toString()).out());
        assertTrue(off.get("ww_summary").isNull());
        assertTrue(off.get("layers").get(0).get("ww").isNull());
        assertEquals("heavy-tail metrics switched off", off.get("reasons").get("ww").asText());
        SpinmonMainTest.Run bad = SpinmonMainTest.run("analyze", "--ww-randomize-every", "-1",
                run.snapshotFile(0).toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--ww-randomize-every must be an integer from 0 to"), bad.err());
    }

    @Test
    void aLoneLaterSnapshotHasNoReference() throws IOException {
        JsonNode o = JSON.readTree(SpinmonMainTest.run("analyze", "--json", "--no-tap",
                run.snapshotFile(4).toString()).out());
        assertTrue(o.get("outliers_j").isNull());
        assertTrue(o.get("reasons").get("outliers_j").asText().contains("t = 0"));
        assertTrue(o.get("tap").isNull(), "--no-tap");
        JsonNode zero = JSON.readTree(SpinmonMainTest.run("analyze", "--json", "--no-tap",
                run.snapshotFile(0).toString()).out());
        assertEquals(0, zero.get("outliers_j").asInt(), "a step-0 file is its own reference");
    }

    @Test
    void aProgressBarWhenAsked() {
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", "--progress", "--no-tap", "--json",
                run.root().toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("[" + "#".repeat(30) + "] 4/4"), r.err());
        assertTrue(r.err().contains("step 4  tc_melt"), r.err());
        SpinmonMainTest.Run quiet = SpinmonMainTest.run("analyze", "--no-progress", "--no-tap", run.root().toString());
        assertEquals("", quiet.err());
        assertTrue(quiet.out().contains("power law of tc_melt(t): undefined"), quiet.out());
    }

    @Test
    void badSettingsAreUsageErrors() {
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", "--tau", "3", run.root().toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--tau must be a number in (0, 2], was '3'"), r.err());
        SpinmonMainTest.Run s = SpinmonMainTest.run("analyze", "--scan-points", "1", run.root().toString());
        assertEquals(2, s.status());
        assertTrue(s.err().contains("--scan-points must be an integer from 2 to 10000, was '1'"), s.err());
    }

    @Test
    void aMissingPathIsAUsageError() {
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", runs.resolve("nope").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("spinmon analyze: FILE|DIR must be an existing file or directory, was '"), r.err());
    }

    @Test
    void theViewsUseTheRunsProbeBatchAndTheLandscapeFallsOnEveryKthSnapshot() throws IOException {
        run.writeProbe(SnapshotFixtures.probe(40, 30, 10, 3));
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", "--json", "--no-tap", "--no-ww", "--landscape-every",
                "2", "--landscape-betas", "4", "--landscape-burn-in", "200", "--landscape-sampling", "400",
                run.root().toString());
        assertEquals(0, r.status(), r.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        JsonNode second = lines.get(1);
        JsonNode layer1 = second.get("layers").get(0);
        assertTrue(layer1.get("kernel").get("change").asDouble() > 0, "a different network than step 0: " + layer1);
        assertTrue(second.get("layers").get(1).get("kernel").isNull(), "the output layer has no kernel view");
        assertTrue(layer1.get("freezing").get("self_overlap_previous").isNumber());
        assertTrue(lines.get(0).get("layers").get(0).get("freezing").get("self_overlap_previous").isNull());
        assertEquals(List.of(true, false, true, false), lines.subList(0, 4).stream()
                .map(n -> n.get("landscape").isObject()).toList(), "snapshots 0 and 2 of the run are sampled");
        JsonNode point = lines.get(0).get("landscape").get("points").get(0);
        assertEquals(4.0, point.get("beta").asDouble());
        assertEquals(40, point.get("histogram").size());
        assertEquals(30, point.get("lowest_images").get(0).size());
        SpinmonMainTest.Run one = SpinmonMainTest.run("analyze", "--json", "--no-tap", "--no-ww", "--no-landscape",
                run.snapshotFile(2).toString());
        assertTrue(JSON.readTree(one.out()).get("layers").get(0).get("kernel").isObject(),
                "a file in a run directory finds the run's probe batch");
        SpinmonMainTest.Run table = SpinmonMainTest.run("analyze", "--no-tap", "--no-ww", "--landscape-betas", "4",
                "--landscape-burn-in", "200", "--landscape-sampling", "400", run.snapshotFile(0).toString());
        assertTrue(table.out().contains("  views: layer     C_prev") && table.out().contains("landscape class 0 beta 4:"),
                table.out());
    }

    @Test
    void aBadProbeFileIsAUsageError() throws IOException {
        Path bad = runs.resolve("probe.safetensors");
        Files.writeString(bad, "not a probe");
        SpinmonMainTest.Run r = SpinmonMainTest.run("analyze", "--probe", bad.toString(), run.root().toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("spinmon analyze: --probe: " + bad), r.err());
        SpinmonMainTest.Run every = SpinmonMainTest.run("analyze", "--landscape-every", "0", run.root().toString());
        assertEquals(2, every.status());
        assertTrue(every.err().contains("--landscape-every must be an integer from 1 to"), every.err());
    }
}
