package org.spinmon.trainer.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.spinmon.analyzer.probe.ProbeBatch;

class ProbeBatchesTest {

    @TempDir
    Path empty;

    @Test
    void everyTestImageEqualsWhatDl4jsIteratorFeedsTheNetwork() throws Exception {
        ProbeBatch all = ProbeBatches.fromTestSet(TestMnist.dir(), ProbeBatches.MAX_SIZE, 5);
        int[] order = ProbeBatches.draw(ProbeBatches.MAX_SIZE, 5);
        assertEquals(ProbeBatches.MAX_SIZE, Arrays.stream(order).distinct().count(), "a permutation");
        DataSet dl4j = Mnist.test(TestMnist.unpacked(), ProbeBatches.MAX_SIZE).next();
        assertEquals(DataType.FLOAT, dl4j.getFeatures().dataType());
        float[] features = dl4j.getFeatures().dup('c').data().asFloat();
        int[] labels = dl4j.getLabels().argMax(1).toIntVector();
        int pixels = all.inputDim();
        assertEquals(784, pixels);
        double[] expected = new double[all.size() * pixels];
        int[] expectedLabels = new int[all.size()];
        for (int mu = 0; mu < all.size(); mu++) {
            for (int i = 0; i < pixels; i++) {
                expected[mu * pixels + i] = features[order[mu] * pixels + i];
            }
            expectedLabels[mu] = labels[order[mu]];
        }
        assertArrayEquals(expected, all.inputs(), "exactly DL4J's float32 inputs, image by image");
        assertArrayEquals(expectedLabels, all.labels());
        assertEquals(10, all.classes());
        assertEquals(ProbeBatches.SOURCE, all.source());
        assertEquals(5, all.seed());
    }

    @Test
    void theSeedFixesTheDrawWhichIsWithoutReplacementAndEveryPrefixIsTheSmallerDraw() throws Exception {
        ProbeBatch batch = ProbeBatches.fromTestSet(TestMnist.dir(), ProbeBatches.DEFAULT_SIZE, 11);
        assertEquals(batch, ProbeBatches.fromTestSet(TestMnist.dir(), ProbeBatches.DEFAULT_SIZE, 11));
        assertFalse(batch.equals(ProbeBatches.fromTestSet(TestMnist.dir(), ProbeBatches.DEFAULT_SIZE, 12)));
        int[] drawn = ProbeBatches.draw(ProbeBatches.DEFAULT_SIZE, 11);
        assertEquals(ProbeBatches.DEFAULT_SIZE, Arrays.stream(drawn).distinct().count());
        assertTrue(Arrays.stream(drawn).allMatch(i -> i >= 0 && i < ProbeBatches.MAX_SIZE));
        assertArrayEquals(Arrays.copyOf(drawn, 20), ProbeBatches.draw(20, 11));
        assertEquals(10, Arrays.stream(batch.labels()).distinct().count(), "512 images show every digit");
    }

    @Test
    void theSizeMustBeBetweenOneAndTenThousand() {
        for (int size : new int[]{0, -1, 10_001}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ProbeBatches.fromTestSet(empty, size, 1));
            assertEquals("a probe batch holds between 1 and 10000 MNIST test images, was " + size, e.getMessage());
        }
    }

    @Test
    void missingOrForeignFilesAreNamed() throws Exception {
        IOException missing = assertThrows(IOException.class, () -> ProbeBatches.fromTestSet(empty, 1, 1));
        assertTrue(missing.getMessage().contains("t10k-images-idx3-ubyte"), missing.getMessage());
        Files.copy(TestMnist.unpacked().resolve(MnistFile.TRAIN_IMAGES.fileName()),
                empty.resolve(MnistFile.TEST_IMAGES.fileName()));
        IOException foreign = assertThrows(IOException.class, () -> ProbeBatches.fromTestSet(empty, 1, 1));
        assertTrue(foreign.getMessage().contains(empty.resolve("t10k-images-idx3-ubyte")
                + ": not MNIST's t10k-images-idx3-ubyte (magic 2051, 60000 items)"), foreign.getMessage());
    }
}
