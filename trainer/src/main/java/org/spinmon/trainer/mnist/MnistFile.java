package org.spinmon.trainer.mnist;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The four IDX files of MNIST (LeCun, Cortes and Burges), under their standard names, raw or gzipped.
 * IDX: big-endian int32 magic (2051 images, 2049 labels), int32 count, for images int32 rows and columns
 * (28 × 28), then one unsigned byte per pixel or label.
 */
public enum MnistFile {
    /** 60,000 training images. */
    TRAIN_IMAGES("train-images-idx3-ubyte", 2051, 60_000),
    /** 60,000 training labels. */
    TRAIN_LABELS("train-labels-idx1-ubyte", 2049, 60_000),
    /** 10,000 test images. */
    TEST_IMAGES("t10k-images-idx3-ubyte", 2051, 10_000),
    /** 10,000 test labels. */
    TEST_LABELS("t10k-labels-idx1-ubyte", 2049, 10_000);

    /** Image side length in pixels. */
    public static final int SIDE = 28;

    private final String fileName;
    private final int magic;
    private final int count;

    MnistFile(String fileName, int magic, int count) {
        this.fileName = fileName;
        this.magic = magic;
        this.count = count;
    }

    /** @return the standard raw file name, for example {@code train-images-idx3-ubyte} */
    public String fileName() {
        return fileName;
    }

    /** @return the gzipped file name */
    public String gzName() {
        return fileName + ".gz";
    }

    /** @return the IDX magic number */
    public int magic() {
        return magic;
    }

    /** @return the number of items */
    public int count() {
        return count;
    }

    /** @return whether this is an image file (else labels) */
    public boolean images() {
        return magic == 2051;
    }

    /** @return the header size in bytes: 16 for images, 8 for labels */
    public int headerBytes() {
        return images() ? 16 : 8;
    }

    /** @return the exact size of the raw file in bytes */
    public long rawBytes() {
        return headerBytes() + (long) count * (images() ? SIDE * SIDE : 1);
    }

    /** @return the file in {@code dir}, raw preferred over gzipped, if either exists */
    public Optional<Path> locate(Path dir) {
        Path raw = dir.resolve(fileName);
        if (Files.isRegularFile(raw)) {
            return Optional.of(raw);
        }
        Path gz = dir.resolve(gzName());
        return Files.isRegularFile(gz) ? Optional.of(gz) : Optional.empty();
    }

    /** Opens {@code file} as the raw IDX byte stream, decompressing a {@code .gz}. */
    public static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
