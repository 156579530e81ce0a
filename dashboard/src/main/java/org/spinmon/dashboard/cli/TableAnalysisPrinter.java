package org.spinmon.dashboard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.spinmon.analyzer.analysis.ProbeViews;
import org.spinmon.analyzer.analysis.SnapshotAnalysis;
import org.spinmon.analyzer.freezing.FreezingLayer;
import org.spinmon.analyzer.heavytail.HeavyTailAnalysis;
import org.spinmon.analyzer.heavytail.HeavyTailLayer;
import org.spinmon.analyzer.heavytail.HeavyTailSummary;
import org.spinmon.analyzer.heavytail.PowerLawTail;
import org.spinmon.analyzer.kernels.KernelLayer;
import org.spinmon.analyzer.landscape.LandscapePoint;
import org.spinmon.analyzer.metrics.MetricSamples;
import org.spinmon.analyzer.powerlaw.PowerLaw;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.spectral.LayerMetrics;
import org.spinmon.analyzer.spin.TapResult;

/** The human-readable output: a block per snapshot, ASCII only, names as in the JSON keys. */
final class TableAnalysisPrinter implements AnalysisPrinter {

    private final PrintWriter out;

    TableAnalysisPrinter(PrintWriter out) {
        this.out = out;
    }

    private void views(ProbeViews v) {
        if (!v.freezing().isEmpty()) {
            out.printf(Locale.ROOT, "  views: %5s  %9s  %9s  %9s  %9s  %8s  %9s  %9s  %9s  %8s%n", "layer",
                    "C_prev", "C_first", "CW_prev", "CW_first", "solid", "replica_W", "replica_S", "K_change", "K_align");
            for (FreezingLayer f : v.freezing()) {
                KernelLayer k = v.kernels().stream().filter(x -> x.layer() == f.layer()).findFirst().orElse(null);
                out.printf(Locale.ROOT, "         %5d  %9s  %9s  %9s  %9s  %8s  %9s  %9s  %9s  %8s%n", f.layer(),
                        n(f.spinOverlapPrevious()), n(f.spinOverlapFirst()), n(f.weightOverlapPrevious()),
                        n(f.weightOverlapFirst()), n(f.solid()), n(f.replicaWeightOverlap()),
                        n(f.replicaSpinOverlap()), k == null ? "-" : n(k.change()), k == null ? "-" : n(k.alignment()));
            }
        }
        if (v.landscape() != null) {
            for (LandscapePoint p : v.landscape().points()) {
                out.printf(Locale.ROOT, "  landscape class %d beta %s: energy %s  q %s +- %s  acceptance %s  r_hat %s%s%n",
                        p.classIndex(), MetricSamples.beta(p.beta()), n(p.energyPerInput()), n(p.overlapMean()), n(p.overlapStd()),
                        n(p.acceptance()), n(p.rHat()), p.equilibrated() ? "" : "  not equilibrated: " + p.reason());
            }
        }
    }

    private void header(Path file, Snapshot s) {
        out.printf(Locale.ROOT, "%s%n  run %s  step %d  epoch %.4f  loss %s  accuracy %s  time %s%n", file,
                s.runId(), s.step(), s.epoch(), n(s.loss()), n(s.accuracy()), s.time());
        long nonFinite = s.nonFiniteCount();
        if (nonFinite > 0) {
            out.printf(Locale.ROOT, "  warning: %d weights or biases are NaN or infinite%n", nonFinite);
        }
    }

    @Override
    public void inspection(Path file, Snapshot s) {
        header(file, s);
        out.printf(Locale.ROOT, "  %5s  %-12s  %-10s  %-11s  %-4s  %12s%n", "layer", "name", "activation", "shape",
                "bias", "|W|_F");
        for (int k = 0; k < s.layers().size(); k++) {
            Layer l = s.layers().get(k);
            out.printf(Locale.ROOT, "  %5d  %-12s  %-10s  %-11s  %-4s  %12s%n", k + 1, l.name(), l.activation(),
                    l.nIn() + "x" + l.nOut(), l.hasBias() ? "yes" : "no", n(l.frobeniusNorm()));
        }
    }

