package org.spinmon.analyzer.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
    void centredOneHotHasZeroColumnMeans() {
        ProbeBatch batch = new ProbeBatch(new double[4], 4, 1, new int[]{0, 1, 1, 2}, 3, 1, "t");
        assertArrayEquals(new double[]{0.75, -0.5, -0.25, -0.25, 0.5, -0.25, -0.25, 0.5, -0.25, -0.25, -0.5, 0.75},
                batch.centredOneHot(), 1e-15);
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
}
