package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.fuzz.FileKind;
import org.spinmon.analyzer.fuzz.FuzzSeeds;
import org.spinmon.analyzer.fuzz.Mutant;
import org.spinmon.analyzer.fuzz.Mutator;
import org.spinmon.analyzer.fuzz.ReadVerdict;
import org.spinmon.analyzer.fuzz.ReaderOracle;
import org.spinmon.analyzer.fuzz.SeedFile;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.analyzer.testing.SnapshotFixtures;

/**
 * The fuzzer's mutants through {@code spinmon analyze}, in process, as a user would meet them: snapshot mutants in
 * directories of {@value #PER_DIRECTORY}, analysed as a directory (the stream of live runs and replay, without TAP,
 * heavy-tail metrics and landscape), as a list of files (the full default analysis), with {@code --inspect} and as
 * the snapshots of a run directory; probe mutants as the {@code probe.safetensors} of an otherwise sound run.
 * {@code fuzz.count} mutants (default 600; {@code scripts/fuzz-snapshots.sh} runs 10,000). For every run: standard
 * error holds exactly one line per unreadable file (its reader's message) and nothing else (no stack trace, no failed
 * analysis; in a run directory also one line for each readable file whose name, run id or step does not fit), the
 * exit status is 1 exactly when it holds a line, and every other file is analysed exactly once with its count of
 * non-finite weights. The report goes to {@code target/fuzz/analyze-report.md}, the
 * directories that break anything to {@value #FAILURES}.
 */
class AnalyzeFuzzTest {

