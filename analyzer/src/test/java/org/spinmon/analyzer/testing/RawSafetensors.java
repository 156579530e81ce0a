package org.spinmon.analyzer.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds safetensors bytes by hand, header text and data verbatim, to craft valid and broken files. */
public final class RawSafetensors {

    private RawSafetensors() {
    }

    /** The bytes of a file with the given header JSON (UTF-8) and data section. */
    public static byte[] bytes(String header, byte[] data) {
        return bytes(header.getBytes(StandardCharsets.UTF_8), data);
    }

    /** The bytes of a file with the given raw header bytes and data section. */
    public static byte[] bytes(byte[] header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** Writes {@link #bytes(String, byte[])} to {@code file}. */
    public static Path write(Path file, String header, byte[] data) throws IOException {
        return Files.write(file, bytes(header, data));
    }

    /** Little-endian bytes of 16-bit values. */
    public static byte[] shorts(int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    /** Little-endian bytes of float32 values. */
    public static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** Little-endian bytes of float64 values. */
    public static byte[] doubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    /** The metadata of a valid one-layer snapshot, as a JSON object body (without braces). */
    public static String snapshotMetadata(String activations) {
        return "\"__metadata__\":{\"format_version\":\"1\",\"run\":\"r1\",\"step\":\"3\",\"epoch\":\"0.5\","
                + "\"loss\":\"1.25\",\"accuracy\":\"NaN\",\"time\":\"2026-11-23T00:00:00Z\",\"activations\":\""
                + activations + "\",\"layer_names\":\"" + activations.replaceAll("[^,]+", "x") + "\"}";
    }
}
