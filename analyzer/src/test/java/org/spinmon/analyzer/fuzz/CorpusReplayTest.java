package org.spinmon.analyzer.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;

/**
 * Replays the regression corpus ({@code src/test/resources/corpus}, index {@value CorpusIndex#FILE_NAME}): every file
 * the fuzzer found that once broke a reader or the analysis, a representative of every rejection problem and of
 * many kinds of damage, and mutations that must still read. Each must have exactly the outcome of its index line,
 * with a message containing the recorded text, and satisfy the {@link ReaderOracle}'s contract.
 */
class CorpusReplayTest {

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyCorpusFileHasItsRecordedOutcome() throws IOException {
        return CorpusIndex.copyTo(dir).stream().map(e -> DynamicTest.dynamicTest(e.file(), () -> {
            ReadVerdict v = ReaderOracle.check(dir.resolve(e.file()), e.kind());
            assertEquals(List.of(), v.violations(), e.why());
            if (e.outcome().equals(CorpusIndex.READ)) {
                assertTrue(v.read(), () -> "must be read (" + e.why() + "), was rejected: " + v.message());
            } else {
                assertEquals(Problem.valueOf(e.outcome()), v.problem(), () -> e.why() + ": " + v.message());
                assertTrue(e.expected().equals("-") || v.message().contains(e.expected()),
                        () -> "message \"" + v.message() + "\" lacks \"" + e.expected() + "\"");
            }
        }));
    }

    @Test
    void theCorpusCoversEveryProblemAndEveryFileIsIndexed() throws IOException, URISyntaxException {
        List<CorpusIndex.Entry> entries = CorpusIndex.copyTo(dir);
        Set<Problem> missing = EnumSet.allOf(Problem.class);
        entries.stream().filter(e -> !e.outcome().equals(CorpusIndex.READ))
                .forEach(e -> missing.remove(Problem.valueOf(e.outcome())));
        assertEquals(Set.of(), missing, "problems without a corpus file");
        Path source = Path.of(CorpusReplayTest.class.getResource(CorpusIndex.RESOURCE + CorpusIndex.FILE_NAME).toURI())
                .getParent();
        try (Stream<Path> files = Files.list(source)) {
            List<String> unindexed = files.map(f -> f.getFileName().toString())
                    .filter(f -> !f.equals(CorpusIndex.FILE_NAME))
                    .filter(f -> entries.stream().noneMatch(e -> e.file().equals(f))).toList();
            assertEquals(List.of(), unindexed, "corpus files missing from the index");
        }
    }
}
