package org.spinmon.dashboard.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.spinmon.analyzer.stream.AnalysisOutcome;
import org.spinmon.analyzer.stream.StreamCounters;
import org.spinmon.trainer.train.TrainingProgress;

/**
 * The progress line of a monitored run on stderr: for {@code train} the step, loss and accuracy from the
 * trainer; for {@code replay} the snapshots analysed; for both the last T_c and phase and the dropped count.
 * Called from the trainer's and the analyzer's threads.
 */
final class RunStatus {

    private final ProgressBar bar;
    private final boolean countsOutcomes;
    private String training = "";
    private String analysis = "waiting for the first analysis";
    private int done;

    private RunStatus(PrintWriter err, long total, boolean enabled, boolean countsOutcomes) {
        this.bar = new ProgressBar(err, (int) Math.min(Integer.MAX_VALUE, total), enabled);
        this.countsOutcomes = countsOutcomes;
    }

    /** A status counting optimizer steps out of {@code steps}. */
    static RunStatus training(PrintWriter err, long steps, boolean enabled) {
        return new RunStatus(err, steps, enabled, false);
    }

    /** A status counting analysed snapshots out of {@code snapshots}. */
    static RunStatus replay(PrintWriter err, long snapshots, boolean enabled) {
        return new RunStatus(err, snapshots, enabled, true);
    }

    synchronized void training(TrainingProgress p) {
        done = (int) Math.min(Integer.MAX_VALUE, p.step());
        training = String.format(Locale.ROOT, "loss %.3f%s%s", p.loss(),
                Double.isNaN(p.accuracy()) ? "" : String.format(Locale.ROOT, " acc %.3f", p.accuracy()),
                Double.isNaN(p.stepsPerSecond()) ? "" : String.format(Locale.ROOT, " %.0f it/s", p.stepsPerSecond()));
        redraw();
    }

    synchronized void outcome(AnalysisOutcome o, StreamCounters counters) {
        if (countsOutcomes) {
            done++;
        }
        analysis = o.analysis() == null ? "step " + o.step() + " analysis failed"
                : String.format(Locale.ROOT, "step %d: T_c %.4g %s", o.step(), o.analysis().tcMelt(),
                o.analysis().phase() == null ? "undefined" : o.analysis().phase().label());
        analysis += counters.dropped() > 0 ? ", " + counters.dropped() + " dropped" : "";
        redraw();
    }

    private void redraw() {
        bar.update(done, (training.isEmpty() ? "" : training + " | ") + analysis);
    }

    synchronized void clear() {
        bar.clear();
    }

    synchronized void finish() {
        bar.finish();
    }
}
