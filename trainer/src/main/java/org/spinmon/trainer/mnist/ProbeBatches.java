package org.spinmon.trainer.mnist;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;
import org.spinmon.analyzer.probe.ProbeBatch;

/**
 * The probe batch of a run drawn from the MNIST test set (landscape-and-kernels.md, "Shared inputs"): P of the
 * 10,000 test images, without replacement, with their labels 0–9.
 *
 * <p>Which images: the first P entries of a Fisher–Yates shuffle of the test indices 0 … 9,999 driven by
 * {@code new java.util.Random(seed)} (swap i with i + {@code nextInt(10,000 − i)} for i = 0 … P − 1), in that
 * order, so every prefix of the batch is itself a uniform sample. {@link Random}'s algorithm is fixed by its
 * specification, so a seed gives the same batch on every JVM.
 *
 * <p>Inputs: pixel byte k (0 … 255) becomes the float32 value k / 255 computed in float32, exactly what DL4J's
 * {@code MnistDataSetIterator} (unbinarized, as {@link Mnist#train} and {@link Mnist#test} make it) feeds the
 * network: it stores each byte as a float and divides the float array by 255. Units: intensity in [0, 1];
 * float32 → float64 is exact. Rows are the 784 pixels in row-major 28 × 28 order, the network's input order.
 */
public final class ProbeBatches {

    /** The default probe batch size P. */
    public static final int DEFAULT_SIZE = 512;
    /**
     * The largest probe batch: every MNIST test image, and no more than the analyzer reads
     * ({@link ProbeBatch#MAX_SIZE}), so that every batch drawn here can be analysed.
     */
    public static final int MAX_SIZE = Math.min(MnistFile.TEST_IMAGES.count(), ProbeBatch.MAX_SIZE);
    /** The {@link ProbeBatch#source()} of a batch drawn here. */
    public static final String SOURCE = "mnist-test";
    private static final int CLASSES = 10;
    private static final int PIXELS = MnistFile.SIDE * MnistFile.SIDE;

    private ProbeBatches() {
    }

    /**
     * Draws {@code size} test images from the MNIST in {@code mnistDir} (raw or gzipped IDX files).
     *
     * @param size P, 1 … 10,000
     * @param seed the seed of the draw (see the class description)
     * @throws IllegalArgumentException when {@code size} is out of range
     * @throws IOException              naming the file when a test file is missing or not MNIST's
     */
    public static ProbeBatch fromTestSet(Path mnistDir, int size, long seed) throws IOException {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("a probe batch holds between 1 and " + MAX_SIZE
                    + " MNIST test images, was " + size);
        }
        int[] chosen = draw(size, seed);
        byte[] images = body(mnistDir, MnistFile.TEST_IMAGES);
        byte[] labelBytes = body(mnistDir, MnistFile.TEST_LABELS);
        double[] inputs = new double[size * PIXELS];
        int[] labels = new int[size];
        for (int mu = 0; mu < size; mu++) {
            int image = chosen[mu];
            for (int i = 0; i < PIXELS; i++) {
                inputs[mu * PIXELS + i] = (images[image * PIXELS + i] & 0xFF) / 255f;
            }
            labels[mu] = labelBytes[image] & 0xFF;
        }
        return new ProbeBatch(inputs, size, PIXELS, labels, CLASSES, seed, SOURCE);
    }

    /** @return the test-image indices of a batch of {@code size} drawn with {@code seed}, in batch order */
    static int[] draw(int size, long seed) {
        int[] order = new int[MnistFile.TEST_IMAGES.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(order.length - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] chosen = new int[size];
        System.arraycopy(order, 0, chosen, 0, size);
        return chosen;
    }

    private static byte[] body(Path dir, MnistFile f) throws IOException {
        Path file = f.locate(dir).orElseThrow(() -> new IOException(f.fileName() + " (or " + f.gzName()
                + ") is not in " + dir));
        try (InputStream raw = MnistFile.open(file); DataInputStream in = new DataInputStream(raw)) {
            int magic = in.readInt();
            int count = in.readInt();
            boolean shaped = !f.images() || (in.readInt() == MnistFile.SIDE && in.readInt() == MnistFile.SIDE);
            if (magic != f.magic() || count != f.count() || !shaped) {
                throw new IOException(file + ": not MNIST's " + f.fileName() + " (magic " + magic + ", " + count
                        + " items)");
            }
            byte[] body = new byte[Math.toIntExact(f.rawBytes() - f.headerBytes())];
            in.readFully(body);
            return body;
        } catch (EOFException e) {
            throw new IOException(file + ": ends before its " + f.count() + " items", e);
        }
    }
}
