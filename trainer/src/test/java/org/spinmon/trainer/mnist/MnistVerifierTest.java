package org.spinmon.trainer.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistVerifierTest {

    @TempDir
    Path dir;

    private byte[] labels;

    @BeforeEach
    void linkTheRealImagesAndCopyTheLabels() throws Exception {
        Path mnist = TestMnist.dir();
        for (MnistFile f : new MnistFile[]{MnistFile.TRAIN_IMAGES, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS}) {
            Path source = f.locate(mnist).orElseThrow();
            Files.createSymbolicLink(dir.resolve(source.getFileName()), source.toAbsolutePath());
        }
        try (InputStream in = MnistFile.open(MnistFile.TRAIN_LABELS.locate(mnist).orElseThrow())) {
            labels = in.readAllBytes();
        }
    }

    private List<String> problemsWithLabels(byte[] content) throws IOException {
        Files.write(dir.resolve(MnistFile.TRAIN_LABELS.fileName()), content);
        return MnistVerifier.problems(dir);
    }

    @Test
    void theRealDataPasses() throws IOException {
        assertEquals(List.of(), problemsWithLabels(labels));
    }

    @Test
    void aWrongMagicNumberIsNamed() throws IOException {
        byte[] bad = labels.clone();
        bad[3] = 0x03;
        assertEquals(List.of("train-labels-idx1-ubyte: magic number 2051, expected 2049"), problemsWithLabels(bad));
    }

    @Test
    void aTruncatedFileIsNamed() throws IOException {
        List<String> problems = problemsWithLabels(java.util.Arrays.copyOf(labels, labels.length - 10));
        assertEquals(List.of("train-labels-idx1-ubyte: holds 59990 data bytes, expected 60000"), problems);
        assertEquals(List.of("train-labels-idx1-ubyte: ends inside its header"),
                problemsWithLabels(java.util.Arrays.copyOf(labels, 6)));
    }

    @Test
    void aSingleRelabelledDigitChangesTheHistogram() throws IOException {
        byte[] bad = labels.clone();
        bad[8] = (byte) ((bad[8] + 1) % 10);
        List<String> problems = problemsWithLabels(bad);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("label histogram"), problems.get(0));
    }

    @Test
    void missingFilesAreListed() throws IOException {
        Files.delete(dir.resolve(MnistFile.TEST_IMAGES.locate(dir).orElseThrow().getFileName()));
        List<String> problems = problemsWithLabels(labels);
        assertEquals(List.of("t10k-images-idx3-ubyte (or t10k-images-idx3-ubyte.gz) is missing"), problems);
    }
}
