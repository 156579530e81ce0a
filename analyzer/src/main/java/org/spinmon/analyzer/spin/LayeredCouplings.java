package org.spinmon.analyzer.spin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.spinmon.analyzer.linalg.DenseKernel;
import org.spinmon.analyzer.linalg.WeightMatrix;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;

/**
 * The bond matrix of a feed-forward network, never materialised (spin-model.md §2.1, §8.2): J is
 * block-tridiagonal with block (l−1, l) = W^(l) and block (l, l−1) = W^(l)ᵀ. One product J·x costs
 * 2·#weights multiply-adds: for each W, y_{l−1} += W x_l and y_l += Wᵀ x_{l−1}, fused into one pass over W
 * (each weight is read once), on the {@link DenseKernel} of the JVM. (J∘J)·x does the same with W∘W, each
 * weight squared in float64 as it is read (exact for float32 weights); s = (J∘J)·1 sums the squares of row i
 * of W^(l+1) and column i of W^(l). Weights are held in float32 when they are all float32-exact.
 *
 * <p>The spins are laid out layer after layer, input first. Which layers and pixels enter, and whether biases
 * are fields, is the {@link SpinLayout}. Weight units.
 */
public final class LayeredCouplings implements Couplings {

    /** Weights per tile of {@link #applyAll}: small enough to stay in a core's L2 cache with the vectors. */
    private static final int TILE_BYTES = 64 * 1024;
    /** Weights beyond which one product per pass is bound by memory bandwidth (see {@link #preferredBatch}). */
    private static final long CACHE_BYTES = 24L << 20;

    private final int[] sizes;
    private final int[] offsets;
    private final WeightMatrix[] w;
    private final double[] fields;

    private LayeredCouplings(int[] sizes, WeightMatrix[] w, double[] fields) {
        this.sizes = sizes;
        this.w = w;
        this.fields = fields;
        this.offsets = new int[sizes.length + 1];
        for (int l = 0; l < sizes.length; l++) {
            offsets[l + 1] = offsets[l] + sizes[l];
        }
    }

    /**
     * Builds the couplings of {@code snapshot} under {@code layout}.
     *
     * @throws IllegalArgumentException if the layout leaves no weight matrix, or the dead-pixel mask does not
     *                                  fit the input layer
     */
    public static LayeredCouplings of(Snapshot snapshot, SpinLayout layout) {
        return of(snapshot, layout, DenseKernel.preferred());
    }

    /** As {@link #of(Snapshot, SpinLayout)}, the products on {@code kernel}. */
    static LayeredCouplings of(Snapshot snapshot, SpinLayout layout, DenseKernel kernel) {
        List<Layer> layers = new ArrayList<>(snapshot.layers());
        int first = layout.includeInput() ? 0 : 1;
        int last = layout.includeOutput() ? layers.size() : layers.size() - 1;
        if (last - first < 1) {
            throw new IllegalArgumentException("the layout keeps no weight matrix of this " + layers.size()
                    + "-layer network");
        }
        BitSet dead = layout.includeInput() ? layout.deadInputs() : new BitSet();
        if (dead.length() > layers.get(0).nIn()) {
            throw new IllegalArgumentException("dead-input mask names spin " + (dead.length() - 1) + " but the input"
                    + " layer has " + layers.get(0).nIn() + " spins");
        }
        int count = last - first;
        WeightMatrix[] w = new WeightMatrix[count];
        int[] sizes = new int[count + 1];
        for (int k = 0; k < count; k++) {
            Layer layer = layers.get(first + k);
            double[] weights = layer.weights();
            if (k == 0 && !dead.isEmpty()) {
                weights = dropRows(weights, layer.nIn(), layer.nOut(), dead);
            }
            sizes[k] = weights.length / layer.nOut();
            w[k] = WeightMatrix.of(weights, sizes[k], layer.nOut(), kernel);
            sizes[k + 1] = layer.nOut();
        }
        int total = 0;
        for (int size : sizes) {
            total += size;
        }
        double[] fields = new double[total];
        if (layout.useBiases()) {
            int offset = sizes[0];
            for (int k = 0; k < count; k++) {
                double[] b = layers.get(first + k).bias();
                if (b != null) {
                    System.arraycopy(b, 0, fields, offset, b.length);
                }
                offset += sizes[k + 1];
            }
        }
        return new LayeredCouplings(sizes, w, fields);
    }

