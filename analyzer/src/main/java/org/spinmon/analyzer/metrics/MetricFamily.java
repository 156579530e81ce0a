package org.spinmon.analyzer.metrics;

import java.util.List;

/**
 * Every metric spinmon publishes per analysed snapshot (spin-model.md §0, ecosystem.md §4.2). The Micrometer
 * name uses dots; the Prometheus name replaces them with underscores and, for counters, appends
 * {@code _total}. Every series also carries the labels {@code run} and {@code mode} ({@code live} or
 * {@code replay}); {@link #labels()} are the further ones. Temperatures and eigenvalues of J are in weight units
 * (k_B = 1); ratios are 0..1, never percent. A value that is undefined is published as NaN.
 */
public enum MetricFamily {
    TRAINING_STEP("spinmon.training.step", Type.GAUGE, "Optimizer steps taken before the last analysed snapshot"),
    TRAINING_EPOCH("spinmon.training.epoch", Type.GAUGE, "Fractional epoch (step / steps per epoch) of the last"
            + " analysed snapshot"),
    TRAINING_LOSS("spinmon.training.loss", Type.GAUGE, "Training loss (minibatch cross-entropy) at the last analysed"
            + " snapshot; NaN when not measured"),
    TRAINING_ACCURACY("spinmon.training.accuracy", Type.GAUGE, "Test accuracy (ratio 0..1) at the last analysed"
            + " snapshot; NaN when not measured at that snapshot"),
    TC_MELT("spinmon.tc.melt", Type.GAUGE, "Melting temperature max(T_SG, T_c,order), NaN ignored; weight units"
            + " (spin-model.md 0)"),
    T_SG("spinmon.t.sg", Type.GAUGE, "Spin-glass temperature sqrt(rho(J∘J)); weight units"),
    TC_ORDER("spinmon.tc.order", Type.GAUGE, "Largest T with lambda_min(H_0(T)) < 0 (hidden-order transition);"
            + " NaN if none; weight units"),
    T_STAR("spinmon.t.star", Type.GAUGE, "argmin_T lambda_min(H_0(T)); weight units"),
    H0_LAMBDA_MIN("spinmon.h0.lambda.min", Type.GAUGE, "min_T lambda_min(H_0(T)), H_0 = I + diag(s)/T^2 - J/T;"
            + " about 0 in a glass, clearly negative with hidden order; dimensionless"),
    PHASE("spinmon.phase", Type.GAUGE, "Phase: 0 = spin glass, 1 = hidden order (T_c,order > (1+delta) T_SG);"
            + " NaN when undefined"),
    PHASE_MARGIN("spinmon.phase.margin", Type.GAUGE, "T_c,order / T_SG - 1, how clear a hidden-order call is;"
            + " NaN without T_c,order"),
    TC_INIT_THEORY("spinmon.tc.init.theory", Type.GAUGE, "Layered-SK prediction sqrt(lambda_max(tridiag(v_l"
            + " sqrt(N_{l-1} N_l)))), v_l = mean W_l^2; weight units"),
    TC_MELT_OVER_INIT("spinmon.tc.melt.over.init", Type.GAUGE, "tc_melt / T_SG(t = 0); scale-free"),
    TC_MELT_OVER_RMS_WEIGHT("spinmon.tc.melt.over.rms.weight", Type.GAUGE, "tc_melt / rms(all W); scale-free"),
    LAMBDA_MAX_J("spinmon.lambda.max.j", Type.GAUGE, "Largest eigenvalue of the bond matrix J (naive mean-field"
            + " temperature, not T_c); weight units"),
    LAMBDA_J("spinmon.lambda.j", Type.GAUGE, "k-th largest eigenvalue of J, k = 1..5; weight units", "k"),
    OUTLIERS_J("spinmon.outliers.j", Type.GAUGE, "Eigenvalues of J above (1 + eps) times the bulk edge at t = 0;"
            + " count"),
    VC_OVERLAP_TOP_J("spinmon.vc.overlap.top.j", Type.GAUGE, "|<v_c, u_1>|, order pattern against the top"
            + " eigenvector of J; 0..1"),
    VC_LAYER_WEIGHT("spinmon.vc.layer.weight", Type.GAUGE, "||v_c on spin layer l||^2 with ||v_c|| = 1: where the"
            + " order lives; 0..1, sums to 1", "spin_layer"),
    LAYER_SIGMA_MAX("spinmon.layer.sigma.max", Type.GAUGE, "Largest singular value of W_l; weight units", "layer"),
    LAYER_STABLE_RANK("spinmon.layer.stable.rank", Type.GAUGE, "||W_l||_F^2 / ||W_l||_2^2; 1..min(N_{l-1}, N_l)",
            "layer"),
    LAYER_HILL_ALPHA("spinmon.layer.hill.alpha", Type.GAUGE, "Hill tail exponent (pdf convention) of the top 10%"
            + " eigenvalues of W_l^T W_l; not WeightWatcher's alpha", "layer"),
    LAYER_REL_CHANGE_FROM_INIT("spinmon.layer.rel.change.from.init", Type.GAUGE, "||W_t - W_0||_F / ||W_0||_F;"
            + " << 1 lazy, O(1) rich", "layer"),
    LAYER_UPDATE_SPECTRAL_NORM("spinmon.layer.update.spectral.norm", Type.GAUGE, "||W_t - W_0||_2; weight units",
            "layer"),
    TAP_STATES("spinmon.tap.states", Type.GAUGE, "Distinct physical TAP states at T = tau tc_melt (the +-m pair"
            + " counted once); count", "tau"),
    TAP_CONVERGED_RATIO("spinmon.tap.converged.ratio", Type.GAUGE, "Fraction of TAP starts that converged; 0..1",
            "tau"),
    TAP_Q("spinmon.tap.q", Type.GAUGE, "q_l = mean of m_i^2 over spin layer l, leading physical TAP state; 0..1",
            "tau", "spin_layer"),
    TAP_PLEFKA_X("spinmon.tap.plefka.x", Type.GAUGE, "Minimum Plefka x_P over converged TAP solutions (> 0 needed"
            + " for a physical state)", "tau"),
    TAP_OVERLAP_VC("spinmon.tap.overlap.vc", Type.GAUGE, "|m . v_c| / (||m|| ||v_c||) of the leading TAP state;"
            + " 0..1", "tau"),
    POWERLAW_EXPONENT("spinmon.powerlaw.exponent", Type.GAUGE, "a in tc_melt ~ t^a, log-log OLS after the glass is"
            + " gone (spin-model.md 10)"),
    POWERLAW_EXPONENT_CI_LOW("spinmon.powerlaw.exponent.ci.low", Type.GAUGE, "Bootstrap 2.5% percentile of the"
            + " power-law exponent"),
    POWERLAW_EXPONENT_CI_HIGH("spinmon.powerlaw.exponent.ci.high", Type.GAUGE, "Bootstrap 97.5% percentile of the"
            + " power-law exponent"),
    POWERLAW_R2("spinmon.powerlaw.r2", Type.GAUGE, "R^2 of the log-log power-law fit; 0..1"),
    POWERLAW_EXPONENT_ROLLING("spinmon.powerlaw.exponent.rolling", Type.GAUGE, "Power-law exponent over the last"
            + " 8 snapshots of the fit"),
    ANALYSIS_LAST_SECONDS("spinmon.analysis.last.seconds", Type.GAUGE, "Wall-clock time the last snapshot's"
            + " analysis took; seconds"),
    SNAPSHOTS_EMITTED("spinmon.snapshots.emitted", Type.COUNTER, "Snapshots the producer emitted"),
    SNAPSHOTS_ANALYZED("spinmon.snapshots.analyzed", Type.COUNTER, "Snapshots the analyzer finished, failures"
            + " included; emitted = analyzed + dropped once the stream ends"),
    SNAPSHOTS_DROPPED("spinmon.snapshots.dropped", Type.COUNTER, "Snapshots dropped because the analyzer was"
            + " behind (drop-oldest policy)"),
    SNAPSHOTS_WRITTEN("spinmon.snapshots.written", Type.COUNTER, "Snapshots written to the run directory"),
    SNAPSHOT_WRITE_FAILURES("spinmon.snapshot.write.failures", Type.COUNTER, "Snapshots whose file could not be"
            + " written"),
    ANALYSIS_FAILURES("spinmon.analysis.failures", Type.COUNTER, "Analyses that failed with an error"),
    SNAPSHOTS_NONFINITE("spinmon.snapshots.nonfinite", Type.COUNTER, "Emitted snapshots with NaN or infinite"
            + " weights");

    /** Gauges hold the last value; counters only grow. */
    public enum Type { GAUGE, COUNTER }

    /** Labels of every series. */
    public static final List<String> COMMON_LABELS = List.of("run", "mode");

    private final String micrometerName;
    private final Type type;
    private final String help;
    private final List<String> labels;

    MetricFamily(String micrometerName, Type type, String help, String... labels) {
        this.micrometerName = micrometerName;
        this.type = type;
        this.help = help;
        this.labels = List.of(labels);
    }

    /** @return the Micrometer meter name, dotted, without {@code .total} */
    public String micrometerName() {
        return micrometerName;
    }

    /** @return the Prometheus family name: underscores, without {@code _total} */
    public String prometheusName() {
        return micrometerName.replace('.', '_');
    }

    /** @return the Prometheus name of the family's series: with {@code _total} for counters */
    public String seriesName() {
        return type == Type.COUNTER ? prometheusName() + "_total" : prometheusName();
    }

    /** @return gauge or counter */
    public Type type() {
        return type;
    }

    /** @return the description: what it is, formula, unit */
    public String help() {
        return help;
    }

    /** @return the labels beyond {@link #COMMON_LABELS}, in order */
    public List<String> labels() {
        return labels;
    }
}
