package org.spinmon.analyzer.stream;

import java.util.List;
import org.spinmon.analyzer.analysis.ProbeViews;
import org.spinmon.analyzer.analysis.ViewSettings;
import org.spinmon.analyzer.freezing.FreezingLayer;
import org.spinmon.analyzer.freezing.SolidTracker;
import reactor.core.publisher.Flux;

/**
 * Sets the freezing profile's solid labels and solid fraction on each successful analysis, from the run's
 * history of spin self-overlaps ({@link SolidTracker}); the state belongs to one subscription, fed in step order.
 */
final class SolidScan {

    private final ViewSettings settings;

    SolidScan(ViewSettings settings) {
        this.settings = settings;
    }

    Flux<AnalysisOutcome> apply(Flux<AnalysisOutcome> outcomes) {
        return Flux.defer(() -> {
            SolidTracker tracker = new SolidTracker(settings.solidEpsilon(), settings.solidWindow());
            return outcomes.map(o -> {
                if (o.analysis() == null || o.analysis().views().freezing().isEmpty()) {
                    return o;
                }
                ProbeViews views = o.analysis().views();
                List<FreezingLayer> labelled = tracker.label(views.freezing());
                return o.withAnalysis(o.analysis().withViews(views.withFreezing(labelled,
                        SolidTracker.solidFraction(labelled))));
            });
        });
    }
}
