package org.spinmon.analyzer.spin;

import java.util.ArrayList;
import java.util.List;
import org.spinmon.analyzer.linalg.IterativeSolve;

/**
 * A {@link LayeredCouplings} whose every pass over the weights also advances riders: iterative solves on the
 * Gram operator WᵀW of one of its weight matrices (the per-layer spectra), one product per pass, computed
 * from the tiles read for J ({@link LayeredCouplings#applyAll(double[][], boolean[], double[][], List)}). A
 * large network's passes over J are bound by memory bandwidth, so a Gram product riding along costs only its
 * arithmetic; what a rider still needs when the spin-model analysis is done, its owner finishes alone. The
 * products of J and of each rider are those computed separately: results do not change.
 *
 * <p>Not thread-safe (the riders are state); the wrapped couplings are untouched.
 */
public final class SharedPassCouplings implements Couplings {

    private final LayeredCouplings couplings;
    private final List<Rider> riders = new ArrayList<>();

    private record Rider(int matrix, int dimension, IterativeSolve solve) {
    }

    /** Couplings without riders yet. */
    public SharedPassCouplings(LayeredCouplings couplings) {
        this.couplings = couplings;
    }

    /**
     * Lets {@code solve}, a solve on WᵀW of kept matrix {@code matrix} (dimension = its column count), ride
     * along every later pass until it is done.
     */
    public void ride(int matrix, IterativeSolve solve) {
        riders.add(new Rider(matrix, couplings.layerSizes()[matrix + 1], solve));
    }

    @Override
    public int size() {
        return couplings.size();
    }

    @Override
    public int[] layerSizes() {
        return couplings.layerSizes();
    }

    @Override
    public void apply(double[] x, double[] y) {
        applyAll(new double[][]{x}, new boolean[]{false}, new double[][]{y});
    }

    @Override
    public void applySquared(double[] x, double[] y) {
        applyAll(new double[][]{x}, new boolean[]{true}, new double[][]{y});
    }

    @Override
    public void applyAll(double[][] xs, boolean[] squared, double[][] ys) {
        riders.removeIf(r -> r.solve().done());
        List<LayeredCouplings.GramProduct> grams = new ArrayList<>();
        for (Rider r : riders) {
            grams.add(new LayeredCouplings.GramProduct(r.matrix(), r.solve().nextVector(), new double[r.dimension()]));
        }
        couplings.applyAll(xs, squared, ys, grams);
        for (int i = 0; i < grams.size(); i++) {
            riders.get(i).solve().accept(grams.get(i).y());
        }
    }

    @Override
    public int preferredBatch() {
        return couplings.preferredBatch();
    }

    @Override
    public double[] rowSquareSums() {
        return couplings.rowSquareSums();
    }

    @Override
    public double[] fields() {
        return couplings.fields();
    }
}
