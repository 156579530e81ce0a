package org.spinmon.analyzer.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.safetensors.SafetensorsException;
import org.spinmon.analyzer.safetensors.SafetensorsWriter;
import org.spinmon.analyzer.safetensors.Tensor;

class ProbeFilesTest {

    @TempDir
    Path dir;

    @Test
    void roundTripIsExactForFloat32Pixels() throws Exception {
        double[] x = new double[3 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (i * 17 % 256 / 255.0);
        }
        ProbeBatch batch = new ProbeBatch(x, 3, 4, new int[]{2, 0, 9}, 10, 42, "mnist-test");
        Path file = dir.resolve(ProbeFiles.FILE_NAME);
        ProbeFiles.write(batch, file);
        assertEquals(batch, ProbeFiles.read(file));
    }

    @Test
    void theCentredLabelGramIsThatOfTheCentredOneHotLabels() {
        int[] labels = {0, 1, 1, 2};
        // Y_c, 4 x 3: one-hot rows less the column means (1/4, 1/2, 1/4).
        double[] y = {0.75, -0.5, -0.25, -0.25, 0.5, -0.25, -0.25, 0.5, -0.25, -0.25, -0.5, 0.75};
        double[] expected = new double[16];
        for (int mu = 0; mu < 4; mu++) {
            for (int nu = 0; nu < 4; nu++) {
                for (int k = 0; k < 3; k++) {
                    expected[mu * 4 + nu] += y[mu * 3 + k] * y[nu * 3 + k];
                }
            }
        }
        assertArrayEquals(expected, new ProbeBatch(new double[4], 4, 1, labels, 3, 1, "t").centredLabelGram(), 1e-15);
        // Unused classes are zero columns: a file declaring 2^31 - 1 classes costs nothing more (found by fuzzing,
        // when the one-hot matrix of P x classes was built and its size overflowed).
        assertArrayEquals(expected, new ProbeBatch(new double[4], 4, 1, labels, Integer.MAX_VALUE, 1, "t")
                .centredLabelGram(), 1e-15);
    }

    @Test
    void aProbeFileOfMoreInputsThanTheViewsCanHoldIsRejected() throws Exception {
        // Found by fuzzing: a 370 kB file of 46341 one-pixel inputs made every analysis fail (its P x P kernel
        // overflows a Java array), and 20000 would exhaust the heap.
        int p = ProbeBatch.MAX_SIZE + 1;
        Path file = dir.resolve("large.safetensors");
        SafetensorsWriter.write(file, List.of(new Tensor("inputs", new int[]{p, 1}, new double[p]),
                new Tensor("labels", new int[]{p}, new double[p])),
                Map.of("format_version", "1", "classes", "1", "seed", "1", "source", "t"), DType.F32);
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> ProbeFiles.read(file));
        assertEquals(SafetensorsException.Problem.PROBE, e.problem());
        assertEquals("a probe batch holds at most 10000 inputs, this one 10001", e.detail());
    }

    @Test
    void badLabelsAndShapesAreRejectedWithTheReason() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new ProbeBatch(new double[4], 2, 2, new int[]{0, 3}, 3, 1, "t"));
        assertThrows(IllegalArgumentException.class, () -> new ProbeBatch(new double[]{Double.NaN}, 1, 1, new int[]{0}, 1, 1, "t"));
        Path file = dir.resolve("bad.safetensors");
        SafetensorsWriter.write(file, List.of(new Tensor("inputs", new int[]{2, 1}, new double[]{0, 1}),
                new Tensor("labels", new int[]{2}, new double[]{0, 0.5})),
                Map.of("format_version", "1", "classes", "2", "seed", "1", "source", "t"), DType.F32);
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> ProbeFiles.read(file));
        assertTrue(e.getMessage().contains("label 1 is not a class index"), e.getMessage());
    }

    @Test
    void badProbeMetadataIsNamed() throws Exception {
        // Found by fuzzing: a seed of "1.5" was reported as 'not a spinmon probe batch: For input string: "1.5"', and
        // classes = -1 as 'probe labels must lie in [0, -1)'.
        assertEquals("seed is not an integer: \"1.5\"", probeWith("seed", "1.5").detail());
        assertEquals(SafetensorsException.Problem.METADATA, probeWith("seed", "1.5").problem());
        assertEquals("classes is out of range: 4294967296", probeWith("classes", "4294967296").detail());
        assertEquals("a probe batch needs at least one class, was -1", probeWith("classes", "-1").detail());
    }

    private SafetensorsException probeWith(String key, String value) throws IOException {
        Map<String, String> meta = new HashMap<>(Map.of("format_version", "1", "classes", "2", "seed", "1",
                "source", "t"));
        meta.put(key, value);
        Path file = dir.resolve("meta.safetensors");
        SafetensorsWriter.write(file, List.of(new Tensor("inputs", new int[]{2, 1}, new double[]{0, 1}),
                new Tensor("labels", new int[]{2}, new double[]{0, 1})), meta, DType.F32);
        return assertThrows(SafetensorsException.class, () -> ProbeFiles.read(file));
    }
}
