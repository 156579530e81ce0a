package org.spinmon.analyzer.linalg;

/**
 * An iterative solve driven from outside, one operator product at a time: {@link #nextVector()} is the vector
 * x to multiply, {@link #accept} takes A·x. Whoever computes the products may compute several solves' together
 * (in one pass over a large operator); the solve's arithmetic does not depend on it.
 */
public interface IterativeSolve {

    /** @return whether the solve has finished */
    boolean done();

    /** @return the vector to multiply next (read-only), or {@code null} when done */
    double[] nextVector();

    /**
     * Continues with {@code product} = A·{@link #nextVector()}; the solve keeps the array.
     *
     * @throws IllegalStateException if the solve has finished
     */
    void accept(double[] product);
}
