package org.spinmon.analyzer.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.analyzer.testing.SnapshotFixtures;

/**
 * Seeded mutation fuzzing of the snapshot reader: thousands of files derived from one valid snapshot file, of one
 * network (format version 1) and of three replicas (version 2).
 * Every outcome must be either a valid snapshot or a {@link SafetensorsException}; any other exception or
 * error (OutOfMemoryError, NegativeArraySizeException, NumberFormatException, ...) fails the test.
 */
class SafetensorsFuzzTest {

    private static final long SEED = 20261123L;
    private static final int MUTANTS = 6000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} replicas")
    @ValueSource(ints = {1, 3})
    void mutatedSnapshotFilesAreReadOrRejectedWithTheReadersOwnException(int replicas) throws IOException {
        Path valid = dir.resolve("valid.safetensors");
        SnapshotFiles.write(SnapshotFixtures.replicas("fuzz", 7, 1, replicas, true, 12, 6, 3), valid);
        byte[] original = Files.readAllBytes(valid);
        int headerLength = (int) ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getLong();

        SplittableRandom random = new SplittableRandom(SEED);
        Map<SafetensorsException.Problem, Integer> problems = new EnumMap<>(SafetensorsException.Problem.class);
        int accepted = 0;
        Path mutant = dir.resolve("mutant.safetensors");
        for (int i = 0; i < MUTANTS; i++) {
            byte[] bytes = mutate(original, headerLength, random);
            Files.write(mutant, bytes);
            try {
                Snapshot s = SnapshotFiles.read(mutant);
                assertTrue(s.depth() >= 1);
                accepted++;
            } catch (SafetensorsException e) {
                assertEquals(mutant, e.file());
                problems.merge(e.problem(), 1, Integer::sum);
            } catch (Throwable t) {
                Files.write(dir.resolve("crash-" + i + ".safetensors"), bytes);
                fail("mutant " + i + " escaped the reader: " + t, t);
            }
        }
        // The mutations reach every part of the format: a sanity check that the fuzzer is not trivial.
        for (SafetensorsException.Problem p : new SafetensorsException.Problem[]{
                SafetensorsException.Problem.TRUNCATED, SafetensorsException.Problem.HEADER_LENGTH,
                SafetensorsException.Problem.HEADER_ENCODING, SafetensorsException.Problem.HEADER_JSON,
                SafetensorsException.Problem.SHAPE, SafetensorsException.Problem.OFFSETS,
                SafetensorsException.Problem.METADATA, SafetensorsException.Problem.DTYPE}) {
            assertTrue(problems.getOrDefault(p, 0) > 0, "no mutant produced " + p + ": " + problems);
        }
        assertTrue(accepted > 0, "payload-only mutations must still read: " + problems);
    }

    private static byte[] mutate(byte[] original, int headerLength, SplittableRandom random) {
        byte[] bytes = original.clone();
        switch (random.nextInt(7)) {
            case 0 -> { // flip bits anywhere
                int flips = 1 + random.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    int at = random.nextInt(bytes.length);
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> { // truncate in any region
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case 2 -> { // absurd header length
                long[] lengths = {0, 1, headerLength - 1, headerLength + 1, bytes.length, Long.MAX_VALUE, -1,
                        Integer.MAX_VALUE, 1L << 40, random.nextLong()};
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, lengths[random.nextInt(lengths.length)]);
            }
            case 3 -> { // rewrite a token of the header JSON
                return mutateHeaderText(bytes, headerLength, random);
            }
            case 4 -> { // random bytes in the header
                int at = 8 + random.nextInt(headerLength);
                bytes[at] = (byte) random.nextInt(256);
            }
            case 5 -> { // payload corruption (incl. NaN/Inf bit patterns): the file stays structurally valid
                int at = 8 + headerLength + random.nextInt(bytes.length - 8 - headerLength);
                bytes[at] = (byte) (random.nextBoolean() ? 0xFF : 0x7F);
            }
            default -> { // append garbage
                byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(16));
                return longer;
            }
        }
        return bytes;
    }

    private static byte[] mutateHeaderText(byte[] bytes, int headerLength, SplittableRandom random) {
        String header = new String(bytes, 8, headerLength, StandardCharsets.UTF_8);
        String[] from = {"\"F32\"", "[", "]", ",", "\"shape\"", "\"data_offsets\"", "\"dtype\"", "\"step\"", "\"1\"",
                "layer1", "\"activations\"", "{", "0", "6", "3"};
        String[] to = {"\"F64\"", "\"I64\"", "\"F16\"", "\"Q8\"", "[-1]", "[1e999]", "[0.5]", "\"NaN\"", "[]",
                "[99999999999]", "[9223372036854775807]", "{}", "null", "layer9", "\"x\"", "\"__metadata__\"",
                "1.0", "-0", "[0,0]", ",,", "\"\\ud800\"", "\"\u00e9\"", "12", "\"step\":\"-1\",\"q\""};
        String target = from[random.nextInt(from.length)];
        int at = header.indexOf(target, random.nextInt(Math.max(1, header.length())));
        if (at < 0) {
            at = header.indexOf(target);
        }
        if (at >= 0) {
            header = header.substring(0, at) + to[random.nextInt(to.length)] + header.substring(at + target.length());
        }
        byte[] newHeader = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + newHeader.length + bytes.length - 8 - headerLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(newHeader.length).put(newHeader).put(bytes, 8 + headerLength, bytes.length - 8 - headerLength);
        return out.array();
    }
}
