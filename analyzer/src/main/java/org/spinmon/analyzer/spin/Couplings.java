package org.spinmon.analyzer.spin;

import org.spinmon.analyzer.linalg.SymmetricOperator;

/**
 * The couplings of an Ising spin model, H(s) = −½ sᵀJs − hᵀs = −Σ_{i<j} J_ij s_i s_j − Σ_i h_i s_i, each bond
 * counted once (spin-model.md §2.1; counting it twice doubles every temperature). J is symmetric with a zero
 * diagonal. Weight units throughout: every temperature derived from J is in the units of the weights (k_B = 1).
 *
 * <p>Implementations give the products J·x and (J∘J)·x without materialising J where it is large, the row
 * sums s_i = Σ_j J_ij², and the spin layers (contiguous index ranges; one layer for an unlayered model).
 */
public interface Couplings {

    /** @return N_tot, the number of spins */
    int size();

    /** @return the sizes of the spin layers, in index order; they sum to {@link #size()} */
    int[] layerSizes();

    /** Sets y = J·x. */
    void apply(double[] x, double[] y);

    /** Sets y = (J∘J)·x, the element-wise square of J applied to x. */
    void applySquared(double[] x, double[] y);

    /**
     * Sets ys[v] = J·xs[v], or (J∘J)·xs[v] where {@code squared[v]}, for several vectors at once; the same
     * products as {@link #apply} and {@link #applySquared}, which an implementation may compute in shared passes
     * over J.
     */
    default void applyAll(double[][] xs, boolean[] squared, double[][] ys) {
        for (int v = 0; v < xs.length; v++) {
            if (squared[v]) {
                applySquared(xs[v], ys[v]);
            } else {
                apply(xs[v], ys[v]);
            }
        }
    }

    /**
     * @return how many independent products per pass over J make them cheapest: 1 where a product is bound by
     *         arithmetic, more where J is too large for the cache and one product per pass is bound by memory
     *         bandwidth. Callers that can advance several solves in lockstep use it ({@link #applyAll}).
     */
    default int preferredBatch() {
        return 1;
    }

    /** @return s, with s_i = Σ_j J_ij² (a fresh array) */
    double[] rowSquareSums();

    /** @return the local fields h (a fresh array; all zero when the model has none) */
    double[] fields();

    /** @return J as an operator */
    default SymmetricOperator operator() {
        return asOperator(this, false);
    }

    /** @return J∘J as an operator (symmetric, non-negative: its largest eigenvalue is its spectral radius) */
    default SymmetricOperator squaredOperator() {
        return asOperator(this, true);
    }

    private static SymmetricOperator asOperator(Couplings c, boolean squared) {
        return new SymmetricOperator() {
            @Override
            public int dimension() {
                return c.size();
            }

            @Override
            public void apply(double[] x, double[] y) {
                if (squared) {
                    c.applySquared(x, y);
                } else {
                    c.apply(x, y);
                }
            }
        };
    }

    /** @return the first index of each spin layer, plus {@link #size()} at the end */
    default int[] layerOffsets() {
        int[] sizes = layerSizes();
        int[] offsets = new int[sizes.length + 1];
        for (int l = 0; l < sizes.length; l++) {
            offsets[l + 1] = offsets[l] + sizes[l];
        }
        return offsets;
    }
}
