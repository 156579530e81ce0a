package org.spinmon.analyzer.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A safetensors file taken apart for mutation: the header as an editable JSON tree (key order kept) and the data
 * section as bytes. {@link #toBytes()} puts it back together as the writer does (compact JSON padded with spaces
 * to a multiple of 8, the 8-byte little-endian length in front); {@link #parts()} and {@link #assemble} give the
 * tensor-level view, where offsets are recomputed from the payloads.
 */
public final class SafetensorsImage {

    /** The key of the string metadata in a safetensors header. */
    public static final String METADATA = "__metadata__";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectNode header;
    private final byte[] data;

    private SafetensorsImage(ObjectNode header, byte[] data) {
        this.header = header;
        this.data = data;
    }

    /** Takes a valid file apart. */
    public static SafetensorsImage parse(byte[] file) {
        long length = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        try {
            ObjectNode header = (ObjectNode) JSON.readTree(new String(file, 8, (int) length, StandardCharsets.UTF_8));
            return new SafetensorsImage(header, Arrays.copyOfRange(file, 8 + (int) length, file.length));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid seed file", e);
        }
    }

    /** @return the header tree itself (mutations edit it in place) */
    public ObjectNode header() {
        return header;
    }

    /** @return a copy of the data section */
    public byte[] data() {
        return data.clone();
    }

    /** @return the data section's length in bytes */
    public int dataLength() {
        return data.length;
    }

    /** @return the tensor names in header order */
    public List<String> tensorNames() {
        List<String> names = new ArrayList<>();
        header.fieldNames().forEachRemaining(n -> {
            if (!n.equals(METADATA)) {
                names.add(n);
            }
        });
        return names;
    }

    /** @return the tensor names in data-offset order */
    public List<String> tensorsByOffset() {
        List<String> names = tensorNames();
        names.sort(Comparator.comparingLong(this::begin));
        return names;
    }

    /** @return the header entry of tensor {@code name} */
    public ObjectNode entry(String name) {
        return (ObjectNode) header.get(name);
    }

    /** @return the metadata object (present in every seed) */
    public ObjectNode metadata() {
        return (ObjectNode) header.get(METADATA);
    }

    /** @return the first byte of tensor {@code name} in the data section */
    public long begin(String name) {
        return entry(name).get("data_offsets").get(0).longValue();
    }

    /** @return one past the last byte of tensor {@code name} in the data section */
    public long end(String name) {
        return entry(name).get("data_offsets").get(1).longValue();
    }

    /** @return tensor {@code name}'s dtype name */
    public String dtype(String name) {
        return entry(name).get("dtype").textValue();
    }

    /** @return tensor {@code name}'s shape */
    public int[] shape(String name) {
        JsonNode shape = entry(name).get("shape");
        int[] dims = new int[shape.size()];
        for (int k = 0; k < dims.length; k++) {
            dims[k] = shape.get(k).intValue();
        }
        return dims;
    }

    /** @return the header as compact JSON, without padding */
    public String headerText() {
        try {
            return JSON.writeValueAsString(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the whole file, header padded with spaces to a multiple of 8 */
    public byte[] toBytes() {
        byte[] json = headerText().getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return file(padded, data);
    }

    /** @return a file of exactly this header text (UTF-8, no padding) and data section */
    public static byte[] file(String headerText, byte[] data) {
        return file(headerText.getBytes(StandardCharsets.UTF_8), data);
    }

    /** @return a file of exactly these header bytes and data section, with the true header length in front */
    public static byte[] file(byte[] header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + header.length + data.length);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** @return this image with a replaced data section (the header unchanged) */
    public SafetensorsImage withData(byte[] newData) {
        return new SafetensorsImage(header.deepCopy(), newData.clone());
    }

    /**
     * One tensor as an entry and its bytes.
     *
     * @param name    the tensor's name
     * @param entry   its header entry (dtype and shape are used as they are; the offsets are recomputed)
     * @param payload its bytes
     */
    public record Part(String name, ObjectNode entry, byte[] payload) {
    }

    /** @return the tensors in data-offset order, each entry a copy */
    public List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        for (String name : tensorsByOffset()) {
            parts.add(new Part(name, entry(name).deepCopy(),
                    Arrays.copyOfRange(data, (int) begin(name), (int) end(name))));
        }
        return parts;
    }

    /**
     * Lays {@code parts} out contiguously in the given order, with {@code metadata} (or none when {@code null})
     * first in the header, as the writer does.
     */
    public static SafetensorsImage assemble(JsonNode metadata, List<Part> parts) {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null) {
            header.set(METADATA, metadata.deepCopy());
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Part p : parts) {
            ObjectNode entry = p.entry().deepCopy();
            entry.putArray("data_offsets").add(data.size()).add(data.size() + p.payload().length);
            header.set(p.name(), entry);
            data.writeBytes(p.payload());
        }
        return new SafetensorsImage(header, data.toByteArray());
    }

    /** @return a JSON tree parsed from {@code text} (for mutations that splice JSON values) */
    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** @return the shared mapper, for building nodes */
    public static JsonMapper mapper() {
        return JSON;
    }
}
