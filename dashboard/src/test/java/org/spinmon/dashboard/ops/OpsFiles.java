package org.spinmon.dashboard.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's operations files (Prometheus, Grafana, compose), found through the system property
 * {@code spinmon.root} that the root POM gives every test, and read with Jackson (YAML and JSON).
 */
final class OpsFiles {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private OpsFiles() {
    }

    /** @return the repository root */
    static Path root() {
        String root = System.getProperty("spinmon.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property spinmon.root is not set (the root pom.xml sets it)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** @return {@code relative} resolved against the repository root */
    static Path file(String relative) {
        return root().resolve(relative);
    }

    /** @return the files of {@code dir} (relative to the root) whose names end in {@code suffix}, sorted */
    static List<Path> list(String dir, String suffix) {
        try (Stream<Path> files = Files.list(file(dir))) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the dashboards, {@code grafana/dashboards/*.json} */
    static List<Path> dashboards() {
        return list("grafana/dashboards", ".json");
    }

    /** @return the rule files, {@code prometheus/rules/*.yml} */
    static List<Path> ruleFiles() {
        return list("prometheus/rules", ".yml");
    }

    /** @return the rule test files, {@code prometheus/tests/*.yml} */
    static List<Path> ruleTestFiles() {
        return list("prometheus/tests", ".yml");
    }
}
