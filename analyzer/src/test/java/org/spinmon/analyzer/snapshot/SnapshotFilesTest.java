package org.spinmon.analyzer.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinmon.analyzer.testing.RawSafetensors.floats;
import static org.spinmon.analyzer.testing.RawSafetensors.snapshotMetadata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.safetensors.SafetensorsException;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;
import org.spinmon.analyzer.safetensors.SafetensorsReader;
import org.spinmon.analyzer.testing.RawSafetensors;
import org.spinmon.analyzer.testing.SnapshotFixtures;

class SnapshotFilesTest {

    @TempDir
    Path dir;

    @Test
    void f64RoundTripIsExact() throws IOException {
        Snapshot s = SnapshotFixtures.xavier("run-a", 128, 42, true, 20, 10, 5, 3);
        Path f = dir.resolve("s.safetensors");
        SnapshotFiles.write(s, f, DType.F64);
        assertEquals(s, SnapshotFiles.read(f));
    }

    @Test
    void f32IsTheDefaultAndRoundsEachWeightToFloat() throws IOException {
        Snapshot s = SnapshotFixtures.xavier("run-a", 4, 43, 7, 5, 2);
        Path f = dir.resolve("s.safetensors");
        SnapshotFiles.write(s, f);
        assertEquals(DType.F32, SafetensorsReader.standard().readHeader(f).tensors().get(0).dtype());
        Snapshot back = SnapshotFiles.read(f);
        for (int k = 0; k < s.depth(); k++) {
            double[] w = s.layers().get(k).weights();
            double[] r = back.layers().get(k).weights();
            for (int i = 0; i < w.length; i++) {
                assertEquals((float) w[i], r[i], 0.0);
            }
        }
        assertEquals(s.step(), back.step());
        assertEquals(s.epoch(), back.epoch(), 0);
        assertEquals(s.loss(), back.loss(), 0);
        assertTrue(Double.isNaN(back.accuracy()));
        assertEquals(s.time(), back.time());
        assertEquals(s.runId(), back.runId());
        assertEquals(List.of("relu", "softmax"), back.layers().stream().map(Layer::activation).toList());
        assertEquals(List.of("dense_0", "dense_1"), back.layers().stream().map(Layer::name).toList());
    }

    @Test
    void theFileIsPlainSafetensorsWithTheDocumentedNamesAndMetadata() throws IOException {
        Path f = dir.resolve("s.safetensors");
        SnapshotFiles.write(SnapshotFixtures.xavier("r", 2, 1, true, 4, 3, 2), f);
        var header = SafetensorsReader.standard().readHeader(f);
        assertEquals(List.of("layer1.W", "layer1.b", "layer2.W", "layer2.b"),
                header.tensors().stream().map(t -> t.name()).toList());
        assertArrayEquals(new int[]{4, 3}, header.tensor("layer1.W").orElseThrow().shape());
        Map<String, String> meta = header.metadata();
        assertEquals("1", meta.get("format_version"));
        assertEquals("2", meta.get("step"));
        assertEquals("0.02", meta.get("epoch"));
        assertEquals("NaN", meta.get("accuracy"));
        assertEquals("relu,softmax", meta.get("activations"));
        assertEquals("2026-11-23T10:15:32.123Z", meta.get("time"));
        assertFalse(meta.containsKey("replicas"), "a single network is written as version 1, as before replicas");
    }

    @Test
    void replicasRoundTripExactlyInF64() throws IOException {
        Snapshot s = SnapshotFixtures.replicas("run-r", 64, 5, 3, true, 12, 6, 3);
        Path f = dir.resolve("s.safetensors");
        SnapshotFiles.write(s, f, DType.F64);
        Snapshot back = SnapshotFiles.read(f);
        assertEquals(s, back);
        assertEquals(3, back.replicaCount());
        assertNotEquals(back.layers(), back.replicas().get(0), "the replicas are distinct networks");
        SnapshotInfo info = SnapshotFiles.readInfo(f);
        assertEquals(3, info.replicaCount());
        assertEquals(2, info.formatVersion());
    }

