package org.spinmon.analyzer.landscape;

/**
 * The distribution of replica overlaps q_ab = x_a·x_b/N_0 ∈ [−1, 1] (dimensionless): mean, standard deviation
 * (of the pooled pair samples, divisor their count) and the histogram P(q) over equal bins of [−1, 1], as
 * fractions of the samples (summing to 1); q = 1 falls in the last bin.
 *
 * @param mean      the mean of the pooled samples
 * @param std       their standard deviation
 * @param histogram the fraction of samples in each bin
 */
record OverlapStatistics(double mean, double std, double[] histogram) {

    /** @return the statistics of {@code overlaps} (at least one) over {@code bins} bins */
    static OverlapStatistics of(double[] overlaps, int bins) {
        double mean = 0;
        for (double q : overlaps) {
            mean += q;
        }
        mean /= overlaps.length;
        double var = 0;
        double[] histogram = new double[bins];
        for (double q : overlaps) {
            var += (q - mean) * (q - mean);
            int bin = (int) Math.floor((q + 1) / 2 * bins);
            histogram[Math.max(0, Math.min(bins - 1, bin))]++;
        }
        for (int b = 0; b < bins; b++) {
            histogram[b] /= overlaps.length;
        }
        return new OverlapStatistics(mean, Math.sqrt(var / overlaps.length), histogram);
    }
}
