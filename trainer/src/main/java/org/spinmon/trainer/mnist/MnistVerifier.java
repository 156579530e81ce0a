package org.spinmon.trainer.mnist;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.spinmon.analyzer.files.IoProblems;

/**
 * Checks that a directory holds the real MNIST: each of the four files present (raw or {@code .gz}), with the
 * right IDX magic number, item count, 28 × 28 images, exact length, and the training labels' histogram
 * equal to the published one (digits 0..9: 5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949).
 */
public final class MnistVerifier {

    /** Training label counts for digits 0..9. */
    static final int[] TRAIN_HISTOGRAM = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};

    private MnistVerifier() {
    }

    /** @return what is wrong with {@code dir} as an MNIST directory; empty when it is complete and valid */
    public static List<String> problems(Path dir) {
        List<String> problems = new ArrayList<>();
        for (MnistFile f : MnistFile.values()) {
            Optional<Path> file = f.locate(dir);
            if (file.isEmpty()) {
                problems.add(f.fileName() + " (or " + f.gzName() + ") is missing");
                continue;
            }
            try {
                check(f, file.get());
            } catch (IOException e) {
                problems.add(file.get().getFileName() + ": " + IoProblems.describe(e));
            }
        }
        return problems;
    }

    private static void check(MnistFile f, Path file) throws IOException {
        try (InputStream raw = MnistFile.open(file); DataInputStream in = new DataInputStream(raw)) {
            int magic = in.readInt();
            if (magic != f.magic()) {
                throw new IOException("magic number " + magic + ", expected " + f.magic());
            }
            int count = in.readInt();
            if (count != f.count()) {
                throw new IOException(count + " items, expected " + f.count());
            }
            if (f.images()) {
                int rows = in.readInt();
                int cols = in.readInt();
                if (rows != MnistFile.SIDE || cols != MnistFile.SIDE) {
                    throw new IOException(rows + "x" + cols + " images, expected 28x28");
                }
            }
            long body = f.rawBytes() - f.headerBytes();
            int[] histogram = new int[256];
            byte[] buffer = new byte[1 << 16];
            long read = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                read += n;
                if (f == MnistFile.TRAIN_LABELS) {
                    for (int i = 0; i < n; i++) {
                        histogram[buffer[i] & 0xFF]++;
                    }
                }
            }
            if (read != body) {
                throw new IOException("holds " + read + " data bytes, expected " + body);
            }
            if (f == MnistFile.TRAIN_LABELS && !Arrays.equals(Arrays.copyOf(histogram, 10), TRAIN_HISTOGRAM)) {
                throw new IOException("label histogram " + Arrays.toString(Arrays.copyOf(histogram, 10))
                        + " differs from MNIST's " + Arrays.toString(TRAIN_HISTOGRAM));
            }
        } catch (EOFException e) {
            throw new IOException("ends inside its header");
        }
    }
}
