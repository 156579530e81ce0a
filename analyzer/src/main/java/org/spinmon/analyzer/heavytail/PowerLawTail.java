package org.spinmon.analyzer.heavytail;

/**
 * The power-law fit of one layer's ESD tail, WeightWatcher 0.7.5's columns (ecosystem.md §2.3). A failed fit
 * has alpha = D = sigma = xmin = −1 and num_pl_spikes = −1, as WeightWatcher reports it.
 *
 * @param alpha       tail exponent of the density p(λ) ∝ λ^−α (dimensionless)
 * @param xmin        the start of the tail, λ units (squared weight units)
 * @param xmax        the largest eigenvalue, λ units; NaN when the ESD had too few eigenvalues to fit
 * @param d           Kolmogorov–Smirnov distance between the tail and the fitted law, 0..1
 * @param sigma       (alpha − 1)/√k, WeightWatcher's standard error of alpha
 * @param numPlSpikes #eigenvalues ≥ xmin on the unthresholded ESD (the tail size k)
 * @param status      whether the fit succeeded
 * @param warning     the over-/under-trained reading of alpha (only for a successful fit)
 */
public record PowerLawTail(double alpha, double xmin, double xmax, double d, double sigma, int numPlSpikes,
                           Status status, Warning warning) {

    /** Fit outcome, WeightWatcher's {@code status} column. */
    public enum Status {
        SUCCESS("success"), FAILED("failed");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** @return WeightWatcher's spelling */
        public String label() {
            return label;
        }
    }

    /** WeightWatcher's {@code warning} column: alpha &lt; 2 over-trained, alpha &gt; 6 under-trained. */
    public enum Warning {
        NONE(""), OVER_TRAINED("over-trained"), UNDER_TRAINED("under-trained");

        private final String label;

        Warning(String label) {
            this.label = label;
        }

        /** @return WeightWatcher's spelling ({@code ""} for none) */
        public String label() {
            return label;
        }
    }

    /** @return whether the fit failed */
    public boolean failed() {
        return status == Status.FAILED;
    }

    /** @return the failed-fit row, with {@code xmax} = the largest eigenvalue or NaN */
    static PowerLawTail failed(double xmax) {
        return new PowerLawTail(-1, -1, xmax, -1, -1, -1, Status.FAILED, Warning.NONE);
    }
}
