package org.spinmon.analyzer.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.spinmon.analyzer.files.AtomicFiles;

/**
 * Writes safetensors files atomically ({@link AtomicFiles}): tensors in the given order, contiguous, in one
 * element type (F32, spinmon's default and what trainers hold, or F64), with string metadata. The header is
 * padded with spaces to a multiple of 8 bytes so that the data section is aligned, as the reference writer
 * does. Values are rounded to the element type (float64 → float32 by round-to-nearest).
 */
public final class SafetensorsWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHUNK = 1 << 16;

    private SafetensorsWriter() {
    }

    /**
     * Writes {@code tensors} and {@code metadata} to {@code target}, replacing it atomically.
     *
     * @throws IllegalArgumentException if {@code dtype} is not writable or two tensors share a name
     * @throws IOException              if the file cannot be written; {@code target} is then unchanged
     */
    public static void write(Path target, List<Tensor> tensors, Map<String, String> metadata, DType dtype)
            throws IOException {
        Objects.requireNonNull(target, "target");
        if (!dtype.writable()) {
            throw new IllegalArgumentException("spinmon writes F32 or F64, not " + dtype);
        }
        byte[] header = header(tensors, metadata, dtype);
        AtomicFiles.write(target, channel -> {
            ByteBuffer prefix = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(header.length).put(header).flip();
            AtomicFiles.writeFully(channel, prefix);
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor tensor : tensors) {
                writeValues(channel, tensor.values(), dtype, chunk);
            }
        });
    }

    private static byte[] header(List<Tensor> tensors, Map<String, String> metadata, DType dtype) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (Tensor tensor : tensors) {
            if (tensor.name().equals("__metadata__") || !names.add(tensor.name())) {
                throw new IllegalArgumentException("tensor name " + tensor.name() + " is reserved or used twice");
            }
            long span = (long) tensor.values().length * dtype.size();
            ObjectNode entry = root.putObject(tensor.name());
            entry.put("dtype", dtype.name());
            ArrayNode shape = entry.putArray("shape");
            for (int d : tensor.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + span);
            offset += span;
        }
        try {
            byte[] json = JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
            int padded = (json.length + 7) / 8 * 8;
            byte[] header = new byte[padded];
            System.arraycopy(json, 0, header, 0, json.length);
            Arrays.fill(header, json.length, padded, (byte) ' ');
            return header;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a header tree", e);
        }
    }

    private static void writeValues(FileChannel channel, double[] values, DType dtype, ByteBuffer chunk)
            throws IOException {
        int perChunk = CHUNK / dtype.size();
        for (int start = 0; start < values.length; start += perChunk) {
            chunk.clear();
            int end = Math.min(values.length, start + perChunk);
            for (int k = start; k < end; k++) {
                dtype.write(chunk, values[k]);
            }
            AtomicFiles.writeFully(channel, chunk.flip());
        }
    }
}