    static final int PER_DIRECTORY = 50;
    /** Where the directories of mutants that broke the contract are kept. */
    static final String FAILURES = "target/fuzz/analyze-failures";
    private static final long SEED = Long.getLong("fuzz.seed", 20261123L);
    private static final int COUNT = Integer.getInteger("fuzz.count", 600);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] FAST = {"--no-tap", "--no-ww", "--no-landscape"};

    @TempDir
    Path dir;

    /** How {@code analyze} is asked to read a directory of mutants. */
    private enum Mode {
        /** {@code analyze DIR}: the listing, then the analysis stream with the first snapshot as reference. */
        DIRECTORY,
        /** {@code analyze FILE...}: each file read and analysed on its own, every part of the analysis on. */
        FILES,
        /** {@code analyze --inspect DIR}: the listing and the reader, no physics. */
        INSPECT,
        /**
         * {@code analyze RUN}: the mutants as the snapshots of a run directory, each readable one named by its own
         * step where that name is free; the listing also refuses a file whose name, run id or step does not fit.
         */
        RUN
    }

    private final List<String> violations = new ArrayList<>();
    private final Map<String, Integer> tally = new LinkedHashMap<>();

    @Test
    void everyMutantIsAnalysedOrReportedOnOneLine() throws IOException {
        List<SeedFile> seeds = FuzzSeeds.create(dir.resolve("seeds"));
        Mutator mutator = new Mutator(seeds, SEED);
        List<Mutant> snapshots = new ArrayList<>();
        List<Mutant> probes = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            Mutant m = mutator.mutant(i);
            (m.kind() == FileKind.SNAPSHOT ? snapshots : probes).add(m);
        }
        long start = System.nanoTime();
        for (int b = 0; b * PER_DIRECTORY < snapshots.size(); b++) {
            List<Mutant> batch = snapshots.subList(b * PER_DIRECTORY, Math.min(snapshots.size(),
                    (b + 1) * PER_DIRECTORY));
            analyseDirectory(dir.resolve(String.format("batch-%04d", b)), batch, Mode.values()[b % 4]);
        }
        for (Mutant m : probes) {
            analyseRunWithProbe(m);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        writeReport(snapshots.size(), probes.size(), seconds);
        assertTrue(violations.isEmpty(), () -> violations.size() + " violations (the directories kept in "
                + Path.of(FAILURES).toAbsolutePath() + "), the first ones:\n"
                + violations.stream().limit(20).collect(Collectors.joining("\n")));
    }

    private void analyseDirectory(Path batchDir, List<Mutant> batch, Mode mode) throws IOException {
        Path target = mode == Mode.RUN ? runDirectory(batchDir) : batchDir;
        Path files = mode == Mode.RUN ? target.resolve(RunDirectory.SNAPSHOTS) : target;
        Files.createDirectories(files);
        Map<String, ReadVerdict> verdicts = new LinkedHashMap<>();
        Set<Long> steps = new HashSet<>();
        for (Mutant m : batch) {
            Path file = files.resolve(m.fileName());
            Files.write(file, m.mutation().bytes());
            if (mode == Mode.RUN) {
                file = Files.move(file, files.resolve(String.format("step-%09d.safetensors", stepName(file, m, steps))));
            }
            verdicts.put(file.toString(), ReaderOracle.check(file, FileKind.SNAPSHOT));
        }
        List<String> args = new ArrayList<>(List.of("analyze", "--json", "--no-progress"));
        switch (mode) {
            case DIRECTORY, RUN -> {
                args.addAll(List.of(FAST));
                args.add(target.toString());
            }
            case FILES -> args.addAll(verdicts.keySet());
            case INSPECT -> args.addAll(List.of("--inspect", target.toString()));
        }
        Run run = run(args);
        String where = batchDir.getFileName() + " (" + mode + ")";
        int before = violations.size();
        Map<String, Integer> seen = new HashMap<>();
        int refused = 0;
        for (String line : lines(run.err)) {
            String file = verdicts.keySet().stream().filter(f -> line.startsWith("spinmon analyze: " + f + ": "))
                    .findFirst().orElse(null);
            if (file == null) {
                violations.add(where + ": unexpected stderr line: " + line);
                continue;
            }
            ReadVerdict v = verdicts.get(file);
            if (v.read() && mode == Mode.RUN) {
                refused++;
            } else if (v.read() || !line.equals("spinmon analyze: " + v.message())) {
                violations.add(where + ": unexpected stderr line: " + line);
            }
            seen.merge(file, 1, Integer::sum);
        }
        if (run.status != (run.err.isEmpty() ? 0 : 1)) {
            violations.add(where + ": exit status " + run.status + " with stderr: " + run.err);
        }
        int analysed = 0;
        boolean powerLaw = false;
        for (String line : lines(run.out)) {
            JsonNode o = JSON.readTree(line);
            if (o.has("power_law")) {
                powerLaw = true;
                continue;
            }
            String file = o.path("file").asText();
            ReadVerdict v = verdicts.get(file);
            if (v == null || !v.read()) {
                violations.add(where + ": analysed a file that is not readable: " + file);
                continue;
            }
            analysed++;
            seen.merge(file, 1, Integer::sum);
            if (o.path("non_finite").asLong(-1) != v.nonFinite()) {
                violations.add(where + ": " + file + " analysed with non_finite " + o.path("non_finite")
                        + ", the reader found " + v.nonFinite());
            }
        }
        for (String file : verdicts.keySet()) {
            if (seen.getOrDefault(file, 0) != 1) {
                violations.add(where + ": " + file + " appears " + seen.getOrDefault(file, 0) + " times, once"
                        + " expected (" + (verdicts.get(file).read() ? "readable" : "unreadable") + ")");
            }
        }
        if ((mode == Mode.DIRECTORY || mode == Mode.RUN) && analysed > 0 && !powerLaw) {
            violations.add(where + ": no power_law line after the analyses");
        }
        if (violations.size() > before) {
            keep(batchDir);
        }
        count(mode.name().toLowerCase(Locale.ROOT) + " runs", 1);
        count("snapshot mutants analysed", analysed);
        count("readable snapshot mutants refused by a run's listing (name, run id or step), one line each", refused);
        count("snapshot mutants reported unreadable", (int) verdicts.values().stream().filter(v -> !v.read())
                .count());
    }

    /** @return a run directory "fuzz" (the seeds' run id) with its manifest, under {@code parent} */
    private static Path runDirectory(Path parent) throws IOException {
        return RunDirectory.create(parent, new RunManifest(1, "fuzz", Instant.parse("2026-11-23T00:00:00Z"), "test",
                new RunManifest.Architecture(List.of(12, 6, 3), List.of("relu", "softmax"), false), Map.of(),
                Map.of())).root();
    }

    /**
     * @return the step to name a mutant's file by in a run: its own step when it is readable and no other file of the
     *         batch has it yet, else one no snapshot holds (10^9 + its index), so the listing refuses it
     */
    private static long stepName(Path file, Mutant m, Set<Long> steps) {
        try {
            long step = SnapshotFiles.readInfo(file).step();
            if (step < 1_000_000_000L && steps.add(step)) {
                return step;
            }
        } catch (IOException e) {
            // Unreadable: named by its index, and reported by the listing with the reader's message.
        }
        return 1_000_000_000L + m.index();
    }

    /** A sound run of two snapshots whose probe.safetensors is the mutant: at most one warning, exit status 0. */
    private void analyseRunWithProbe(Mutant m) throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("probe-runs"), new RunManifest(1,
                String.format("probe-%05d", m.index()), Instant.parse("2026-11-23T00:00:00Z"), "test",
                new RunManifest.Architecture(List.of(12, 6, 3), List.of("relu", "softmax"), false), Map.of(),
                Map.of()));
        String id = run.root().getFileName().toString();
        for (long step : new long[]{0, 4}) {
            run.write(SnapshotFixtures.xavier(id, step, 10 + step, 12, 6, 3), DType.F32);
        }
        Path probe = run.root().resolve("probe.safetensors");
        Files.write(probe, m.mutation().bytes());
        ReadVerdict verdict = ReaderOracle.check(probe, FileKind.PROBE);
        List<String> args = new ArrayList<>(List.of("analyze", "--json", "--no-progress"));
        args.addAll(List.of(FAST));
        args.add(run.root().toString());
        Run r = run(args);
        String where = m.fileName() + " as " + probe;
        List<String> expected = verdict.read() ? List.of()
                : List.of("spinmon analyze: warning: " + verdict.message() + "; analysing without a probe batch");
        int before = violations.size();
        if (r.status != 0 || !lines(r.err).equals(expected)) {
            violations.add(where + ": exit status " + r.status + " and stderr " + lines(r.err) + ", expected 0 and "
                    + expected);
        }
        long analyses = lines(r.out).stream().filter(l -> l.contains("\"file\"")).count();
        if (analyses != 2) {
            violations.add(where + ": " + analyses + " analyses, 2 expected");
        }
        if (violations.size() > before) {
            keep(run.root());
        }
        count("probe runs", 1);
        count("probe mutants warned about", verdict.read() ? 0 : 1);
    }

    /** Copies a directory that broke the contract to {@value #FAILURES}, for replay. */
    private static void keep(Path source) throws IOException {
        Path target = Path.of(FAILURES).resolve(source.getFileName());
        Files.createDirectories(target);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = target.resolve(source.relativize(f));
                Files.createDirectories(to.getParent());
                Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = SpinmonMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Run(status, out.toString(), err.toString());
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length
                - (text.endsWith("\n") ? 1 : 0));
    }

    private void count(String what, int n) {
        tally.merge(what, n, Integer::sum);
    }

    private void writeReport(int snapshots, int probes, double seconds) throws IOException {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Campaign seed %d: %d snapshot mutants in"
                + " directories of %d, %d probe mutants, %d violations, %.1f s.%n%n| count | |%n|---|---:|%n", SEED,
                snapshots, PER_DIRECTORY, probes, violations.size(), seconds));
        tally.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        Path out = Path.of("target", "fuzz");
        Files.createDirectories(out);
        Files.writeString(out.resolve("analyze-report.md"), b.toString());
        System.out.println(b);
    }
}
