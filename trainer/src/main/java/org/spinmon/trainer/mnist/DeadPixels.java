package org.spinmon.trainer.mnist;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * The MNIST pixels that are zero in every one of the 60,000 training images (spin-model.md §2.2): they give
 * zero gradient to their rows of W^(1), which therefore keep their random initial values and add a
 * permanent glassy component to J. Bit i is pixel i in row-major 28 × 28 order (the input spin i).
 */
public final class DeadPixels {

    private DeadPixels() {
    }

    /** @return the always-zero training pixels of the MNIST in {@code dir} */
    public static BitSet of(Path dir) throws IOException {
        Path file = MnistFile.TRAIN_IMAGES.locate(dir)
                .orElseThrow(() -> new IOException(MnistFile.TRAIN_IMAGES.fileName() + " is not in " + dir));
        int pixels = MnistFile.SIDE * MnistFile.SIDE;
        boolean[] lit = new boolean[pixels];
        try (InputStream raw = MnistFile.open(file); DataInputStream in = new DataInputStream(raw)) {
            in.skipNBytes(MnistFile.TRAIN_IMAGES.headerBytes());
            byte[] image = new byte[pixels];
            for (int n = 0; n < MnistFile.TRAIN_IMAGES.count(); n++) {
                in.readFully(image);
                for (int i = 0; i < pixels; i++) {
                    lit[i] |= image[i] != 0;
                }
            }
        }
        BitSet dead = new BitSet(pixels);
        for (int i = 0; i < pixels; i++) {
            if (!lit[i]) {
                dead.set(i);
            }
        }
        return dead;
    }
}
