package org.spinmon.trainer.mnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.datasets.fetchers.MnistDataFetcher;

/**
 * DL4J's fetcher of MNIST training images with the order drawn from a second seed: the subset of
 * {@code examples} images is the one {@link MnistDataFetcher} draws with the subset seed (its first shuffle of all
 * 60,000 indices), and the order of that subset, at once and on every reset, comes from a {@link Random} seeded
 * with the order seed, shuffled as DL4J shuffles it. Pixels are scaled to [0, 1].
 */
final class ReorderedMnistFetcher extends MnistDataFetcher {

    ReorderedMnistFetcher(Path dir, long subsetSeed, long orderSeed, int examples) throws IOException {
        super(false, true, true, subsetSeed, examples, dir.toFile());
        rng = new Random(orderSeed);
        reset();
    }
}
