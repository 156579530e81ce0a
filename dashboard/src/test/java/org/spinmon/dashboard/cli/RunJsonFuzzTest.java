package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.analysis.ViewSettings;
import org.spinmon.analyzer.heavytail.HeavyTailSettings;
import org.spinmon.analyzer.landscape.LandscapeSettings;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunListing;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.spin.SpinLayout;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.analyzer.testing.SnapshotFixtures;
import org.spinmon.dashboard.monitor.AnalysisSettings;

/**
 * Hostile and damaged run.json files: every mutant of {@link RunJsonMutants} (derived from a manifest written the way
 * {@code spinmon train} writes it, analysis settings included) is read as {@code spinmon replay} reads it
 * ({@link RunDirectory#readManifest()}, then {@link AnalysisSettings#recorded}) and listed
 * ({@link RunDirectory#list()}). Either it reads, with settings that cannot allocate absurd memory when analysis
 * starts, or it is refused with an {@link IOException} or {@link IllegalArgumentException} whose message is one line,
 * names run.json and holds no Java internals; nothing else escapes. Ten chosen mutants then go through
 * {@code spinmon replay RUN} in process.
 */
class RunJsonFuzzTest {

    private static final Instant CREATED = Instant.parse("2026-11-23T00:00:00Z");
    private static final Pattern INTERNALS = Pattern.compile("Cannot construct instance|Cannot deserialize|java\\.|"
            + "com\\.fasterxml|org\\.spinmon|Exception|`|\\[Source:");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

    @TempDir
    Path dir;

    /** The analyzer the seed run records: every knob off its default where it is cheap, so replays are quick. */
    static SnapshotAnalyzer seedAnalyzer() {
        BitSet dead = new BitSet();
        dead.set(1);
        dead.set(2);
        SpinModelConfig config = SpinModelConfig.builder().layout(new SpinLayout(true, true, true, dead))
                .taus(0.9).tapStarts(2).nScan(12).seed(5).build();
        LandscapeSettings landscape = new LandscapeSettings(true, new int[]{0, 1}, new double[]{8, 32}, 2, 10, 8,
                10, 1, 1, 3);
        return SnapshotAnalyzer.builder(config).heavyTail(HeavyTailSettings.DEFAULT.withRandomizeEvery(10))
                .views(new ViewSettings(true, true, 0.01, 2, landscape)).build();
    }

