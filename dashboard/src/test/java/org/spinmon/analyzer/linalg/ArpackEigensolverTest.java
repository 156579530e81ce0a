package org.spinmon.analyzer.linalg;

import org.spinmon.dashboard.cli.ArpackEigensolver;

/** ARPACK's Java translation, the alternative measured by {@code spinmon bench --eigensolvers}: the same checks. */
class ArpackEigensolverTest extends ExtremeEigensolverChecks {

    @Override
    ExtremeEigensolver solver() {
        return new ArpackEigensolver();
    }
}
