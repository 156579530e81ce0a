package org.spinmon.analyzer.metrics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spinmon.analyzer.analysis.ProbeViews;
import org.spinmon.analyzer.analysis.SnapshotAnalysis;
import org.spinmon.analyzer.freezing.FreezingLayer;
import org.spinmon.analyzer.heavytail.HeavyTailAnalysis;
import org.spinmon.analyzer.heavytail.HeavyTailLayer;
import org.spinmon.analyzer.heavytail.HeavyTailSummary;
import org.spinmon.analyzer.heavytail.MarchenkoPastur;
import org.spinmon.analyzer.heavytail.NormMetrics;
import org.spinmon.analyzer.heavytail.PowerLawTail;
import org.spinmon.analyzer.heavytail.Randomization;
import org.spinmon.analyzer.kernels.KernelLayer;
import org.spinmon.analyzer.landscape.LandscapePoint;
import org.spinmon.analyzer.powerlaw.PowerLaw;
import org.spinmon.analyzer.spectral.LayerMetrics;
import org.spinmon.analyzer.spin.TapResult;
import org.spinmon.analyzer.stream.AnalysisOutcome;
import org.spinmon.analyzer.stream.StreamCounters;

/**
 * The one mapping from analyses to series, shared by every publisher (so that the live {@code /metrics}, the
 * OpenMetrics backfill file and anything else expose the same names, labels and values). Label values:
 * {@code layer} = 1..L (the weight matrix), {@code spin_layer} = 0..L, {@code tau} as written in the
 * configuration ({@code 0.9}), {@code k} = 1..5, {@code reference} = {@code previous} or {@code first},
 * {@code kind} = {@code weight} or {@code spin}, {@code class} = the output unit c, {@code beta} as configured
 * ({@code 32}).
 */
public final class MetricSamples {

    private MetricSamples() {
    }

    /**
     * @return the gauges of {@code outcome}: the training values always; the analysis values when the analysis
     *         succeeded (a failed one gives the training values only, and publishers set the rest to NaN)
     */
    public static List<MetricSample> of(AnalysisOutcome outcome, String run, String mode) {
        Emitter e = new Emitter(run, mode);
        e.add(MetricFamily.TRAINING_STEP, outcome.step());
        e.add(MetricFamily.TRAINING_EPOCH, outcome.epoch());
        e.add(MetricFamily.TRAINING_LOSS, outcome.loss());
        e.add(MetricFamily.TRAINING_ACCURACY, outcome.accuracy());
        e.add(MetricFamily.ANALYSIS_LAST_SECONDS, outcome.seconds());
        SnapshotAnalysis a = outcome.analysis();
        if (a == null) {
            return e.samples;
        }
        e.add(MetricFamily.TC_MELT, a.tcMelt());
        e.add(MetricFamily.T_SG, a.tSg());
        e.add(MetricFamily.TC_ORDER, a.tcOrder());
        e.add(MetricFamily.T_STAR, a.tStar());
        e.add(MetricFamily.H0_LAMBDA_MIN, a.h0LambdaMin());
        e.add(MetricFamily.PHASE, a.phase() == null ? Double.NaN : a.phase().value());
        e.add(MetricFamily.PHASE_MARGIN, a.phaseMargin());
        e.add(MetricFamily.TC_INIT_THEORY, a.tcInitTheory());
        e.add(MetricFamily.TC_MELT_OVER_INIT, a.tcMeltOverInit());
        e.add(MetricFamily.TC_MELT_OVER_RMS_WEIGHT, a.tcMeltOverRmsWeight());
        e.add(MetricFamily.LAMBDA_MAX_J, a.lambdaMaxJ());
        double[] lambda = a.lambdaJ();
        for (int k = 0; k < lambda.length; k++) {
            e.add(MetricFamily.LAMBDA_J, lambda[k], String.valueOf(k + 1));
        }
        e.add(MetricFamily.OUTLIERS_J, a.outliersJ());
        e.add(MetricFamily.VC_OVERLAP_TOP_J, a.vcOverlapTopJ());
        int[] spinLayers = a.spinLayers();
        double[] vc = a.vcLayerWeight();
        for (int l = 0; l < spinLayers.length; l++) {
            e.add(MetricFamily.VC_LAYER_WEIGHT, vc[l], String.valueOf(spinLayers[l]));
        }
        for (LayerMetrics m : a.layers()) {
            String layer = String.valueOf(m.index());
            e.add(MetricFamily.LAYER_SIGMA_MAX, m.sigmaMax(), layer);
            e.add(MetricFamily.LAYER_STABLE_RANK, m.stableRank(), layer);
            e.add(MetricFamily.LAYER_HILL_ALPHA, m.hillAlpha(), layer);
            e.add(MetricFamily.LAYER_REL_CHANGE_FROM_INIT, m.relChangeFromInit(), layer);
            e.add(MetricFamily.LAYER_UPDATE_SPECTRAL_NORM, m.updateSpectralNorm(), layer);
        }
        for (TapResult t : a.tap()) {
            String tau = tau(t.tau());
            e.add(MetricFamily.TAP_STATES, t.states(), tau);
            e.add(MetricFamily.TAP_CONVERGED_RATIO, t.convergedRatio(), tau);
            e.add(MetricFamily.TAP_PLEFKA_X, t.plefkaX(), tau);
            e.add(MetricFamily.TAP_OVERLAP_VC, t.overlapVc(), tau);
            double[] q = t.leadingQLayers(spinLayers.length);
            for (int l = 0; l < spinLayers.length; l++) {
                e.add(MetricFamily.TAP_Q, q[l], tau, String.valueOf(spinLayers[l]));
            }
        }
        if (a.heavyTail() != null) {
            heavyTail(e, a.heavyTail());
        }
        views(e, a.views());
        PowerLaw p = outcome.powerLaw();
        e.add(MetricFamily.POWERLAW_EXPONENT, p.exponent());
        e.add(MetricFamily.POWERLAW_EXPONENT_CI_LOW, p.ciLow());
        e.add(MetricFamily.POWERLAW_EXPONENT_CI_HIGH, p.ciHigh());
        e.add(MetricFamily.POWERLAW_R2, p.r2());
        e.add(MetricFamily.POWERLAW_EXPONENT_ROLLING, p.rollingExponent());
        return e.samples;
    }

