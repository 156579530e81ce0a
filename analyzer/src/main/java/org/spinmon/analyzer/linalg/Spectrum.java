package org.spinmon.analyzer.linalg;

/** Which end of a spectrum an eigensolver looks at. */
public enum Spectrum {
    /** The largest algebraic eigenvalues, in decreasing order. */
    LARGEST,
    /** The smallest algebraic eigenvalues, in increasing order. */
    SMALLEST
}
