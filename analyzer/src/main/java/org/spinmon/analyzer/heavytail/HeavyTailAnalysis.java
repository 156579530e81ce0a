package org.spinmon.analyzer.heavytail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The heavy-tail analysis of one snapshot: WeightWatcher 0.7.5's rows for the layers its filter keeps, the
 * summary over them, and why the others were skipped.
 *
 * @param layers     the analysed layers, in order
 * @param summary    the means of {@code get_summary()}
 * @param randomized whether this snapshot was randomised ({@link HeavyTailSettings#randomizes})
 * @param skipped    layer index → the reason it was left out
 */
public record HeavyTailAnalysis(List<HeavyTailLayer> layers, HeavyTailSummary summary, boolean randomized,
                                Map<Integer, String> skipped) {

    /** Copies the collections in. */
    public HeavyTailAnalysis {
        layers = List.copyOf(layers);
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** @return the number of analysed layers whose power-law fit failed */
    public int failedFits() {
        return (int) layers.stream().filter(l -> l.fit().failed()).count();
    }
}
