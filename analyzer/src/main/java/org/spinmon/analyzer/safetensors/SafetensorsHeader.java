package org.spinmon.analyzer.safetensors;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated safetensors header: every tensor's byte span lies inside the data section, the spans are
 * disjoint and cover it exactly, and every shape matches its span.
 *
 * @param file      the file it was read from
 * @param tensors   the tensors in data-offset order
 * @param metadata  the {@code __metadata__} string map (empty when absent)
 * @param dataStart the file offset of the data section, 8 + header length
 */
public record SafetensorsHeader(Path file, List<TensorInfo> tensors, Map<String, String> metadata, long dataStart) {

    /** Copies the collections in. */
    public SafetensorsHeader {
        tensors = List.copyOf(tensors);
        metadata = Map.copyOf(metadata);
    }

    /** @return the tensor named {@code name}, if present */
    public Optional<TensorInfo> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
