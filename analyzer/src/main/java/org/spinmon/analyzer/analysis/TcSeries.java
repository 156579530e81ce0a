package org.spinmon.analyzer.analysis;

import java.util.Comparator;
import java.util.List;
import org.spinmon.analyzer.powerlaw.PowerLaw;
import org.spinmon.analyzer.powerlaw.PowerLawFit;

/**
 * T_c(t) over a run (spin-model.md §10): the power-law fit of tc_melt against the optimizer step, from the
 * first snapshot in the hidden-order phase on (t_0), with the default bootstrap (B = 1000) and rolling
 * window (k = 8). Undefined, with the reason, while no snapshot has shown hidden order.
 */
public final class TcSeries {

    private TcSeries() {
    }

    /** @return the fit over {@code analyses} (any order; sorted by step here) */
    public static PowerLaw fit(List<SnapshotAnalysis> analyses, long seed) {
        List<SnapshotAnalysis> sorted = analyses.stream()
                .sorted(Comparator.comparingLong(SnapshotAnalysis::step)).toList();
        long t0 = sorted.stream().filter(a -> a.phase() == Phase.HIDDEN_ORDER && a.step() > 0)
                .mapToLong(SnapshotAnalysis::step).findFirst().orElse(-1);
        if (t0 < 0) {
            return PowerLaw.undefined("no snapshot after step 0 is in the hidden-order phase yet", 0);
        }
        long[] steps = sorted.stream().mapToLong(SnapshotAnalysis::step).toArray();
        double[] tc = sorted.stream().mapToDouble(SnapshotAnalysis::tcMelt).toArray();
        return PowerLawFit.fit(steps, tc, t0, PowerLawFit.BOOTSTRAP, PowerLawFit.ROLLING, seed);
    }
}
