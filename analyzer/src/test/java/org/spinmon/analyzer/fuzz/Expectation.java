package org.spinmon.analyzer.fuzz;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;

/**
 * What a mutant's reader must do, beyond never escaping with anything but an {@code IOException}: when the
 * mutation is known to keep the file valid it must be read (and, for planted NaN/infinite weights, read with
 * exactly that many non-finite values); when it is known to break the format it must be rejected, with one of
 * the listed problems when any are listed.
 *
 * @param mayRead   whether reading it successfully is right
 * @param mayReject whether rejecting it is right
 * @param problems  the problems a rejection may name; empty: any
 * @param nonFinite the exact number of NaN or infinite weights a successful read must hold, or −1 unchecked
 */
public record Expectation(boolean mayRead, boolean mayReject, Set<Problem> problems, long nonFinite) {

    /** Copies the set in. */
    public Expectation {
        problems = problems.isEmpty() ? Set.of() : Set.copyOf(problems);
    }

    /** @return no expectation beyond a clean outcome: read, or rejected with any problem */
    public static Expectation any() {
        return new Expectation(true, true, Set.of(), -1);
    }

    /** @return the mutation keeps the file valid: it must be read */
    public static Expectation read() {
        return new Expectation(true, false, Set.of(), -1);
    }

    /** @return the file must be read, with exactly {@code count} non-finite weights and biases */
    public static Expectation readWithNonFinite(long count) {
        return new Expectation(true, false, Set.of(), count);
    }

    /** @return the file is broken: it must be rejected, naming one of {@code problems} (any when none given) */
    public static Expectation rejected(Problem... problems) {
        return new Expectation(false, true, problems.length == 0 ? Set.of() : EnumSet.of(problems[0], problems), -1);
    }

    /**
     * @param read      whether the file was read
     * @param problem   the problem of the rejection ({@code null} when read, or when the rejection named none)
     * @param nonFinite the number of non-finite values read (ignored for a rejection)
     * @return what is wrong with that outcome, if anything
     */
    public Optional<String> violation(boolean read, Problem problem, long nonFinite) {
        if (read && !mayRead) {
            return Optional.of("was read, but the mutation breaks the format: expected " + this);
        }
        if (read && this.nonFinite >= 0 && nonFinite != this.nonFinite) {
            return Optional.of("was read with " + nonFinite + " non-finite values, " + this.nonFinite + " were planted");
        }
        if (!read && !mayReject) {
            return Optional.of("was rejected (" + problem + "), but the mutation keeps the file valid");
        }
        if (!read && !problems.isEmpty() && !problems.contains(problem)) {
            return Optional.of("was rejected as " + problem + ", expected " + this);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        if (mayRead && mayReject) {
            return problems.isEmpty() ? "any" : "read or " + names();
        }
        if (mayRead) {
            return nonFinite >= 0 ? "read with " + nonFinite + " non-finite" : "read";
        }
        return problems.isEmpty() ? "rejected" : names();
    }

    private String names() {
        return problems.stream().map(Enum::name).sorted().collect(Collectors.joining("|"));
    }
}
