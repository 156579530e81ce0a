package org.spinmon.analyzer.fuzz;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;

/**
 * The tally of a fuzz campaign: per mutation class how many mutants were read and rejected, per problem how many
 * rejections named it (with the smallest mutant that did, a corpus candidate), the most any file allocated and
 * took, and every violation.
 */
public final class FuzzReport {

    /** The counts of one mutation class. */
    private static final class Tally {
        int mutants;
        int read;
        int rejected;
        int violated;
    }

    /**
     * A mutant and how it broke the readers' contract.
     *
     * @param mutant     the mutant
     * @param violations what went wrong
     * @param failure    what escaped the reader, if anything
     */
    public record Violation(Mutant mutant, List<String> violations, Throwable failure) {
    }

    /**
     * The smallest mutant seen with a given outcome, and its message.
     *
     * @param mutant  the mutant
     * @param message the rejection's message, {@code null} when it was read
     */
    public record Example(Mutant mutant, String message) {
    }

    private final long seed;
    private final Map<MutationClass, Tally> classes = new EnumMap<>(MutationClass.class);
    private final Map<Problem, Integer> problems = new EnumMap<>(Problem.class);
    private final Map<Problem, Example> smallest = new EnumMap<>(Problem.class);
    private final Map<MutationClass, Example> smallestRead = new EnumMap<>(MutationClass.class);
    private final List<Violation> violations = new ArrayList<>();
    private long maxAllocated;
    private long maxAllocatedFileSize;
    private long maxNanos;
    private long totalNanos;
    private int mutants;

    /** An empty report of the campaign {@code seed}. */
    public FuzzReport(long seed) {
        this.seed = seed;
        for (MutationClass c : MutationClass.values()) {
            classes.put(c, new Tally());
        }
    }

    /** Counts one checked mutant. */
    public void add(Mutant mutant, ReadVerdict verdict, List<String> broken) {
        mutants++;
        Tally tally = classes.get(mutant.family());
        tally.mutants++;
        int size = mutant.mutation().bytes().length;
        if (verdict.read()) {
            tally.read++;
            Example e = smallestRead.get(mutant.family());
            if (e == null || e.mutant().mutation().bytes().length > size) {
                smallestRead.put(mutant.family(), new Example(mutant, null));
            }
        } else if (verdict.failure() == null) {
            tally.rejected++;
            if (verdict.problem() != null) {
                problems.merge(verdict.problem(), 1, Integer::sum);
                Example e = smallest.get(verdict.problem());
                if (e == null || e.mutant().mutation().bytes().length > size) {
                    smallest.put(verdict.problem(), new Example(mutant, verdict.message()));
                }
            }
        }
        if (!broken.isEmpty()) {
            tally.violated++;
            violations.add(new Violation(mutant, broken, verdict.failure()));
        }
        if (verdict.allocatedBytes() > maxAllocated) {
            maxAllocated = verdict.allocatedBytes();
            maxAllocatedFileSize = size;
        }
        maxNanos = Math.max(maxNanos, verdict.nanos());
        totalNanos += verdict.nanos();
    }

    /** @return every violation, in mutant order */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** @return how many rejections named each problem */
    public Map<Problem, Integer> problems() {
        return Map.copyOf(problems);
    }

    /** @return the smallest rejected mutant for each problem seen */
    public Map<Problem, Example> smallestRejected() {
        return Map.copyOf(smallest);
    }

    /** @return the smallest mutant read successfully, for each class that had one */
    public Map<MutationClass, Example> smallestRead() {
        return Map.copyOf(smallestRead);
    }

    /** @return the number of mutants of {@code family} */
    public int mutants(MutationClass family) {
        return classes.get(family).mutants;
    }

    /** @return the number of mutants of {@code family} that were read */
    public int read(MutationClass family) {
        return classes.get(family).read;
    }

    /** @return the number of mutants of {@code family} that were rejected */
    public int rejected(MutationClass family) {
        return classes.get(family).rejected;
    }

    /** @return the number of mutants checked */
    public int mutants() {
        return mutants;
    }

    /** @return the report as Markdown tables, for RELIABILITY.md */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Campaign seed %d, %d mutants, %d violations.%n%n", seed, mutants,
                violations.size()));
        b.append("| class | mutants | read | rejected | violations |\n|---|---:|---:|---:|---:|\n");
        classes.forEach((c, t) -> b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", c.label(),
                t.mutants, t.read, t.rejected, t.violated)));
        b.append("\n| problem | rejections |\n|---|---:|\n");
        problems.forEach((p, n) -> b.append(String.format(Locale.ROOT, "| %s | %d |%n", p.name(), n)));
        b.append(String.format(Locale.ROOT, "%nOne full read of each file (its second): %.1f s in all, %.2f ms per file on"
                        + " average, %.1f ms at most. Most allocated by one read: %.2f MiB (a file of %d bytes).%n", totalNanos / 1e9,
                mutants == 0 ? 0 : totalNanos / 1e6 / mutants, maxNanos / 1e6, maxAllocated / 1048576.0,
                maxAllocatedFileSize));
        return b.toString();
    }
}
