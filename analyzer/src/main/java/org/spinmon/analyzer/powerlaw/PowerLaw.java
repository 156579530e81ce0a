package org.spinmon.analyzer.powerlaw;

/**
 * A power law tc_melt ∝ t^a fitted over a run (spin-model.md §10).
 *
 * @param exponent        a, by ordinary least squares of ln tc_melt on ln t (t in optimizer steps)
 * @param prefactor       e^intercept, in weight units
 * @param ciLow           2.5 % percentile of a over bootstrap resamples of the (t, T) pairs
 * @param ciHigh          97.5 % percentile
 * @param r2              R² of the log–log fit, 0..1
 * @param points          pairs used
 * @param firstStep       first step used (t_0)
 * @param lastStep        last step used
 * @param rollingExponent a over the last k points used; NaN with fewer than 3
 * @param reason          why the fit is NaN, or {@code null}
 */
public record PowerLaw(double exponent, double prefactor, double ciLow, double ciHigh, double r2, int points,
                       long firstStep, long lastStep, double rollingExponent, String reason) {

    /** @return an undefined fit over {@code points} pairs, with the reason */
    public static PowerLaw undefined(String reason, int points) {
        return new PowerLaw(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, points, -1, -1, Double.NaN,
                reason);
    }
}
