package org.spinmon.analyzer.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinmon.analyzer.testing.RawSafetensors.bytes;
import static org.spinmon.analyzer.testing.RawSafetensors.doubles;
import static org.spinmon.analyzer.testing.RawSafetensors.floats;
import static org.spinmon.analyzer.testing.RawSafetensors.shorts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;
import org.spinmon.analyzer.testing.RawSafetensors;

class SafetensorsReaderTest {

    @TempDir
    Path dir;

    private Path file(byte[] content) throws IOException {
        return Files.write(dir.resolve("t.safetensors"), content);
    }

    private SafetensorsException rejected(byte[] content) throws IOException {
        Path f = file(content);
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> SafetensorsReader.standard().read(f));
        assertEquals(f, e.file());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        return e;
    }

    private void assertProblem(Problem expected, String header, byte[] data) throws IOException {
        assertEquals(expected, rejected(bytes(header, data)).problem());
    }

    @Nested
    @DisplayName("decodes every readable dtype exactly")
    class Decoding {

        @Test
        void f64AndF32RoundTripThroughTheWriter() throws IOException {
            double[] values = {0, -0.0, 1.5, -2.25e-3, 1e300, Double.MIN_VALUE, Double.NaN, Double.NEGATIVE_INFINITY};
            Path f64 = dir.resolve("a.safetensors");
            SafetensorsWriter.write(f64, List.of(new Tensor("x", new int[]{2, 4}, values)), Map.of("k", "v"), DType.F64);
            SafetensorsReader.Contents read = SafetensorsReader.standard().read(f64);
            assertArrayEquals(values, read.tensors().get(0).values());
            assertArrayEquals(new int[]{2, 4}, read.tensors().get(0).shape());
            assertEquals(Map.of("k", "v"), read.header().metadata());

            Path f32 = dir.resolve("b.safetensors");
            SafetensorsWriter.write(f32, List.of(new Tensor("x", new int[]{8}, values)), Map.of(), DType.F32);
            double[] narrowed = SafetensorsReader.standard().read(f32).tensors().get(0).values();
            for (int i = 0; i < values.length; i++) {
                assertEquals((double) (float) values[i], narrowed[i], 0.0, "element " + i);
            }
        }

        @Test
        void f16IncludingSubnormalsInfinitiesAndNan() throws IOException {
            // 1.0, -2.0, 65504 (max), 2^-24 (smallest subnormal), 2^-14 (smallest normal), +inf, NaN, -0
            byte[] data = shorts(0x3C00, 0xC000, 0x7BFF, 0x0001, 0x0400, 0x7C00, 0x7E00, 0x8000);
            Path f = file(bytes("{\"h\":{\"dtype\":\"F16\",\"shape\":[8],\"data_offsets\":[0,16]}}", data));
            double[] v = SafetensorsReader.standard().readTensors(f).get(0).values();
            assertArrayEquals(new double[]{1, -2, 65504, 0x1p-24, 0x1p-14, Double.POSITIVE_INFINITY, Double.NaN, -0.0},
                    v);
        }

        @Test
        void bf16IsTheUpperHalfOfAFloat() throws IOException {
            byte[] data = shorts(0x3F80, 0xC0A0, 0x7F80, 0x0001);
            Path f = file(bytes("{\"h\":{\"dtype\":\"BF16\",\"shape\":[2,2],\"data_offsets\":[0,8]}}", data));
            double[] v = SafetensorsReader.standard().readTensors(f).get(0).values();
            assertArrayEquals(new double[]{1, -5, Double.POSITIVE_INFINITY, Float.intBitsToFloat(0x00010000)}, v);
        }

        @Test
        void tensorsComeInDataOrderWhateverTheHeaderOrderAndPaddingIsAllowed() throws IOException {
            String header = "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                    + "\"a\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}     ";
            byte[] data = new byte[12];
            System.arraycopy(doubles(3.5), 0, data, 0, 8);
            System.arraycopy(floats(-1f), 0, data, 8, 4);
            List<Tensor> t = SafetensorsReader.standard().readTensors(file(bytes(header, data)));
            assertEquals(List.of("a", "b"), t.stream().map(Tensor::name).toList());
            assertArrayEquals(new double[]{3.5}, t.get(0).values());
            assertArrayEquals(new double[]{-1}, t.get(1).values());
        }

        @Test
        void largeTensorsStreamAcrossChunkBoundaries() throws IOException {
            double[] values = new double[100_003];
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.sin(i);
            }
            Path f = dir.resolve("big.safetensors");
            SafetensorsWriter.write(f, List.of(new Tensor("w", new int[]{values.length}, values)), Map.of(), DType.F64);
            assertArrayEquals(values, SafetensorsReader.standard().readTensors(f).get(0).values());
        }

        @Test
        void headerIsReadWithoutThePayload() throws IOException {
            Path f = dir.resolve("h.safetensors");
            SafetensorsWriter.write(f, List.of(new Tensor("w", new int[]{3, 2}, new double[6])), Map.of("a", "b"),
                    DType.F32);
            SafetensorsHeader header = SafetensorsReader.standard().readHeader(f);
            assertEquals(1, header.tensors().size());
            TensorInfo w = header.tensor("w").orElseThrow();
            assertEquals(DType.F32, w.dtype());
            assertEquals(6, w.elements());
            assertEquals(0, (header.dataStart() - 8) % 8, "writer pads the header to 8 bytes");
        }
    }

    @Nested
    @DisplayName("names each violation")
    class Violations {

        private static final String ONE = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

        @Test
        void truncatedBeforeTheLength() throws IOException {
            assertEquals(Problem.TRUNCATED, rejected(new byte[5]).problem());
        }

        @Test
        void headerLengthBeyondTheFile() throws IOException {
            byte[] content = bytes(ONE, floats(1, 2));
            ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN).putLong(0, content.length);
            assertEquals(Problem.HEADER_LENGTH, rejected(content).problem());
        }

        @Test
        void headerLengthWithTheTopBitSetIsNotANegativeAllocation() throws IOException {
            byte[] content = bytes(ONE, floats(1, 2));
            ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 0xFFFF_FFFF_FFFF_FFF0L);
            SafetensorsException e = rejected(content);
            assertEquals(Problem.HEADER_LENGTH, e.problem());
            assertTrue(e.detail().contains("18446744073709551600"), e.detail());
        }

        @Test
        void headerLengthAboveTheCap() throws IOException {
            Path f = file(bytes(ONE, floats(1, 2)));
            SafetensorsException e = assertThrows(SafetensorsException.class,
                    () -> SafetensorsReader.withMaxHeaderBytes(16).read(f));
            assertEquals(Problem.HEADER_LENGTH, e.problem());
        }

        @Test
        void malformedUtf8() throws IOException {
            byte[] header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}".getBytes();
            header[2] = (byte) 0xC3; // a lead byte followed by an ASCII byte
            SafetensorsException e = rejected(RawSafetensors.bytes(header, floats(1, 2)));
            assertEquals(Problem.HEADER_ENCODING, e.problem());
            assertEquals("malformed UTF-8 at byte 10 of the file (1 byte)", e.detail());
        }

        @Test
        void jsonLimitsAreNamedWithoutJavaInternals() throws IOException {
            SafetensorsException e = rejected(RawSafetensors.bytes("{\"x\":" + "[".repeat(9) + "]".repeat(9) + "}",
                    new byte[0]));
            assertEquals(Problem.HEADER_JSON, e.problem());
            assertEquals("Document nesting depth (9) exceeds the maximum allowed (8)", e.detail());
        }

        @Test
        void jsonErrors() throws IOException {
            assertProblem(Problem.HEADER_JSON, "[1,2]   ", new byte[0]);
            assertProblem(Problem.HEADER_JSON, "{\"x\":", new byte[0]);
            assertProblem(Problem.HEADER_JSON, "{} {}", new byte[0]);
            assertProblem(Problem.HEADER_JSON, " {}", new byte[0]);
            assertProblem(Problem.HEADER_JSON, ONE.replace("}}", "},\"x\":{}}"), floats(1, 2));
            assertProblem(Problem.HEADER_JSON, ONE.replace("\"shape\"", "\"extra\":1,\"shape\""), floats(1, 2));
            assertProblem(Problem.HEADER_JSON, "{\"x\":3}", new byte[0]);
            assertProblem(Problem.HEADER_JSON, "{\"x\":" + "[".repeat(50) + "]".repeat(50) + "}", new byte[0]);
        }

        @Test
        void dtypes() throws IOException {
            assertProblem(Problem.DTYPE, ONE.replace("F32", "F31"), floats(1, 2));
            assertProblem(Problem.DTYPE, ONE.replace("F32", "I32"), floats(1, 2));
            assertProblem(Problem.DTYPE, ONE.replace("\"F32\"", "32"), floats(1, 2));
        }

        @Test
        void shapes() throws IOException {
            assertProblem(Problem.SHAPE, ONE.replace("[2]", "[3]"), floats(1, 2));
            assertProblem(Problem.SHAPE, ONE.replace("[2]", "[-2]"), floats(1, 2));
            assertProblem(Problem.SHAPE, ONE.replace("[2]", "[2.0]"), floats(1, 2));
            assertProblem(Problem.SHAPE, ONE.replace("[2]", "[\"NaN\"]"), floats(1, 2));
            assertProblem(Problem.SHAPE, ONE.replace("[2]", "[4294967296]"), floats(1, 2));
            assertProblem(Problem.SHAPE, ONE.replace("[2]", "[65536,65536,65536,65536]"), floats(1, 2));
            assertProblem(Problem.SHAPE, ONE.replace("[2]", "2"), floats(1, 2));
        }

        @Test
        void offsets() throws IOException {
            assertProblem(Problem.OFFSETS, ONE.replace("[0,8]", "[0,16]"), floats(1, 2));
            assertProblem(Problem.OFFSETS, ONE.replace("[0,8]", "[8,0]"), floats(1, 2));
            assertProblem(Problem.OFFSETS, ONE.replace("[0,8]", "[0]"), floats(1, 2));
            assertProblem(Problem.OFFSETS, ONE.replace("[0,8]", "[0,8.5]"), floats(1, 2));
            assertProblem(Problem.OFFSETS, ONE.replace("[0,8]", "[-8,0]"), floats(1, 2));
            assertProblem(Problem.OFFSETS, ONE.replace("[0,8]", "[0,99999999999999999999999]"), floats(1, 2));
        }

        @Test
        void overlapAndGaps() throws IOException {
            String two = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                    + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
            assertProblem(Problem.OVERLAP, two, floats(1, 2, 3));
            assertProblem(Problem.GAP, two.replace("[4,12]", "[12,20]"), floats(1, 2, 3, 4, 5));
            assertProblem(Problem.GAP, ONE, floats(1, 2, 3));
            assertProblem(Problem.GAP, ONE.replace("[0,8]", "[4,12]"), floats(1, 2, 3));
        }

        @Test
        void metadataMustBeStrings() throws IOException {
            assertProblem(Problem.METADATA, "{\"__metadata__\":{\"a\":1}}", new byte[0]);
            assertProblem(Problem.METADATA, "{\"__metadata__\":[]}", new byte[0]);
        }

        @Test
        void truncatedPayloadIsCaughtByTheHeaderCheck() throws IOException {
            byte[] full = bytes(ONE, floats(1, 2));
            byte[] cut = java.util.Arrays.copyOf(full, full.length - 1);
            assertEquals(Problem.OFFSETS, rejected(cut).problem());
        }
    }
}
