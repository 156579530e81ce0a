package org.spinmon.analyzer.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;

/**
 * Seeded mutation fuzzing of the snapshot and probe readers: {@code fuzz.count} mutants (default 1,500 in the
 * build; {@code scripts/fuzz-snapshots.sh} runs 10,000 or more) of every {@link MutationClass}, each derived from
 * a valid file of one network (format version 1, F32 and F64 with biases), of three replicas (version 2) or of a
 * probe batch. Every mutant must be read or rejected as {@link ReaderOracle} requires, and as its
 * {@link Expectation} says; the campaign must reach every rejection {@link Problem} and read mutants of the
 * classes that keep files valid. The report goes to {@code target/fuzz/reader-report.md}, the mutants that break
 * anything to {@code target/fuzz/reader-failures};
 * {@code -Dfuzz.corpus.out=DIR} also writes corpus candidates ({@link CorpusExport}) there.
 */
class SnapshotFuzzTest {

    /** The campaign seed; {@code -Dfuzz.seed=N} runs another. */
    static final long SEED = Long.getLong("fuzz.seed", 20261123L);
    /** The number of mutants; {@code -Dfuzz.count=N}. */
    static final int COUNT = Integer.getInteger("fuzz.count", 1500);

    @TempDir
    Path dir;

    @Test
    void everyMutantIsReadOrRejectedWithOneLineNamingTheFile() throws IOException, InterruptedException {
        Path out = Path.of("target", "fuzz");
        Path failures = out.resolve("reader-failures");
        FuzzReport report = FuzzCampaign.run(dir, failures, FuzzSeeds.create(dir.resolve("seeds")), SEED, COUNT);
        Files.createDirectories(out);
        Files.writeString(out.resolve("reader-report.md"), report.toMarkdown());
        System.out.println(report.toMarkdown());
        String candidates = System.getProperty("fuzz.corpus.out");
        if (candidates != null) {
            CorpusExport.write(report, Path.of(candidates));
        }

        assertEquals(COUNT, report.mutants());
        assertTrue(report.violations().isEmpty(), () -> report.violations().size() + " mutants broke the readers'"
                + " contract (kept in " + failures.toAbsolutePath() + "), the first ones:\n"
                + report.violations().stream().limit(20).map(v -> v.mutant().fileName() + " ("
                        + v.mutant().mutation().description() + "): " + v.violations())
                .collect(Collectors.joining("\n")));
        for (MutationClass c : MutationClass.values()) {
            assertTrue(report.mutants(c) >= COUNT / MutationClass.values().length, c + " got too few mutants");
            assertTrue(report.rejected(c) > 0, c + " never broke a file");
        }
        Set<Problem> missing = EnumSet.allOf(Problem.class);
        missing.removeAll(report.problems().keySet());
        assertTrue(missing.isEmpty(), "no mutant was rejected as " + missing + ": " + report.problems());
        for (MutationClass c : new MutationClass[]{MutationClass.BIT_FLIP, MutationClass.HEADER_JSON,
                MutationClass.METADATA, MutationClass.WRONG_DTYPE, MutationClass.LAYER_CHAIN,
                MutationClass.NAN_INF_PAYLOAD}) {
            assertTrue(report.read(c) > 0, c + " never produced a file that must still read");
        }
    }
}
