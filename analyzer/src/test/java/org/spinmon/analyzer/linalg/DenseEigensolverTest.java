package org.spinmon.analyzer.linalg;

/** EJML's dense symmetric eigensolver, the reference: it passes the same checks. */
class DenseEigensolverTest extends ExtremeEigensolverChecks {

    @Override
    ExtremeEigensolver solver() {
        return new DenseEigensolver();
    }
}
