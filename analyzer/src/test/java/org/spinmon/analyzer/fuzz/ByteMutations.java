package org.spinmon.analyzer.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.spinmon.analyzer.safetensors.SafetensorsException.Problem;

/** Damage to the raw bytes: bit flips by region, truncation at every region, absurd header lengths. */
final class ByteMutations {

    private ByteMutations() {
    }

    /** Where in a file a byte lies. */
    private enum Region { PREFIX, HEADER, DATA, ANYWHERE }

    static Mutation bitFlips(SeedFile seed, SplittableRandom random) {
        byte[] bytes = seed.bytes();
        int dataStart = dataStart(bytes);
        Region region = Region.values()[random.nextInt(Region.values().length)];
        int from = switch (region) {
            case PREFIX, ANYWHERE -> 0;
            case HEADER -> 8;
            case DATA -> dataStart;
        };
        int to = switch (region) {
            case PREFIX -> 8;
            case HEADER -> dataStart;
            case DATA, ANYWHERE -> bytes.length;
        };
        int flips = 1 + random.nextInt(8);
        List<String> where = new ArrayList<>();
        for (int k = 0; k < flips; k++) {
            int at = from + random.nextInt(to - from);
            int bit = random.nextInt(8);
            bytes[at] ^= (byte) (1 << bit);
            where.add(at + "." + bit);
        }
        if (Arrays.equals(bytes, seed.bytes())) {
            bytes[from] ^= 1;
            where.add(from + ".0");
        }
        Expectation expected = switch (region) {
            // Any other length moves the data section, which then no longer matches the spans.
            case PREFIX -> Expectation.rejected();
            // Payload bits never change the structure; a probe's labels and inputs have rules of their own.
            case DATA -> seed.kind() == FileKind.SNAPSHOT ? Expectation.read() : Expectation.any();
            case HEADER, ANYWHERE -> Expectation.any();
        };
        return new Mutation(flips + " bit flip(s) in " + region.name().toLowerCase() + " at byte.bit " + where,
                bytes, expected);
    }

    static Mutation truncation(SeedFile seed, SplittableRandom random) {
        byte[] bytes = seed.bytes();
        SafetensorsImage image = SafetensorsImage.parse(bytes);
        int dataStart = dataStart(bytes);
        List<Integer> boundaries = new ArrayList<>(List.of(0, 8, dataStart, bytes.length - 1));
        for (String name : image.tensorNames()) {
            boundaries.add(dataStart + (int) image.begin(name));
            boundaries.add(dataStart + (int) image.end(name));
        }
        int cut;
        String where;
        switch (random.nextInt(5)) {
            case 0 -> {
                cut = random.nextInt(8);
                where = "inside the length prefix";
            }
            case 1 -> {
                cut = 8 + random.nextInt(dataStart - 8);
                where = "inside the header";
            }
            case 2 -> {
                int boundary = boundaries.get(random.nextInt(boundaries.size())) + random.nextInt(3) - 1;
                cut = Math.max(0, Math.min(bytes.length - 1, boundary));
                where = "at a region boundary";
            }
            case 3 -> {
                List<String> names = image.tensorNames();
                String name = names.get(random.nextInt(names.size()));
                int begin = dataStart + (int) image.begin(name);
                int end = dataStart + (int) image.end(name);
                cut = begin + random.nextInt(Math.max(1, end - begin));
                where = "inside tensor " + name;
            }
            default -> {
                cut = bytes.length - 1 - random.nextInt(Math.min(16, bytes.length - 1));
                where = "near the end";
            }
        }
        return new Mutation("truncated to " + cut + " of " + bytes.length + " bytes, " + where,
                Arrays.copyOf(bytes, cut), Expectation.rejected(Problem.TRUNCATED, Problem.HEADER_LENGTH,
                Problem.OFFSETS));
    }

    static Mutation headerLength(SeedFile seed, SplittableRandom random) {
        byte[] bytes = seed.bytes();
        long real = dataStart(bytes) - 8L;
        long[] lengths = {0, 1, 2, real - 1, real + 1, real - 8, real + 8, bytes.length - 8L, bytes.length,
                Integer.MAX_VALUE, 1L << 31, (1L << 32) + real, 100_000_001L, Long.MAX_VALUE, Long.MIN_VALUE, -1,
                -real, random.nextLong(), random.nextInt(bytes.length)};
        long length = lengths[random.nextInt(lengths.length)];
        if (length == real) {
            length = real + 1;
        }
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
        return new Mutation("header length " + Long.toUnsignedString(length) + " instead of " + real, bytes,
                Expectation.rejected());
    }

    /** @return 8 + the header length of a valid file */
    static int dataStart(byte[] validFile) {
        return 8 + (int) ByteBuffer.wrap(validFile).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }
}
