package org.spinmon.analyzer.landscape;

/**
 * The split potential scale reduction factor R̂ (Gelman et al., "Bayesian Data Analysis", 3rd ed., §11.4):
 * each of the R chains of length T is split into its first and last ⌊T/2⌋ steps, giving J = 2R chains of length
 * n; W is the mean of their sample variances, B/n the sample variance of their means, var⁺ = (n−1)/n · W + B/n,
 * and R̂ = √(var⁺/W). Splitting makes R̂ see a drift inside a chain as well as disagreement between chains;
 * R̂ → 1 as the chains mix. Dimensionless.
 */
final class SplitRHat {

    private SplitRHat() {
    }

    /** @return R̂, or NaN when the halves do not vary (W = 0) or fewer than 2 steps per half */
    static double of(double[][] chains) {
        int t = chains[0].length;
        int n = t / 2;
        if (n < 2) {
            return Double.NaN;
        }
        int j = 2 * chains.length;
        double[] means = new double[j];
        double within = 0;
        int k = 0;
        for (double[] chain : chains) {
            for (int from : new int[]{0, t - n}) {
                double mean = 0;
                for (int s = from; s < from + n; s++) {
                    mean += chain[s];
                }
                mean /= n;
                double var = 0;
                for (int s = from; s < from + n; s++) {
                    var += (chain[s] - mean) * (chain[s] - mean);
                }
                within += var / (n - 1);
                means[k++] = mean;
            }
        }
        within /= j;
        double grand = 0;
        for (double m : means) {
            grand += m;
        }
        grand /= j;
        double between = 0;
        for (double m : means) {
            between += (m - grand) * (m - grand);
        }
        between /= j - 1;
        if (!(within > 0)) {
            return Double.NaN;
        }
        double pooled = (n - 1.0) / n * within + between;
        return Math.sqrt(pooled / within);
    }
}
