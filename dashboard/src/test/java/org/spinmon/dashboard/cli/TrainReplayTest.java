package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.probe.ProbeFiles;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.dashboard.json.AnalysisJson;
import org.spinmon.trainer.mnist.ProbeBatches;
import org.spinmon.trainer.mnist.TestMnist;
import org.spinmon.trainer.train.ProbeConfig;

/**
 * One short real run of the default network on MNIST ({@code spinmon train}, 32 steps, no TAP, exact policy),
 * watched through {@code /metrics} while it trains, then replayed: spin-model.md V10 at step 0, exact accounting,
 * replay equal to live, and the OpenMetrics backfill read back from a real TSDB by promtool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainReplayTest {

    private static final Pattern METRICS = Pattern.compile("metrics at (http://\\S+/metrics)");

    private Path dir;

    private Path runs;
    private String trainOut;
    private int trainExit;
    private String scrapeWhileTraining;

    @BeforeAll
    void train(@TempDir Path temp) throws Exception {
        dir = temp;
        runs = dir.resolve("runs");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        String[] args = {"train", "--max-steps", "32", "--no-tap", "--policy", "block", "--port", "0",
                "--landscape-betas", "8", "--landscape-burn-in", "300", "--landscape-sampling", "600", "--runs",
                runs.toString(), "--run-id", "live1", "--data", TestMnist.unpacked().toString(), "--no-progress"};
        Thread training = new Thread(() -> exit.set(SpinmonMain.run(new PrintWriter(out, true),
                new PrintWriter(err, true), args)));
        training.start();
        HttpClient http = HttpClient.newHttpClient();
        while (training.isAlive() && scrapeWhileTraining == null) {
            Matcher m = METRICS.matcher(out.toString());
            if (m.find()) {
                String body = http.send(HttpRequest.newBuilder(URI.create(m.group(1))).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains("spinmon_tc_melt{")) {
                    scrapeWhileTraining = body;
                }
            }
            Thread.sleep(50);
        }
        training.join(300_000);
        trainOut = out + err.toString();
        trainExit = exit.get();
    }

    private List<JsonNode> liveAnalyses() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(runs.resolve("live1").resolve("analyses.jsonl"))) {
            nodes.add(AnalysisJson.JSON.readTree(line));
        }
        return nodes;
    }

    private static JsonNode withoutTimings(JsonNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove("analysis_seconds");
        copy.remove("seconds");
        return copy;
    }

    @Test
    void stepZeroIsAGlassAtTheLayeredSkTemperature() throws Exception {
        assertEquals(0, trainExit, trainOut);
        JsonNode zero = liveAnalyses().get(0);
        assertEquals(0, zero.get("step").asLong());
        double tSg = zero.get("t_sg").asDouble();
        double theory = zero.get("tc_init_theory").asDouble();
        assertTrue(Math.abs(tSg - theory) / theory < 0.03, "V10: T_SG " + tSg + " vs theory " + theory);
        assertEquals("glass", zero.get("phase").asText());
        assertEquals(tSg, zero.get("tc_melt").asDouble(), 0.0);
    }

    @Test
    void everySnapshotIsWrittenAnalysedAndCounted() throws Exception {
        assertTrue(trainOut.contains("snapshots: 7 emitted, 7 analysed, 0 dropped, 7 written, 0 write failures,"
                + " 0 analysis failures"), trainOut);
        try (Stream<Path> files = Files.list(runs.resolve("live1").resolve("snapshots"))) {
            assertEquals(7, files.count(), "steps 0, 1, 2, 4, 8, 16 and the last, 32");
        }
        assertEquals(List.of(0L, 1L, 2L, 4L, 8L, 16L, 32L), liveAnalyses().stream().map(n -> n.get("step").asLong())
                .toList());
    }

    @Test
    void theProbeBatchIsWrittenBeforeTheFirstSnapshotAndRecordedInTheManifest() throws Exception {
        assertEquals(0, trainExit, trainOut);
        RunDirectory run = RunDirectory.at(runs.resolve("live1"));
        ProbeBatch probe = run.readProbe().orElseThrow();
        long seed = 1 ^ ProbeConfig.SEED_SALT;
        assertEquals(ProbeBatches.fromTestSet(TestMnist.dir(), 512, seed), probe, "512 test images, seed from --seed 1");
        assertEquals("mnist-test", probe.source());
        RunManifest manifest = run.readManifest();
        assertEquals(seed, manifest.seeds().get("probe"));
        assertEquals(512, manifest.config().get("probe_size"));
        assertEquals("mnist-test", manifest.config().get("probe_source"));
        assertEquals(ProbeFiles.FILE_NAME, manifest.config().get("probe_file"));
        assertTrue(Files.getLastModifiedTime(run.root().resolve(ProbeFiles.FILE_NAME))
                .compareTo(Files.getLastModifiedTime(run.snapshotFile(0))) <= 0, "written before step 0's snapshot");
    }

    @Test
    @Tag("promtool")
    void metricsAreServedWhileTrainingAndPassPromtool() throws Exception {
        assertTrue(scrapeWhileTraining != null, "no analysis reached /metrics while training: " + trainOut);
        assertTrue(scrapeWhileTraining.contains("spinmon_training_step{mode=\"live\",run=\"live1\"}"));
        assertTrue(scrapeWhileTraining.contains("spinmon_layer_sigma_max{layer=\"1\",mode=\"live\",run=\"live1\"}"));
        assertTrue(scrapeWhileTraining.contains("spinmon_snapshots_emitted_total{mode=\"live\",run=\"live1\"}"));
        assertTrue(scrapeWhileTraining.contains("spinmon_metric_definition_info{family=\"spin_model\""));
        Path scrape = Files.writeString(dir.resolve("scrape.txt"), scrapeWhileTraining);
        Promtool.Result check = Promtool.run(scrape, "check", "metrics");
        assertEquals(0, check.exit(), check.output());
    }

    @Test
    void replayGivesTheLiveAnalysesExactly() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SpinmonMain.run(new PrintWriter(out, true), new PrintWriter(err, true), "replay",
                runs.resolve("live1").toString(), "--json", "--port", "0", "--no-progress");
        assertEquals(0, exit, err.toString());
        List<JsonNode> replayed = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            replayed.add(AnalysisJson.JSON.readTree(line));
        }
        List<JsonNode> live = liveAnalyses();
        assertEquals(live.size(), replayed.size());
        for (int i = 0; i < live.size(); i++) {
            assertEquals(withoutTimings(live.get(i)), withoutTimings(replayed.get(i)), "step " + live.get(i).get("step"));
        }
    }

    @Test
    void aPartialReplayKeepsTheRunsReferenceAndItsNumbers() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SpinmonMain.run(new PrintWriter(out, true), new PrintWriter(err, true), "replay",
                runs.resolve("live1").toString(), "--from", "4", "--to", "16", "--json", "--port", "0", "--no-progress");
        assertEquals(0, exit, err.toString());
        List<JsonNode> replayed = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            replayed.add(AnalysisJson.JSON.readTree(line));
        }
        assertEquals(List.of(4L, 8L, 16L), replayed.stream().map(n -> n.get("step").asLong()).toList());
        for (JsonNode r : replayed) {
            JsonNode live = liveAnalyses().stream().filter(n -> n.get("step").equals(r.get("step"))).findFirst()
                    .orElseThrow();
            ObjectNode a = (ObjectNode) withoutTimings(live);
            ObjectNode b = (ObjectNode) withoutTimings(r);
            // The power law is fitted over the analyses of the stream, which here start at step 4; so is the history
            // of the freezing profile: step 4 has no previous snapshot in this stream, and the solid labels start
            // afresh. Everything else, the input landscape's snapshot numbers included, is as live.
            for (ObjectNode n : List.of(a, b)) {
                n.remove("power_law");
                n.remove("solid_fraction");
                ((ObjectNode) n.get("reasons")).remove("layer_self_overlap_previous");
                n.get("layers").forEach(l -> {
                    ObjectNode f = (ObjectNode) l.get("freezing");
                    f.remove(List.of("self_overlap_previous", "weight_self_overlap_previous", "solid"));
                });
            }
            assertTrue(a.get("layers").get(0).get("freezing").has("self_overlap_first"));
            assertEquals(a, b, "step " + r.get("step") + ": the change from init needs step 0 as the reference");
        }
    }

    @Test
    @Tag("promtool")
    void theOpenMetricsFileBackfillsATsdbWithTheAnalysedValues() throws Exception {
        Path om = dir.resolve("replay.om");
        int exit = SpinmonMain.run(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true),
                "replay", runs.resolve("live1").toString(), "--openmetrics", om.toString(), "--port", "0",
                "--no-progress");
        assertEquals(0, exit);
        Path tsdb = dir.resolve("tsdb");
        Promtool.Result create = Promtool.run(null, "tsdb", "create-blocks-from", "openmetrics", om.toString(),
                tsdb.toString());
        assertEquals(0, create.exit(), create.output());
        Files.createDirectories(tsdb.resolve("wal"));
        Promtool.Result dump = Promtool.run(null, "tsdb", "dump", "--match=spinmon_tc_melt", tsdb.toString());
        assertEquals(0, dump.exit(), dump.output());
        List<String> lines = dump.output().lines().filter(l -> l.startsWith("{__name__=\"spinmon_tc_melt\"")).toList();
        List<JsonNode> live = liveAnalyses();
        assertEquals(live.size(), lines.size(), dump.output());
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split("} ")[1].split(" ");
            assertEquals(live.get(i).get("tc_melt").asDouble(), Double.parseDouble(parts[0]), 0.0);
            long millis = Instant.parse(live.get(i).get("time").asText()).toEpochMilli();
            assertEquals(millis, Long.parseLong(parts[1]));
            assertTrue(lines.get(i).contains("mode=\"replay\"") && lines.get(i).contains("run=\"live1\""));
        }
        assertTrue(Files.readString(om, StandardCharsets.UTF_8).endsWith("# EOF\n"));
    }

    @Test
    void aReplicaRunPublishesItsReplicaOverlapsAndReplaysThemExactly() throws Exception {
        StringWriter out = new StringWriter();
        int exit = SpinmonMain.run(new PrintWriter(out, true), new PrintWriter(out, true), "train", "--replicas", "2",
                "--widths", "784-64-32-10", "--max-steps", "16", "--no-tap", "--no-ww", "--no-landscape", "--policy",
                "block", "--port", "0", "--runs", runs.toString(), "--run-id", "replicas2", "--data",
                TestMnist.unpacked().toString(), "--no-progress");
        assertEquals(0, exit, out.toString());
        List<JsonNode> live = new ArrayList<>();
        for (String line : Files.readAllLines(runs.resolve("replicas2").resolve("analyses.jsonl"))) {
            live.add(AnalysisJson.JSON.readTree(line));
        }
        JsonNode first = live.get(0).get("layers").get(1).get("freezing");
        assertEquals(1.0, first.get("replica_overlap_weight").asDouble(), 1e-12, "the replicas start identical");
        assertEquals(1.0, first.get("replica_overlap_spin").asDouble(), 0.0);
        JsonNode last = live.get(live.size() - 1).get("layers").get(1).get("freezing");
        assertTrue(last.get("replica_overlap_weight").asDouble() < 1, "different data orders move them apart: " + last);
        StringWriter replayed = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, SpinmonMain.run(new PrintWriter(replayed, true), new PrintWriter(err, true), "replay",
                runs.resolve("replicas2").toString(), "--json", "--port", "0", "--no-progress"), err.toString());
        String[] lines = replayed.toString().split("\n");
        assertEquals(live.size(), lines.length);
        for (int i = 0; i < lines.length; i++) {
            assertEquals(withoutTimings(live.get(i)), withoutTimings(AnalysisJson.JSON.readTree(lines[i])));
        }
    }
}