    private static double[] dropRows(double[] weights, int rows, int cols, BitSet dead) {
        int kept = rows - dead.cardinality();
        if (kept < 1) {
            throw new IllegalArgumentException("the dead-input mask drops every input spin");
        }
        double[] out = new double[kept * cols];
        int r = 0;
        for (int i = 0; i < rows; i++) {
            if (!dead.get(i)) {
                System.arraycopy(weights, i * cols, out, r * cols, cols);
                r++;
            }
        }
        return out;
    }

    /** @return the number of weight matrices kept, L' */
    public int matrices() {
        return sizes.length - 1;
    }

    /** @return a copy of the k-th kept weight matrix (0-based), rows = spin layer k, columns = spin layer k+1 */
    public double[] weights(int k) {
        return w[k].toArray();
    }

    @Override
    public int size() {
        return offsets[sizes.length];
    }

    @Override
    public int[] layerSizes() {
        return sizes.clone();
    }

    @Override
    public void apply(double[] x, double[] y) {
        multiply(x, y, false);
    }

    @Override
    public void applySquared(double[] x, double[] y) {
        multiply(x, y, true);
    }

    private void multiply(double[] x, double[] y, boolean squared) {
        Arrays.fill(y, 0);
        for (int k = 0; k < w.length; k++) {
            w[k].fused(0, sizes[k], x, y, offsets[k], offsets[k + 1], squared);
        }
    }

    /**
     * The products of every vector, matrix by matrix in tiles of about {@value #TILE_BYTES} bytes of weights:
     * each tile is read from memory once and applied to every vector from cache. One product per pass is bound
     * by memory bandwidth at large widths, this by arithmetic (measured: 784-2048-2048-2048-10, 16 vectors,
     * 0.76 ms per vector against 2.5 ms one by one). Each vector's sums are those of {@link #apply}, in the same
     * order: the results are identical.
     */
    @Override
    public void applyAll(double[][] xs, boolean[] squared, double[][] ys) {
        applyAll(xs, squared, ys, List.of());
    }

    /**
     * As {@link #applyAll(double[][], boolean[], double[][])}, and in the same passes, the Gram products
     * {@code grams} of single weight matrices: the tiles read for J serve them too. Each Gram product's sums are
     * those of {@link WeightMatrix#gram}, in the same order.
     */
    public void applyAll(double[][] xs, boolean[] squared, double[][] ys, List<GramProduct> grams) {
        for (double[] y : ys) {
            Arrays.fill(y, 0);
        }
        for (GramProduct g : grams) {
            Arrays.fill(g.y(), 0);
        }
        for (int k = 0; k < w.length; k++) {
            int rows = sizes[k];
            int cols = sizes[k + 1];
            int tile = Math.max(4, TILE_BYTES / (4 * cols) / 4 * 4);
            for (int from = 0; from < rows; from += tile) {
                int to = Math.min(rows, from + tile);
                for (int v = 0; v < xs.length; v++) {
                    w[k].fused(from, to, xs[v], ys[v], offsets[k], offsets[k + 1], squared[v]);
                }
                for (GramProduct g : grams) {
                    if (g.matrix() == k) {
                        w[k].gramRows(from, to, g.x(), g.y());
                    }
                }
            }
        }
    }

    /**
     * A request for y = WᵀW·x of one kept weight matrix ({@link #weights(int) matrix} k, x and y of its column
     * count), computed alongside products with J.
     *
     * @param matrix the matrix, 0-based among the kept ones
     * @param x      the vector
     * @param y      receives the product
     */
    public record GramProduct(int matrix, double[] x, double[] y) {
    }

    /**
     * @return 4 when the weights take more than {@value #CACHE_BYTES} bytes, else 1. Measured (BENCHMARKS.md,
     *         32 MB L3): at 784-2048-2048-2048-10 (40 MB) the Hessian scan in 4 lockstep runs takes 1.06 s
     *         against 1.51 s in one; at 784-1024-1024-1024-10 (12 MB, products from cache) 0.26 s against 0.20 s
     */
    @Override
    public int preferredBatch() {
        long bytes = 0;
        for (WeightMatrix m : w) {
            bytes += (long) m.rows() * m.cols() * (m.singlePrecision() ? 4 : 8);
        }
        return bytes > CACHE_BYTES ? 4 : 1;
    }

    /** s = (J∘J)·1: the row sums of W^(l+1)∘W^(l+1) and the column sums of W^(l)∘W^(l), in one product. */
    @Override
    public double[] rowSquareSums() {
        double[] ones = new double[size()];
        Arrays.fill(ones, 1);
        double[] s = new double[size()];
        applySquared(ones, s);
        return s;
    }

    @Override
    public double[] fields() {
        return fields.clone();
    }
}
