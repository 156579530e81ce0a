package org.spinmon.analyzer.heavytail;

/**
 * WeightWatcher 0.7.5's Marchenko–Pastur fit of one ESD ({@code mp_fit=True}; ecosystem.md §2.5).
 *
 * @param numSpikes  eigenvalues above the bulk edge plus the Tracy–Widom margin: #λ' &gt; bulk_max' + √TW
 * @param sigmaMp    fitted σ of the rescaled ESD (dimensionless)
 * @param mpSoftrank bulk_max' / max λ' (0..1; small = a few eigenvalues dominate)
 * @param wScale     the rescaling √(count / Σλ), 1/weight units
 * @param bulkMax    upper bulk edge (σ(1 + 1/√Q))², back in λ units (divided by wScale²)
 * @param bulkMin    lower bulk edge (σ(1 − 1/√Q))², λ units
 */
public record MarchenkoPastur(int numSpikes, double sigmaMp, double mpSoftrank, double wScale, double bulkMax,
                              double bulkMin) {
}