    /** @return a run "fuzz" as train records it (12-6-3 with biases), with snapshots at steps 0 and 10 if asked */
    static RunDirectory seedRun(Path runs, boolean snapshots) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("optimizer", "adam");
        config.put("learning_rate", 0.001);
        config.put("batch_size", 64);
        config.put(AnalysisSettings.KEY, AnalysisSettings.toMap(seedAnalyzer()));
        RunManifest manifest = new RunManifest(RunDirectory.FORMAT_VERSION, "fuzz", CREATED, "test",
                new RunManifest.Architecture(List.of(12, 6, 3), List.of("relu", "softmax"), true),
                Map.of("init", 7L, "shuffle", 8L), config);
        RunDirectory run = RunDirectory.create(runs, manifest);
        if (snapshots) {
            run.write(SnapshotFixtures.xavier("fuzz", 0, 1, true, 12, 6, 3), DType.F32);
            run.write(SnapshotFixtures.xavier("fuzz", 10, 2, true, 12, 6, 3), DType.F32);
            run.writeProbe(SnapshotFixtures.probe(16, 12, 3, 3));
        }
        return run;
    }

    @Test
    void everyMutantReadsWithBoundedSettingsOrIsRefusedInOneLine() throws IOException {
        RunDirectory run = seedRun(dir, false);
        Path file = run.root().resolve(RunDirectory.MANIFEST);
        byte[] seed = Files.readAllBytes(file);
        assertEquals(Optional.empty(), check(run, seed, false), "the seed itself must read");
        Map<String, int[]> counts = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        new RunJsonMutants(seed, 20261123L).forEach(m -> {
            try {
                Files.write(file, m.bytes());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Optional<String> violation = check(run, m.bytes(), m.mustFail());
            int[] c = counts.computeIfAbsent(m.kind(), k -> new int[4]);
            c[0]++;
            c[violation.isPresent() ? 3 : lastRead ? 1 : 2]++;
            violation.ifPresent(v -> violations.add(m.kind() + " / " + m.name() + ": " + v));
        });
        StringBuilder report = new StringBuilder("class: mutants, read, refused, violations\n");
        counts.forEach((k, c) -> report.append(k).append(": ").append(c[0]).append(", ").append(c[1]).append(", ")
                .append(c[2]).append(", ").append(c[3]).append('\n'));
        System.out.print(report);
        assertTrue(violations.isEmpty(), violations.size() + " violations, the first: "
                + String.join("\n", violations.subList(0, Math.min(20, violations.size()))) + "\n" + report);
        assertTrue(counts.values().stream().mapToInt(c -> c[0]).sum() > 3000, report.toString());
    }

    private boolean lastRead;

    /** @return what is wrong with how {@code run} reads its current run.json, or empty when all is well */
    private Optional<String> check(RunDirectory run, byte[] bytes, boolean mustFail) {
        lastRead = false;
        try {
            RunManifest manifest = run.readManifest();
            Optional<SnapshotAnalyzer> analyzer = AnalysisSettings.recorded(manifest.config(), null);
            lastRead = true;
            if (mustFail) {
                return Optional.of("read, but must be refused");
            }
            return bounded(manifest, analyzer.orElse(null)).or(() -> listed(run, null));
        } catch (IOException | IllegalArgumentException e) {
            return message(e.getMessage()).or(() -> e instanceof IOException ? listed(run, e.getMessage())
                    : Optional.empty());
        } catch (Throwable t) {
            return Optional.of("escaped: " + t);
        }
    }

    /** @return a violation when the listing does not report the run.json problem {@code message} (or one when null) */
    private static Optional<String> listed(RunDirectory run, String message) {
        try {
            RunListing listing = run.list();
            List<String> problems = listing.problems().stream()
                    .filter(p -> p.file().getFileName().toString().equals(RunDirectory.MANIFEST))
                    .map(RunListing.Problem::message).toList();
            if (message == null) {
                return problems.isEmpty() ? Optional.empty() : Optional.of("listing reports " + problems);
            }
            if (problems.size() != 1 || listing.manifest().isPresent()) {
                return Optional.of("listing reports " + problems + " for " + message);
            }
            return message(problems.get(0).contains(RunDirectory.MANIFEST) ? problems.get(0)
                    : RunDirectory.MANIFEST + ": " + problems.get(0));
        } catch (Throwable t) {
            return Optional.of("listing threw " + t);
        }
    }

    private static Optional<String> message(String message) {
        if (message == null || !message.contains(RunDirectory.MANIFEST)) {
            return Optional.of("message does not name run.json: " + message);
        }
        if (CONTROL.matcher(message).find()) {
            return Optional.of("message is not one line: " + message.substring(0, Math.min(400, message.length())));
        }
        if (INTERNALS.matcher(message).find()) {
            return Optional.of("message shows internals: " + message);
        }
        if (message.length() > 600) {
            return Optional.of("message of " + message.length() + " characters");
        }
        return Optional.empty();
    }

    /** @return a violation when a read manifest could make the analysis allocate absurd memory */
    private static Optional<String> bounded(RunManifest manifest, SnapshotAnalyzer analyzer) {
        if (manifest.architecture().widths().size() > RunManifest.Architecture.MAX_LAYERS) {
            return Optional.of("widths of " + manifest.architecture().widths().size() + " layers");
        }
        if (analyzer == null) {
            return Optional.empty();
        }
        SpinModelConfig c = analyzer.config();
        LandscapeSettings l = analyzer.viewSettings().landscape();
        boolean ok = c.taus().length <= SpinModelConfig.MAX_TAUS && c.tapStarts() <= SpinModelConfig.MAX_TAP_STARTS
                && c.nScan() <= SpinModelConfig.MAX_SCAN_POINTS && c.denseLimit() <= SpinModelConfig.MAX_DENSE_LIMIT
                && c.layout().deadInputs().length() <= 1 << 24
                && l.replicas() <= LandscapeSettings.MAX_REPLICAS && l.samplingSteps() <= LandscapeSettings.MAX_SAMPLING_STEPS
                && l.burnIn() <= LandscapeSettings.MAX_BURN_IN && l.bins() <= LandscapeSettings.MAX_BINS
                && l.classes().length <= LandscapeSettings.MAX_CLASSES && l.betas().length <= LandscapeSettings.MAX_BETAS;
        return ok ? Optional.empty() : Optional.of("absurd settings read: " + c + " " + l);
    }

    /** Ten mutants through {@code spinmon replay RUN} on a run of two small snapshots. */
    @Test
    void replayReportsADamagedRunJsonInOneLine() throws IOException {
        RunDirectory run = seedRun(dir.resolve("runs"), true);
        Path file = run.root().resolve(RunDirectory.MANIFEST);
        String seed = Files.readString(file);
        Map<String, String> mutants = new LinkedHashMap<>();
        mutants.put("cut in half", seed.substring(0, seed.length() / 2));
        mutants.put("no architecture", seed.replaceFirst("\"architecture\"", "\"architecturX\""));
        mutants.put("replicas 2^31", seed.replaceFirst("\"replicas\" : 2", "\"replicas\" : 2147483648"));
        mutants.put("sampling steps 2^31 - 1", seed.replaceFirst("\"sampling_steps\" : 8",
                "\"sampling_steps\" : 2147483647"));
        mutants.put("bins 1e400", seed.replaceFirst("\"bins\" : 10", "\"bins\" : 1e400"));
        mutants.put("scan points a string", seed.replaceFirst("\"scan_points\" : 12", "\"scan_points\" : \"12\\n\""));
        mutants.put("betas 10^6", seed.replaceFirst("\"betas\" : \\[[^]]*]", "\"betas\" : [" + "1,".repeat(999_999)
                + "1]"));
        mutants.put("ww an array", seed.replaceFirst("\"ww\" : \\{[^}]*}", "\"ww\" : []"));
        mutants.put("duplicate run", seed.replaceFirst("\"run\" :", "\"run\" : \"other\", \"run\" :"));
        mutants.put("analysis removed", seed.replaceFirst("\"analysis\" :", "\"analysiz\" :"));
        for (Map.Entry<String, String> m : mutants.entrySet()) {
            assertTrue(!m.getValue().equals(seed), m.getKey() + ": the mutation did not apply");
            Files.writeString(file, m.getValue());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = SpinmonMain.run(new PrintWriter(out, true), new PrintWriter(err, true), "replay",
                    run.root().toString(), "--port", "0", "--no-progress");
            String stderr = err.toString();
            List<String> named = stderr.lines().filter(l -> l.contains(RunDirectory.MANIFEST)).toList();
            boolean damaged = !m.getKey().equals("analysis removed");
            assertEquals(damaged ? 1 : 0, status, m.getKey() + ":\n" + stderr);
            assertEquals(damaged ? 1 : 0, named.size(), m.getKey() + ":\n" + stderr);
            assertTrue(named.stream().allMatch(l -> l.startsWith("spinmon replay: ") && message(l).isEmpty()),
                    m.getKey() + ":\n" + stderr);
            assertTrue(!stderr.contains("\tat ") && !stderr.contains("Exception"), m.getKey() + ":\n" + stderr);
        }
    }
}