    /** @return the stream counters as samples of the counter families */
    public static List<MetricSample> counters(StreamCounters c, String run, String mode) {
        Emitter e = new Emitter(run, mode);
        e.add(MetricFamily.SNAPSHOTS_EMITTED, c.emitted());
        e.add(MetricFamily.SNAPSHOTS_ANALYZED, c.analyzed());
        e.add(MetricFamily.SNAPSHOTS_DROPPED, c.dropped());
        e.add(MetricFamily.SNAPSHOTS_WRITTEN, c.written());
        e.add(MetricFamily.SNAPSHOT_WRITE_FAILURES, c.writeFailures());
        e.add(MetricFamily.ANALYSIS_FAILURES, c.analysisFailures());
        e.add(MetricFamily.SNAPSHOTS_NONFINITE, c.nonFinite());
        e.add(MetricFamily.LAYER_FIT_FAILURES, c.fitFailures());
        return e.samples;
    }

    private static void heavyTail(Emitter e, HeavyTailAnalysis h) {
        for (HeavyTailLayer l : h.layers()) {
            String layer = String.valueOf(l.index());
            PowerLawTail fit = l.fit();
            boolean ok = !fit.failed();
            e.add(MetricFamily.LAYER_ALPHA, ok ? fit.alpha() : Double.NaN, layer);
            e.add(MetricFamily.LAYER_ALPHA_SIGMA, ok ? fit.sigma() : Double.NaN, layer);
            e.add(MetricFamily.LAYER_KS_DISTANCE, ok ? fit.d() : Double.NaN, layer);
            e.add(MetricFamily.LAYER_PL_TAIL_SIZE, ok ? fit.numPlSpikes() : Double.NaN, layer);
            e.add(MetricFamily.LAYER_ALPHA_XMIN, ok ? fit.xmin() : Double.NaN, layer);
            NormMetrics n = l.norms();
            e.add(MetricFamily.LAYER_LOG_NORM, n.logNorm(), layer);
            e.add(MetricFamily.LAYER_LOG_SPECTRAL_NORM, n.logSpectralNorm(), layer);
            e.add(MetricFamily.LAYER_ALPHA_WEIGHTED, n.alphaWeighted(), layer);
            e.add(MetricFamily.LAYER_LOG_ALPHA_NORM, n.logAlphaNorm(), layer);
            e.add(MetricFamily.LAYER_MATRIX_RANK, n.matrixRank(), layer);
            e.add(MetricFamily.LAYER_ENTROPY, n.entropy(), layer);
            MarchenkoPastur mp = l.mp();
            if (mp != null) {
                e.add(MetricFamily.LAYER_MP_SIGMA, mp.sigmaMp(), layer);
                e.add(MetricFamily.LAYER_MP_BULK_MAX, mp.bulkMax(), layer);
                e.add(MetricFamily.LAYER_MP_BULK_MIN, mp.bulkMin(), layer);
                e.add(MetricFamily.LAYER_MP_NUM_SPIKES, mp.numSpikes(), layer);
                e.add(MetricFamily.LAYER_MP_SOFTRANK, mp.mpSoftrank(), layer);
            }
            Randomization r = l.randomization();
            if (r != null) {
                e.add(MetricFamily.LAYER_CORRELATION_TRAPS, r.correlationTraps(), layer);
                e.add(MetricFamily.LAYER_RAND_DISTANCE, r.randDistance(), layer);
                e.add(MetricFamily.LAYER_WW_SOFTRANK, r.wwSoftrank(), layer);
                e.add(MetricFamily.LAYER_MAX_RAND_EVAL, r.maxRandEval(), layer);
            }
        }
        HeavyTailSummary s = h.summary();
        e.add(MetricFamily.WW_MEAN_ALPHA, s.alpha());
        e.add(MetricFamily.WW_MEAN_ALPHA_WEIGHTED, s.alphaWeighted());
        e.add(MetricFamily.WW_MEAN_LOG_ALPHA_NORM, s.logAlphaNorm());
        e.add(MetricFamily.WW_MEAN_LOG_NORM, s.logNorm());
        e.add(MetricFamily.WW_MEAN_LOG_SPECTRAL_NORM, s.logSpectralNorm());
        e.add(MetricFamily.WW_MEAN_STABLE_RANK, s.stableRank());
        e.add(MetricFamily.WW_MEAN_MP_SOFTRANK, s.mpSoftrank());
    }

