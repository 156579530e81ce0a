package org.spinmon.analyzer.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spinmon.analyzer.snapshot.Snapshot;

/**
 * The manifest of a run, {@code runs/<run-id>/run.json}: what was trained, how, with which seeds and by
 * which spinmon, so that a run can be understood and re-created from its directory alone.
 *
 * @param formatVersion  the manifest format version, {@value RunDirectory#FORMAT_VERSION}
 * @param runId          the run's id (also its directory name)
 * @param created        when the run started
 * @param spinmonVersion the spinmon version that wrote it
 * @param architecture   the network: spin-layer widths and per-layer activations
 * @param seeds          every seed used, by purpose (for example {@code "init"}, {@code "shuffle"})
 * @param config         the remaining configuration (optimizer, learning rate, batch size, schedule …) as
 *                       plain JSON values; free-form so that trainers can record everything they use
 */
public record RunManifest(
        @JsonProperty(value = "format_version", required = true) int formatVersion,
        @JsonProperty(value = "run", required = true) String runId,
        @JsonProperty(value = "created", required = true) Instant created,
        @JsonProperty(value = "spinmon_version", required = true) String spinmonVersion,
        @JsonProperty(value = "architecture", required = true) Architecture architecture,
        @JsonProperty(value = "seeds", required = true) Map<String, Long> seeds,
        @JsonProperty(value = "config", required = true) Map<String, Object> config) {

    /** Validates and copies the collections in; config values may be JSON null. */
    public RunManifest {
        Snapshot.checkRunId(present(runId, "run"));
        present(created, "created");
        present(spinmonVersion, "spinmon_version");
        present(architecture, "architecture");
        present(seeds, "seeds").forEach((purpose, seed) -> present(seed, "seeds." + purpose));
        seeds = Map.copyOf(seeds);
        config = Collections.unmodifiableMap(new LinkedHashMap<>(present(config, "config")));
    }

    private static <T> T present(T value, String key) {
        if (value == null) {
            throw new IllegalArgumentException(key + " must not be null");
        }
        return value;
    }

    /**
     * The network's shape.
     *
     * @param widths      the spin-layer widths N_0 … N_L (input first), each ≥ 1, at most {@value #MAX_LAYERS}
     * @param activations the L activation names, one per weight matrix
     * @param bias        whether the layers carry biases
     */
    public record Architecture(
            @JsonProperty(value = "widths", required = true) List<Integer> widths,
            @JsonProperty(value = "activations", required = true) List<String> activations,
            @JsonProperty(value = "bias", required = true) boolean bias) {

        /** The most spin layers a manifest may name. */
        public static final int MAX_LAYERS = 1000;

        /** Validates that there is one activation per weight matrix. */
        public Architecture {
            present(widths, "architecture.widths");
            present(activations, "architecture.activations");
            if (widths.stream().anyMatch(Objects::isNull) || activations.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("widths and activations must not hold null");
            }
            widths = List.copyOf(widths);
            activations = List.copyOf(activations);
            if (widths.size() > MAX_LAYERS) {
                throw new IllegalArgumentException("widths must name at most " + MAX_LAYERS + " layers, named "
                        + widths.size());
            }
            if (widths.size() < 2 || widths.stream().anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("widths must name at least two layers, each >= 1: " + widths);
            }
            if (activations.size() != widths.size() - 1) {
                throw new IllegalArgumentException(activations.size() + " activations for " + (widths.size() - 1)
                        + " weight matrices");
            }
        }
    }
}
