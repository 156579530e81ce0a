package org.spinmon.analyzer.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A seeded fuzz campaign against the readers: writes each mutant to its own file, has the {@link ReaderOracle}
 * judge it on a worker thread with a hang guard, checks the mutant's {@link Expectation}, and keeps the files of
 * the mutants that broke anything in a directory of failures, for replay.
 */
public final class FuzzCampaign {

    /** A file whose reading takes longer than this is reported as hanging: a liveness guard, not a timing. */
    static final long HANG_SECONDS = 30;

    private FuzzCampaign() {
    }

    /**
     * Runs mutants {@code 0 … count − 1} of {@code seeds} for campaign {@code seed} in {@code dir}; the mutants that
     * break anything are moved to {@code failures}.
     */
    public static FuzzReport run(Path dir, Path failures, List<SeedFile> seeds, long seed, int count)
            throws IOException, InterruptedException {
        Mutator mutator = new Mutator(seeds, seed);
        FuzzReport report = new FuzzReport(seed);
        ExecutorService worker = newWorker();
        try {
            for (int i = 0; i < count; i++) {
                Mutant mutant = mutator.mutant(i);
                Path file = dir.resolve(mutant.fileName());
                Files.write(file, mutant.mutation().bytes());
                Future<ReadVerdict> pending = worker.submit(() -> ReaderOracle.check(file, mutant.kind()));
                ReadVerdict verdict;
                try {
                    verdict = pending.get(HANG_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    pending.cancel(true);
                    worker.shutdownNow();
                    worker = newWorker();
                    verdict = new ReadVerdict(null, null, 0, 0, HANG_SECONDS * 1_000_000_000L,
                            List.of("reading did not finish within " + HANG_SECONDS + " s"), e);
                } catch (ExecutionException e) {
                    verdict = new ReadVerdict(null, null, 0, 0, 0, List.of("the oracle failed: " + e.getCause()),
                            e.getCause());
                }
                List<String> broken = new ArrayList<>(verdict.violations());
                if (verdict.failure() == null) {
                    mutant.mutation().expected().violation(verdict.read(), verdict.problem(), verdict.nonFinite())
                            .ifPresent(broken::add);
                }
                report.add(mutant, verdict, broken);
                if (broken.isEmpty()) {
                    Files.delete(file);
                } else {
                    Files.createDirectories(failures);
                    Files.move(file, failures.resolve(mutant.fileName()));
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return report;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-reader");
            t.setDaemon(true);
            return t;
        });
    }
}