    @Override
    public void analysis(Path file, Snapshot s, SnapshotAnalysis a) {
        header(file, s);
        out.printf(Locale.ROOT, "  phase %s  tc_melt %s  t_sg %s  tc_order %s  margin %s%n",
                a.phase() == null ? "undefined" : a.phase().label(), n(a.tcMelt()), n(a.tSg()), n(a.tcOrder()),
                n(a.phaseMargin()));
        out.printf(Locale.ROOT, "  t_star %s  h0_lambda_min %s  tc_init_theory %s  tc_melt_over_init %s"
                        + "  tc_melt_over_rms_weight %s%n", n(a.tStar()), n(a.h0LambdaMin()), n(a.tcInitTheory()),
                n(a.tcMeltOverInit()), n(a.tcMeltOverRmsWeight()));
        out.printf(Locale.ROOT, "  lambda_j %s  outliers_j %s%n",
                Arrays.stream(a.lambdaJ()).mapToObj(TableAnalysisPrinter::n).collect(Collectors.joining(" ")),
                Double.isNaN(a.outliersJ()) ? "-" : Long.toString(Math.round(a.outliersJ())));
        out.printf(Locale.ROOT, "  vc_layer_weight %s  vc_overlap_top_j %s%n",
                Arrays.stream(a.vcLayerWeight()).mapToObj(TableAnalysisPrinter::n).collect(Collectors.joining(" ")),
                n(a.vcOverlapTopJ()));
        for (TapResult t : a.tap()) {
            out.printf(Locale.ROOT, "  tap at %s*tc_melt (T = %s): states %d  converged %d/%d  plefka_x %s  q %s"
                            + "  overlap_vc %s%n", n(t.tau()), n(t.temperature()), t.states(), t.converged().size(),
                    t.starts(), n(t.plefkaX()), Arrays.stream(t.leadingQLayers(a.spinLayers().length))
                            .mapToObj(TableAnalysisPrinter::n).collect(Collectors.joining(" ")), n(t.overlapVc()));
        }
        out.printf(Locale.ROOT, "  %5s  %-11s  %-10s  %10s  %10s  %11s  %8s  %10s  %10s%n", "layer", "shape",
                "activation", "|W|_F", "sigma_max", "stable_rank", "hill_a", "rel_change", "update_2");
        for (int k = 0; k < a.layers().size(); k++) {
            LayerMetrics m = a.layers().get(k);
            Layer l = s.layers().get(k);
            out.printf(Locale.ROOT, "  %5d  %-11s  %-10s  %10s  %10s  %11s  %8s  %10s  %10s%n", m.index(),
                    m.nIn() + "x" + m.nOut(), l.activation(), n(l.frobeniusNorm()), n(m.sigmaMax()), n(m.stableRank()),
                    n(m.hillAlpha()), n(m.relChangeFromInit()), n(m.updateSpectralNorm()));
        }
        HeavyTailAnalysis ww = a.heavyTail();
        if (ww != null) {
            String title = "weightwatcher 0.7.5" + (ww.randomized() ? " (randomised)" : "") + ":";
            out.printf(Locale.ROOT, "  %s %5s  %8s  %8s  %8s  %5s  %8s  %9s  %9s  %8s  %6s  %5s%n", title, "layer",
                    "alpha", "sigma", "D", "tail", "log_norm", "log_snorm", "alpha_w", "sigma_mp", "spikes", "traps");
            String indent = " ".repeat(title.length() + 1);
            for (HeavyTailLayer l : ww.layers()) {
                PowerLawTail f = l.fit();
                out.println(String.format(Locale.ROOT, "  %s%5d  %8s  %8s  %8s  %5d  %8s  %9s  %9s  %8s  %6s  %5s  %s", indent,
                        l.index(), n(f.alpha()), n(f.sigma()), n(f.d()), f.numPlSpikes(), n(l.norms().logNorm()),
                        n(l.norms().logSpectralNorm()), n(l.norms().alphaWeighted()),
                        l.mp() == null ? "-" : n(l.mp().sigmaMp()), l.mp() == null ? "-" : l.mp().numSpikes(),
                        l.randomization() == null ? "-" : l.randomization().correlationTraps(),
                        f.failed() ? "fit failed" : f.warning().label()).stripTrailing());
            }
            ww.skipped().forEach((layer, why) -> out.printf(Locale.ROOT, "  %s%5d  skipped: %s%n", indent, layer,
                    why));
            HeavyTailSummary m = ww.summary();
            out.printf(Locale.ROOT, "  ww summary: alpha %s  alpha_weighted %s  log_alpha_norm %s  log_norm %s"
                            + "  log_spectral_norm %s  stable_rank %s  mp_softrank %s%n", n(m.alpha()),
                    n(m.alphaWeighted()), n(m.logAlphaNorm()), n(m.logNorm()), n(m.logSpectralNorm()),
                    n(m.stableRank()), n(m.mpSoftrank()));
        }
        views(a.views());
        Map<String, Double> t = a.timings();
        out.printf(Locale.ROOT, "  seconds: %s%n", t.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.3f", e.getValue()))
                .collect(Collectors.joining("  ")));
    }

    @Override
    public void powerLaw(PowerLaw p) {
        if (p.reason() != null) {
            out.printf(Locale.ROOT, "power law of tc_melt(t): undefined (%s)%n", p.reason());
            return;
        }
        out.printf(Locale.ROOT, "power law of tc_melt(t) = %s * t^a over steps %d..%d (%d snapshots):"
                        + " a = %s, 95%% interval [%s, %s], R^2 %s, rolling a (last 8) %s%n", n(p.prefactor()),
                p.firstStep(), p.lastStep(), p.points(), n(p.exponent()), n(p.ciLow()), n(p.ciHigh()), n(p.r2()),
                n(p.rollingExponent()));
    }

    static String n(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.6g", v);
    }
}
