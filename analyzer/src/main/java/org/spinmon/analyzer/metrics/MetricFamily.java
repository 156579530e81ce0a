package org.spinmon.analyzer.metrics;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every metric spinmon publishes per analysed snapshot (spin-model.md §0, ecosystem.md §4.2). The Micrometer
 * name uses dots; the Prometheus name replaces them with underscores and, for counters, appends
 * {@code _total}. Every series also carries the labels {@code run} and {@code mode} ({@code live} or
 * {@code replay}); {@link #labels()} are the further ones. Temperatures and eigenvalues of J are in weight units
 * (k_B = 1); ratios are 0..1, never percent. A value that is undefined is published as NaN. The {@code layer_*}
 * families named after WeightWatcher columns follow WeightWatcher 0.7.5 (ecosystem.md §2); where WeightWatcher
 * writes −1 for a failed fit the gauge is NaN, and the failure is counted in {@link #LAYER_FIT_FAILURES}.
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
    LAYER_ALPHA("spinmon.layer.alpha", Type.GAUGE, "WeightWatcher 0.7.5 alpha: power-law exponent of the ESD"
            + " tail of W_l (KS-chosen xmin); 2..6 well trained, < 2 over-, > 6 under-trained; NaN when the fit"
            + " failed (WeightWatcher's -1)", "layer"),
    LAYER_ALPHA_SIGMA("spinmon.layer.alpha.sigma", Type.GAUGE, "WeightWatcher sigma = (alpha - 1) / sqrt(tail"
            + " size), the standard error of alpha; NaN when the fit failed", "layer"),
    LAYER_KS_DISTANCE("spinmon.layer.ks.distance", Type.GAUGE, "WeightWatcher D: Kolmogorov-Smirnov distance of"
            + " the tail from the fitted power law; 0..1; NaN when the fit failed", "layer"),
    LAYER_PL_TAIL_SIZE("spinmon.layer.pl.tail.size", Type.GAUGE, "WeightWatcher num_pl_spikes: eigenvalues >="
            + " xmin in the fitted tail; count; NaN when the fit failed", "layer"),
    LAYER_ALPHA_XMIN("spinmon.layer.alpha.xmin", Type.GAUGE, "WeightWatcher xmin: start of the fitted tail;"
            + " squared weight units; NaN when the fit failed", "layer"),
    LAYER_LOG_NORM("spinmon.layer.log.norm", Type.GAUGE, "WeightWatcher log_norm = log10 ||W_l||_F^2", "layer"),
    LAYER_LOG_SPECTRAL_NORM("spinmon.layer.log.spectral.norm", Type.GAUGE, "WeightWatcher log_spectral_norm ="
            + " log10 ||W_l||_2^2", "layer"),
    LAYER_ALPHA_WEIGHTED("spinmon.layer.alpha.weighted", Type.GAUGE, "WeightWatcher alpha_weighted = alpha *"
            + " log10 lambda_max (a failed fit enters as alpha = -1)", "layer"),
    LAYER_LOG_ALPHA_NORM("spinmon.layer.log.alpha.norm", Type.GAUGE, "WeightWatcher log_alpha_norm = log10 sum"
            + " lambda^alpha (a failed fit enters as alpha = -1)", "layer"),
    LAYER_MATRIX_RANK("spinmon.layer.matrix.rank", Type.GAUGE, "WeightWatcher matrix_rank: singular values above"
            + " sigma_max * N * eps; count", "layer"),
    LAYER_ENTROPY("spinmon.layer.entropy", Type.GAUGE, "WeightWatcher entropy: -sum p ln p / ln(rank), p ="
            + " lambda / sum lambda; about 0..1", "layer"),
    LAYER_MP_SIGMA("spinmon.layer.mp.sigma", Type.GAUGE, "WeightWatcher sigma_mp: Marchenko-Pastur sigma of the"
            + " ESD rescaled to mean 1; dimensionless", "layer"),
    LAYER_MP_BULK_MAX("spinmon.layer.mp.bulk.max", Type.GAUGE, "WeightWatcher bulk_max: upper edge of the fitted"
            + " Marchenko-Pastur bulk; squared weight units", "layer"),
    LAYER_MP_BULK_MIN("spinmon.layer.mp.bulk.min", Type.GAUGE, "WeightWatcher bulk_min: lower edge of the fitted"
            + " Marchenko-Pastur bulk; squared weight units", "layer"),
    LAYER_MP_NUM_SPIKES("spinmon.layer.mp.num.spikes", Type.GAUGE, "WeightWatcher num_spikes: eigenvalues beyond"
            + " the bulk edge plus the Tracy-Widom margin; count", "layer"),
    LAYER_MP_SOFTRANK("spinmon.layer.mp.softrank", Type.GAUGE, "WeightWatcher mp_softrank = bulk_max /"
            + " lambda_max; 0..1", "layer"),
    LAYER_CORRELATION_TRAPS("spinmon.layer.correlation.traps", Type.GAUGE, true, "WeightWatcher rand_num_spikes:"
            + " spikes of the entry-permuted W beyond its bulk (large localised weights); count; updated on"
            + " randomised snapshots only", "layer"),
    LAYER_RAND_DISTANCE("spinmon.layer.rand.distance", Type.GAUGE, true, "WeightWatcher rand_distance:"
            + " Jensen-Shannon distance between the sorted ESD and a permuted one, each normalised to sum 1;"
            + " updated on randomised snapshots only", "layer"),
    LAYER_WW_SOFTRANK("spinmon.layer.ww.softrank", Type.GAUGE, true, "WeightWatcher ww_softrank = max"
            + " lambda_rand / max lambda; 0..1; updated on randomised snapshots only", "layer"),
    LAYER_MAX_RAND_EVAL("spinmon.layer.max.rand.eval", Type.GAUGE, true, "WeightWatcher max_rand_eval: largest"
            + " eigenvalue of the permuted W; squared weight units; updated on randomised snapshots only",
            "layer"),
    WW_MEAN_ALPHA("spinmon.ww.mean.alpha", Type.GAUGE, "WeightWatcher get_summary() alpha: plain mean"
            + " over the analysed layers, failed fits (-1) included"),
    WW_MEAN_ALPHA_WEIGHTED("spinmon.ww.mean.alpha.weighted", Type.GAUGE, "WeightWatcher get_summary()"
            + " alpha_weighted: mean over layers"),
    WW_MEAN_LOG_ALPHA_NORM("spinmon.ww.mean.log.alpha.norm", Type.GAUGE, "WeightWatcher get_summary()"
            + " log_alpha_norm: mean over layers"),
    WW_MEAN_LOG_NORM("spinmon.ww.mean.log.norm", Type.GAUGE, "WeightWatcher get_summary() log_norm: mean"
            + " over layers"),
    WW_MEAN_LOG_SPECTRAL_NORM("spinmon.ww.mean.log.spectral.norm", Type.GAUGE, "WeightWatcher"
            + " get_summary() log_spectral_norm: mean over layers"),
    WW_MEAN_STABLE_RANK("spinmon.ww.mean.stable.rank", Type.GAUGE, "WeightWatcher get_summary()"
            + " stable_rank: mean over layers"),
    WW_MEAN_MP_SOFTRANK("spinmon.ww.mean.mp.softrank", Type.GAUGE, "WeightWatcher get_summary()"
            + " mp_softrank: mean over layers"),
    LAYER_KERNEL_CHANGE("spinmon.layer.kernel.change", Type.GAUGE, "||K_l(t) - K_l(0)||_F / ||K_l(0)||_F,"
            + " K_l = H_l H_l^T / N_l the pre-activation kernel on the probe batch; 0 lazy (NNGP), grows with"
            + " feature learning", "layer"),
    LAYER_KERNEL_ALIGNMENT("spinmon.layer.kernel.alignment", Type.GAUGE, "Kernel-target alignment of the"
            + " centred pre-activation kernel with the centred one-hot labels Y_c Y_c^T; -1..1", "layer"),
    LAYER_ACTIVATION_KERNEL_ALIGNMENT("spinmon.layer.activation.kernel.alignment", Type.GAUGE, "Kernel-target"
            + " alignment of the centred activation kernel Q_l = A_l A_l^T / N_l; -1..1", "layer"),
    LAYER_PREACT_EXCESS_KURTOSIS("spinmon.layer.preact.excess.kurtosis", Type.GAUGE, "Mean over neurons of the"
            + " excess kurtosis of the pre-activation across the probe batch; about 0 when Gaussian", "layer"),
    LAYER_PREACT_EXCESS_KURTOSIS_STD("spinmon.layer.preact.excess.kurtosis.std", Type.GAUGE, "Standard deviation"
            + " over neurons of the pre-activation excess kurtosis", "layer"),
    LAYER_KERNEL_EFF_RANK("spinmon.layer.kernel.eff.rank", Type.GAUGE, "Effective rank (tr K_l)^2 / tr(K_l^2) of"
            + " the pre-activation kernel; 1..P", "layer"),
    LAYER_SELF_OVERLAP("spinmon.layer.self.overlap", Type.GAUGE, "Two-time spin self-overlap C_l(t, t') = mean of"
            + " sign(h_i(t)) sign(h_i(t')) over neurons and probe inputs, t' the previous analysed or the first"
            + " snapshot; -1..1", "layer", "reference"),
    LAYER_WEIGHT_SELF_OVERLAP("spinmon.layer.weight.self.overlap", Type.GAUGE, "<W_l(t), W_l(t')>_F / (||W_l(t)||_F"
            + " ||W_l(t')||_F), t' the previous analysed or the first snapshot; -1..1", "layer", "reference"),
    LAYER_SOLID("spinmon.layer.solid", Type.GAUGE, "1 when layer l is solid (C_l(t, t_prev) >= 1 - epsilon over the"
            + " last window of snapshots), 0 when liquid, NaN before the window is full", "layer"),
    SOLID_FRACTION("spinmon.solid.fraction", Type.GAUGE, "Fraction of layers labelled solid; 0..1"),
    LAYER_REPLICA_OVERLAP("spinmon.layer.replica.overlap", Type.GAUGE, "Replica mode: mean over replica pairs of"
            + " the weight cosine (kind=weight) or of the probe-batch spin overlap (kind=spin); -1..1", "layer",
            "kind"),
    INPUT_ENERGY("spinmon.input.energy", Type.GAUGE, true, "Input landscape: mean energy per input dimension"
            + " <H_c>/N_0, H_c(x) = -z_c(x) over inputs on the sphere |x|^2 = N_0 sampled at inverse temperature"
            + " beta; logit units; NaN when not equilibrated; updated on sampled snapshots only", "class", "beta"),
    INPUT_OVERLAP_MEAN("spinmon.input.overlap.mean", Type.GAUGE, true, "Input landscape: mean replica overlap"
            + " q_ab = x_a.x_b / N_0; -1..1; NaN when not equilibrated; updated on sampled snapshots only", "class",
            "beta"),
    INPUT_OVERLAP_STD("spinmon.input.overlap.std", Type.GAUGE, true, "Input landscape: standard deviation of the"
            + " replica overlaps (broad = replica-symmetry breaking); NaN when not equilibrated", "class", "beta"),
    INPUT_ACCEPTANCE("spinmon.input.acceptance", Type.GAUGE, true, "Input landscape: Metropolis acceptance rate of"
            + " the sampler; 0..1", "class", "beta"),
    INPUT_EQUILIBRATED("spinmon.input.equilibrated", Type.GAUGE, true, "Input landscape: 1 when the sampler's"
            + " equilibration checks passed (else the estimates are NaN), 0 otherwise", "class", "beta"),
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
            + " weights"),
    LAYER_FIT_FAILURES("spinmon.layer.fit.failures", Type.COUNTER, "Layers whose WeightWatcher power-law fit"
            + " failed (alpha = -1), summed over the analyses");

    /** Gauges hold the last value; counters only grow. */
    public enum Type { GAUGE, COUNTER }

    /** Labels of every series. */
    public static final List<String> COMMON_LABELS = List.of("run", "mode");

    /** The WeightWatcher-compatible families: the declaration range from alpha to the summary, and the counter. */
    private static final Set<MetricFamily> HEAVY_TAIL;

    static {
        Set<MetricFamily> set = EnumSet.range(LAYER_ALPHA, WW_MEAN_MP_SOFTRANK);
        set.add(LAYER_FIT_FAILURES);
        HEAVY_TAIL = Collections.unmodifiableSet(set);
    }

    private final String micrometerName;
    private final Type type;
    private final boolean periodic;
    private final String help;
    private final List<String> labels;

    MetricFamily(String micrometerName, Type type, String help, String... labels) {
        this(micrometerName, type, false, help, labels);
    }

    MetricFamily(String micrometerName, Type type, boolean periodic, String help, String... labels) {
        this.micrometerName = micrometerName;
        this.type = type;
        this.periodic = periodic;
        this.help = help;
        this.labels = List.of(labels);
    }

    /** @return whether the family reproduces a WeightWatcher 0.7.5 column (ecosystem.md §2) */
    public boolean heavyTail() {
        return HEAVY_TAIL.contains(this);
    }

    /**
     * @return whether the family is measured on some snapshots only (the randomisation and the input landscape, on
     *         their slower cadences):
     *         publishers keep its last value until it is measured again, instead of setting it to NaN
     */
    public boolean periodic() {
        return periodic;
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
