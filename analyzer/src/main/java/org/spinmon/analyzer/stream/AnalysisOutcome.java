package org.spinmon.analyzer.stream;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.spinmon.analyzer.analysis.SnapshotAnalysis;
import org.spinmon.analyzer.powerlaw.PowerLaw;
import org.spinmon.analyzer.snapshot.Snapshot;

/**
 * What the stream made of one snapshot: its analysis, or the error that stopped the analysis, plus the
 * T_c(t) power law over every analysis of the run so far (spin-model.md §10).
 *
 * @param runId    the run
 * @param step     optimizer steps
 * @param epoch    fractional epoch
 * @param loss     training loss
 * @param accuracy test accuracy, 0..1, or NaN
 * @param time     when the snapshot was taken
 * @param analysis the analysis, or {@code null} when it failed
 * @param error    why the analysis failed, or {@code null}
 * @param powerLaw the fit of tc_melt against the step over the analyses up to this one, in step order
 * @param seconds  wall-clock seconds the analysis took
 */
public record AnalysisOutcome(String runId, long step, double epoch, double loss, double accuracy, Instant time,
                              SnapshotAnalysis analysis, String error, PowerLaw powerLaw, double seconds) {

    /** Checks that exactly one of analysis and error is present. */
    public AnalysisOutcome {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(time, "time");
        if ((analysis == null) == (error == null)) {
            throw new IllegalArgumentException("an outcome has either an analysis or an error");
        }
    }

    static AnalysisOutcome of(Snapshot s, SnapshotAnalysis analysis, double seconds) {
        return new AnalysisOutcome(s.runId(), s.step(), s.epoch(), s.loss(), s.accuracy(), s.time(), analysis, null,
                PowerLaw.undefined("not fitted yet", 0), seconds);
    }

    static AnalysisOutcome failed(Snapshot s, Throwable error, double seconds) {
        String message = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        return new AnalysisOutcome(s.runId(), s.step(), s.epoch(), s.loss(), s.accuracy(), s.time(), null, message,
                PowerLaw.undefined("not fitted yet", 0), seconds);
    }

    AnalysisOutcome withAnalysis(SnapshotAnalysis replaced) {
        return new AnalysisOutcome(runId, step, epoch, loss, accuracy, time, replaced, error, powerLaw, seconds);
    }

    AnalysisOutcome withPowerLaw(PowerLaw fit) {
        return new AnalysisOutcome(runId, step, epoch, loss, accuracy, time, analysis, error, fit, seconds);
    }

    /** @return the analysis, empty when it failed */
    public Optional<SnapshotAnalysis> analysisIfPresent() {
        return Optional.ofNullable(analysis);
    }
}
