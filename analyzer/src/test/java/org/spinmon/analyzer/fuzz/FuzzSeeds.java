package org.spinmon.analyzer.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.spinmon.analyzer.probe.ProbeFiles;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.analyzer.testing.SnapshotFixtures;

/**
 * The valid files the fuzzer mutates, written by spinmon's own writers: a single network in F32 (format version
 * 1, no biases), a single network in F64 with biases whose first two layers are wide enough for the heavy-tail
 * metrics (version 1, step 0), three replicas with biases (version 2), and a probe batch whose inputs fit the
 * 12-input networks.
 */
public final class FuzzSeeds {

    private FuzzSeeds() {
    }

    /** Writes the seeds under {@code dir} and returns them with their bytes. */
    public static List<SeedFile> create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path v1 = dir.resolve("v1-f32.safetensors");
        SnapshotFiles.write(SnapshotFixtures.xavier("fuzz", 7, 1, 12, 6, 3), v1, DType.F32);
        Path v1Bias = dir.resolve("v1-f64-bias.safetensors");
        SnapshotFiles.write(SnapshotFixtures.xavier("fuzz", 0, 2, true, 16, 12, 10), v1Bias, DType.F64);
        Path v2 = dir.resolve("v2-replicas.safetensors");
        SnapshotFiles.write(SnapshotFixtures.replicas("fuzz", 16, 3, 3, true, 12, 6, 3), v2, DType.F32);
        Path probe = dir.resolve("probe.safetensors");
        ProbeFiles.write(SnapshotFixtures.probe(16, 12, 3, 5), probe);
        return List.of(
                new SeedFile("v1-f32", FileKind.SNAPSHOT, Files.readAllBytes(v1)),
                new SeedFile("v1-f64-bias", FileKind.SNAPSHOT, Files.readAllBytes(v1Bias)),
                new SeedFile("v2-replicas", FileKind.SNAPSHOT, Files.readAllBytes(v2)),
                new SeedFile("probe", FileKind.PROBE, Files.readAllBytes(probe)));
    }
}