    @Test
    void aReplicaFileIsVersionTwoWithTheDocumentedNamesAndMetadata() throws IOException {
        Path f = dir.resolve("s.safetensors");
        SnapshotFiles.write(SnapshotFixtures.replicas("r", 2, 1, 3, true, 4, 3, 2), f);
        var header = SafetensorsReader.standard().readHeader(f);
        assertEquals(Set.of("layer1.W", "layer1.b", "layer2.W", "layer2.b",
                        "replica2.layer1.W", "replica2.layer1.b", "replica2.layer2.W", "replica2.layer2.b",
                        "replica3.layer1.W", "replica3.layer1.b", "replica3.layer2.W", "replica3.layer2.b"),
                header.tensors().stream().map(t -> t.name()).collect(Collectors.toSet()));
        assertArrayEquals(new int[]{4, 3}, header.tensor("replica3.layer1.W").orElseThrow().shape());
        assertArrayEquals(new int[]{2}, header.tensor("replica2.layer2.b").orElseThrow().shape());
        assertEquals("2", header.metadata().get("format_version"));
        assertEquals("3", header.metadata().get("replicas"));
        assertEquals("relu,softmax", header.metadata().get("activations"));
    }

    @Test
    void versionOneFilesReadAsOneReplica() throws IOException {
        Path f = RawSafetensors.write(dir.resolve("v1.safetensors"),
                "{" + snapshotMetadata("relu") + "," + w(1, 2, 2, 0) + "}", floats(1, 2, 3, 4));
        SnapshotInfo info = SnapshotFiles.readInfo(f);
        assertEquals(1, info.formatVersion());
        assertEquals(1, info.replicaCount());
        Snapshot s = SnapshotFiles.read(f);
        assertEquals(List.of(), s.replicas());
        assertEquals(4, s.layers().get(0).weight(1, 1));
    }

    @Test
    void handMadeVersionTwoFileReads() throws IOException {
        Path f = RawSafetensors.write(dir.resolve("v2.safetensors"), "{" + replicaMetadata("relu", 2) + ","
                + w(1, 2, 2, 0) + "," + tensor("replica2.layer1.W", 16, 2, 2) + "}", floats(1, 2, 3, 4, 5, 6, 7, 8));
        Snapshot s = SnapshotFiles.read(f);
        assertEquals(2, s.replicaCount());
        assertEquals(4, s.layers().get(0).weight(1, 1));
        assertEquals(8, s.replicas().get(0).get(0).weight(1, 1));
        assertEquals("x", s.replicas().get(0).get(0).name(), "names and activations are stored once");
        assertEquals("relu", s.replicas().get(0).get(0).activation());
        Path one = RawSafetensors.write(dir.resolve("v2-one.safetensors"), "{" + replicaMetadata("relu", 1) + ","
                + w(1, 2, 2, 0) + "}", floats(1, 2, 3, 4));
        assertEquals(1, SnapshotFiles.read(one).replicaCount(), "version 2 allows R = 1");
    }

