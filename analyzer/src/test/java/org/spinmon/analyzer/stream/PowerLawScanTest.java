package org.spinmon.analyzer.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.analysis.SnapshotAnalysis;
import org.spinmon.analyzer.analysis.TcSeries;
import org.spinmon.analyzer.powerlaw.PowerLaw;
import org.spinmon.analyzer.snapshot.Snapshot;
import reactor.core.publisher.Flux;

class PowerLawScanTest {

    private static AnalysisOutcome analysed(long step) {
        Snapshot s = StreamFixtures.snapshot(step);
        return AnalysisOutcome.of(s, StreamFixtures.ANALYZER.analyze(s, Optional.empty()), 0);
    }

    @Test
    void eachOutcomeCarriesTheFitOverTheAnalysesUpToIt() {
        List<AnalysisOutcome> in = List.of(analysed(0), analysed(1), analysed(2), analysed(4), analysed(8));
        List<AnalysisOutcome> out = new PowerLawScan(7).apply(Flux.fromIterable(in)).collectList()
                .block(Duration.ofSeconds(30));
        for (int i = 0; i < in.size(); i++) {
            List<SnapshotAnalysis> prefix = in.subList(0, i + 1).stream().map(AnalysisOutcome::analysis).toList();
            assertEquals(TcSeries.fit(prefix, 7), out.get(i).powerLaw());
        }
    }

    @Test
    void failedAnalysesDoNotEnterTheFitAndEachSubscriptionStartsAfresh() {
        Snapshot s = StreamFixtures.snapshot(3);
        AnalysisOutcome failed = AnalysisOutcome.failed(s, new IllegalStateException("x"), 0);
        List<AnalysisOutcome> in = List.of(analysed(1), failed, analysed(2));
        Flux<AnalysisOutcome> scanned = new PowerLawScan(7).apply(Flux.fromIterable(in));
        PowerLaw first = scanned.blockLast(Duration.ofSeconds(30)).powerLaw();
        PowerLaw again = scanned.blockLast(Duration.ofSeconds(30)).powerLaw();
        PowerLaw expected = TcSeries.fit(List.of(in.get(0).analysis(), in.get(2).analysis()), 7);
        assertEquals(expected, first);
        assertEquals(expected, again);
    }
}
