package org.spinmon.analyzer.stream;

import java.util.ArrayList;
import java.util.List;
import org.spinmon.analyzer.analysis.SnapshotAnalysis;
import org.spinmon.analyzer.analysis.TcSeries;
import reactor.core.publisher.Flux;

/**
 * Attaches to each outcome the T_c(t) power law over the successful analyses so far, this one included
 * (spin-model.md §10, {@link TcSeries}); the state belongs to one subscription.
 */
final class PowerLawScan {

    private final long seed;

    PowerLawScan(long seed) {
        this.seed = seed;
    }

    Flux<AnalysisOutcome> apply(Flux<AnalysisOutcome> outcomes) {
        return Flux.defer(() -> {
            List<SnapshotAnalysis> seen = new ArrayList<>();
            return outcomes.map(o -> {
                if (o.analysis() != null) {
                    seen.add(o.analysis());
                }
                return o.withPowerLaw(TcSeries.fit(seen, seed));
            });
        });
    }
}