    @Test
    void malformedReplicaTensorsAreRejectedWithTheirName() throws IOException {
        String base = "{" + replicaMetadata("relu", 2) + "," + w(1, 2, 2, 0);
        byte[] two = floats(1, 2, 3, 4, 5, 6, 7, 8);
        assertReplicaProblem("replica2.layer1.W is missing: with replicas = 2 every replica 2..2 holds every tensor of"
                + " replica 1, and layer1.W is present", rejected(base + "}", floats(1, 2, 3, 4)));
        assertReplicaProblem("replica2.layer1.W must have the shape of layer1.W, [2, 2], has [1, 4]",
                rejected(base + "," + tensor("replica2.layer1.W", 16, 1, 4) + "}", two));
        assertReplicaProblem("unexpected tensor \"replica3.layer1.W\": the metadata says replicas = 2",
                rejected(base + "," + tensor("replica2.layer1.W", 16, 2, 2) + ","
                        + tensor("replica3.layer1.W", 32, 2, 2)
                        + "}", floats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)));
        assertReplicaProblem("unexpected tensor \"replica1.layer1.W\": replica 1 is stored as layer{k}.W and"
                + " layer{k}.b", rejected(base + "," + tensor("replica1.layer1.W", 16, 2, 2) + "}", two));
        assertReplicaProblem("unexpected tensor \"replica2.layer2.W\": replica 1 has only layers 1..1",
                rejected(base + "," + tensor("replica2.layer1.W", 16, 2, 2) + ","
                        + tensor("replica2.layer2.W", 32, 2, 1)
                        + "}", floats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));
        assertReplicaProblem("replica2.layer1.b is present but layer1.b is not: every replica has the biases of"
                + " replica 1", rejected(base + "," + tensor("replica2.layer1.W", 16, 2, 2) + ","
                + tensor("replica2.layer1.b", 32, 2) + "}", floats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));
        assertReplicaProblem("replica2.layer1.b is missing: with replicas = 2 every replica 2..2 holds every tensor of"
                + " replica 1, and layer1.b is present", rejected(base + "," + tensor("layer1.b", 16, 2) + ","
                + tensor("replica2.layer1.W", 24, 2, 2) + "}", floats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));
        assertReplicaProblem("unexpected tensor \"replica2.layer1.W\": replica tensors need format_version 2",
                rejected("{" + snapshotMetadata("relu") + "," + w(1, 2, 2, 0) + ","
                        + tensor("replica2.layer1.W", 16, 2, 2) + "}", two));
    }

    @Test
    void theReplicaMetadataIsChecked() throws IOException {
        String body = "," + w(1, 2, 2, 0) + "}";
        byte[] data = floats(1, 2, 3, 4);
        SafetensorsException missing = rejected("{" + snapshotMetadata("relu").replace("\"format_version\":\"1\"",
                "\"format_version\":\"2\"") + body, data);
        assertEquals(Problem.METADATA, missing.problem());
        assertEquals("metadata \"replicas\" is missing", missing.detail());
        SafetensorsException zero = rejected("{" + replicaMetadata("relu", 0) + body, data);
        assertEquals(Problem.METADATA, zero.problem());
        assertEquals("replicas must be an integer in [1, 2147483647], was \"0\"", zero.detail());
        SafetensorsException inVersionOne = rejected("{" + replicaMetadata("relu", 1)
                .replace("\"format_version\":\"2\"", "\"format_version\":\"1\"") + body, data);
        assertEquals(Problem.METADATA, inVersionOne.problem());
        assertEquals("unknown metadata key \"replicas\" in a format_version 1 file", inVersionOne.detail());
        SafetensorsException three = rejected("{" + replicaMetadata("relu", 2).replace("\"format_version\":\"2\"",
                "\"format_version\":\"3\"") + body, data);
        assertEquals("format_version 3 is not supported; this spinmon reads versions 1 and 2", three.detail());
    }

    private static void assertReplicaProblem(String detail, SafetensorsException e) {
        assertEquals(Problem.TENSORS, e.problem(), e.getMessage());
        assertEquals(detail, e.detail());
    }

    private static String replicaMetadata(String activations, int replicas) {
        return snapshotMetadata(activations).replace("\"format_version\":\"1\"",
                "\"format_version\":\"2\",\"replicas\":\"" + replicas + "\"");
    }

    /** An F32 tensor entry of the given shape whose data starts at byte {@code begin}. */
    private static String tensor(String name, long begin, int... shape) {
        long elements = 1;
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            elements *= d;
            dims.append(dims.length() == 0 ? "" : ",").append(d);
        }
        return "\"" + name + "\":{\"dtype\":\"F32\",\"shape\":[" + dims + "],\"data_offsets\":[" + begin + ","
                + (begin + 4 * elements) + "]}";
    }

    @Test
    void nonFiniteWeightsAreRecordedNotRejected() throws IOException {
        Snapshot s = new Snapshot("r", 9, 1, Double.POSITIVE_INFINITY, Double.NaN, java.time.Instant.EPOCH,
                List.of(Layer.of("0", "relu", 1, 3, new double[]{Double.NaN, Double.NEGATIVE_INFINITY, 1})));
        Path f = dir.resolve("s.safetensors");
        SnapshotFiles.write(s, f);
        Snapshot back = SnapshotFiles.read(f);
        assertEquals(2, back.nonFiniteCount());
        assertEquals(Double.POSITIVE_INFINITY, back.loss());
    }

    @Test
    void headerOnlyInfoMatchesTheFullRead() throws IOException {
        Snapshot s = SnapshotFixtures.xavier("r", 16, 3, true, 6, 4, 2);
        Path f = dir.resolve("s.safetensors");
        SnapshotFiles.write(s, f);
        SnapshotInfo info = SnapshotFiles.readInfo(f);
        assertEquals(16, info.step());
        assertEquals(2, info.layers().size());
        assertEquals(new SnapshotInfo.LayerInfo("dense_0", "relu", 6, 4, DType.F32, true), info.layers().get(0));
    }

    private SafetensorsException rejected(String header, byte[] data) throws IOException {
        Path f = RawSafetensors.write(dir.resolve("bad.safetensors"), header, data);
        return assertThrows(SafetensorsException.class, () -> SnapshotFiles.read(f));
    }

    private static String w(int k, int nIn, int nOut, long begin) {
        return "\"layer" + k + ".W\":{\"dtype\":\"F32\",\"shape\":[" + nIn + "," + nOut + "],\"data_offsets\":["
                + begin + "," + (begin + 4L * nIn * nOut) + "]}";
    }

    @Test
    void validHandMadeFileReads() throws IOException {
        Path f = RawSafetensors.write(dir.resolve("ok.safetensors"),
                "{" + snapshotMetadata("relu,softmax") + "," + w(1, 2, 2, 0) + "," + w(2, 2, 1, 16) + "}",
                floats(1, 2, 3, 4, 5, 6));
        Snapshot s = SnapshotFiles.read(f);
        assertEquals(3, s.step());
        assertEquals(4, s.layers().get(0).weight(1, 1));
        assertEquals(6, s.layers().get(1).weight(1, 0));
    }

    @Test
    void consecutiveLayersMustChain() throws IOException {
        SafetensorsException e = rejected("{" + snapshotMetadata("relu,softmax") + "," + w(1, 2, 2, 0) + ","
                + w(2, 3, 1, 16) + "}", floats(1, 2, 3, 4, 5, 6, 7));
        assertEquals(Problem.LAYER_CHAIN, e.problem());
        assertEquals("layer1.W has nOut 2 but layer2.W has nIn 3", e.detail());
    }

    @Test
    void tensorNamesAndRanksAreChecked() throws IOException {
        assertEquals(Problem.TENSORS, rejected("{" + snapshotMetadata("relu") + "," + w(2, 2, 2, 0) + ","
                + w(3, 2, 1, 16) + "}", floats(1, 2, 3, 4, 5, 6)).problem());
        assertEquals(Problem.TENSORS, rejected("{" + snapshotMetadata("relu") + ","
                + w(1, 2, 2, 0).replace("layer1.W", "fc1.weight") + "}", floats(1, 2, 3, 4)).problem());
        assertEquals(Problem.TENSORS, rejected("{" + snapshotMetadata("relu") + ","
                + "\"layer1.W\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", floats(1, 2, 3, 4)).problem());
        assertEquals(Problem.TENSORS, rejected("{" + snapshotMetadata("relu") + "," + w(1, 2, 2, 0) + ","
                + "\"layer1.b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[16,28]}}",
                floats(1, 2, 3, 4, 5, 6, 7)).problem());
        assertEquals(Problem.TENSORS, rejected("{" + snapshotMetadata("relu") + "," + w(1, 2, 2, 0) + ","
                + "\"layer2.b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}}",
                floats(1, 2, 3, 4, 5, 6)).problem());
        assertEquals(Problem.TENSORS, rejected("{" + snapshotMetadata("relu") + "}", new byte[0]).problem());
    }

    @Test
    void everyMetadataFieldIsChecked() throws IOException {
        String body = "," + w(1, 2, 2, 0) + "}";
        byte[] data = floats(1, 2, 3, 4);
        String good = snapshotMetadata("relu");
        String[][] cases = {
                {"\"step\":\"3\"", "\"step\":\"-3\""},
                {"\"step\":\"3\"", "\"step\":\"3.0\""},
                {"\"step\":\"3\"", "\"step\":\"99999999999999999999\""},
                {"\"epoch\":\"0.5\"", "\"epoch\":\"NaN\""},
                {"\"epoch\":\"0.5\"", "\"epoch\":\"-1\""},
                {"\"epoch\":\"0.5\"", "\"epoch\":\"Infinity\""},
                {"\"epoch\":\"0.5\"", "\"epoch\":\"0x1p3\""},
                {"\"loss\":\"1.25\"", "\"loss\":\"1.25f\""},
                {"\"accuracy\":\"NaN\"", "\"accuracy\":\"1.01\""},
                {"\"accuracy\":\"NaN\"", "\"accuracy\":\"-Infinity\""},
                {"\"time\":\"2026-11-23T00:00:00Z\"", "\"time\":\"yesterday\""},
                {"\"run\":\"r1\"", "\"run\":\"../evil\""},
                {"\"format_version\":\"1\"", "\"format_version\":\"3\""},
                {"\"activations\":\"relu\"", "\"activations\":\"relu,relu\""},
                {"\"activations\":\"relu\"", "\"activations\":\"\""},
                {"\"format_version\":\"1\",", ""},
                {"\"run\":\"r1\",", "\"run\":\"r1\",\"surprise\":\"x\","},
        };
        for (String[] c : cases) {
            String meta = good.replace(c[0], c[1]);
            assertTrue(!meta.equals(good), "case did not apply: " + c[1]);
            SafetensorsException e = rejected("{" + meta + body, data);
            assertEquals(Problem.METADATA, e.problem(), c[1] + " -> " + e.getMessage());
        }
        assertEquals(Problem.METADATA, rejected("{" + w(1, 2, 2, 0) + "}", data).problem(), "no metadata at all");
    }
}