    private static void views(Emitter e, ProbeViews v) {
        for (KernelLayer k : v.kernels()) {
            String layer = String.valueOf(k.layer());
            e.add(MetricFamily.LAYER_KERNEL_CHANGE, k.change(), layer);
            e.add(MetricFamily.LAYER_KERNEL_ALIGNMENT, k.alignment(), layer);
            e.add(MetricFamily.LAYER_ACTIVATION_KERNEL_ALIGNMENT, k.activationAlignment(), layer);
            e.add(MetricFamily.LAYER_PREACT_EXCESS_KURTOSIS, k.kurtosisMean(), layer);
            e.add(MetricFamily.LAYER_PREACT_EXCESS_KURTOSIS_STD, k.kurtosisStd(), layer);
            e.add(MetricFamily.LAYER_KERNEL_EFF_RANK, k.effectiveRank(), layer);
        }
        for (FreezingLayer f : v.freezing()) {
            String layer = String.valueOf(f.layer());
            e.add(MetricFamily.LAYER_SELF_OVERLAP, f.spinOverlapPrevious(), layer, "previous");
            e.add(MetricFamily.LAYER_SELF_OVERLAP, f.spinOverlapFirst(), layer, "first");
            e.add(MetricFamily.LAYER_WEIGHT_SELF_OVERLAP, f.weightOverlapPrevious(), layer, "previous");
            e.add(MetricFamily.LAYER_WEIGHT_SELF_OVERLAP, f.weightOverlapFirst(), layer, "first");
            e.add(MetricFamily.LAYER_SOLID, f.solid(), layer);
            e.add(MetricFamily.LAYER_REPLICA_OVERLAP, f.replicaWeightOverlap(), layer, "weight");
            e.add(MetricFamily.LAYER_REPLICA_OVERLAP, f.replicaSpinOverlap(), layer, "spin");
        }
        if (!v.freezing().isEmpty()) {
            e.add(MetricFamily.SOLID_FRACTION, v.solidFraction());
        }
        if (v.landscape() != null) {
            for (LandscapePoint p : v.landscape().points()) {
                String c = String.valueOf(p.classIndex());
                String beta = beta(p.beta());
                e.add(MetricFamily.INPUT_ENERGY, p.energyPerInput(), c, beta);
                e.add(MetricFamily.INPUT_OVERLAP_MEAN, p.overlapMean(), c, beta);
                e.add(MetricFamily.INPUT_OVERLAP_STD, p.overlapStd(), c, beta);
                e.add(MetricFamily.INPUT_ACCEPTANCE, p.acceptance(), c, beta);
                e.add(MetricFamily.INPUT_EQUILIBRATED, p.equilibrated() ? 1 : 0, c, beta);
            }
        }
    }

    /** @return the label value of an inverse temperature: shortest plain decimal, {@code 32} or {@code 0.5} */
    public static String beta(double beta) {
        return BigDecimal.valueOf(beta).stripTrailingZeros().toPlainString();
    }

    /** @return the label value of a TAP temperature fraction: shortest plain decimal, {@code 0.9} */
    public static String tau(double tau) {
        return BigDecimal.valueOf(tau).stripTrailingZeros().toPlainString();
    }

    /** Builds the samples of one run and mode. */
    private static final class Emitter {
        final String run;
        final String mode;
        final List<MetricSample> samples = new ArrayList<>();

        Emitter(String run, String mode) {
            this.run = run;
            this.mode = mode;
        }

        void add(MetricFamily family, double value, String... labelValues) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("run", run);
            labels.put("mode", mode);
            for (int i = 0; i < labelValues.length; i++) {
                labels.put(family.labels().get(i), labelValues[i]);
            }
            samples.add(new MetricSample(family, labels, value));
        }
    }
}
