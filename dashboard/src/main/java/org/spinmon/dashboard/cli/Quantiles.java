package org.spinmon.dashboard.cli;

import java.util.Collection;

/** Order statistics of benchmark samples. */
final class Quantiles {

    private Quantiles() {
    }

    /**
     * @param q a probability in (0, 1]
     * @return the nearest-rank q-quantile of {@code values}: the ⌈q·n⌉-th smallest of the n values (the median
     *         of an even count is the lower middle one)
     * @throws IllegalArgumentException when there are no values
     */
    static double of(Collection<Double> values, double q) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
