package org.spinmon.dashboard.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards validate against the JSON schema of Grafana's dashboard model, generated from the npm package
 * {@code @grafana/schema} by {@code ts-json-schema-generator} and checked with {@code ajv}
 * ({@code grafana/schema-check}, versions pinned by its package-lock.json). The packages are installed with
 * {@code npm ci} into {@code dashboard/target/grafana-schema-check}: from npm's cache when it has them
 * (offline), else from the registry. A missing node or npm fails the test ({@code .ci/run} installs npm).
 */
@Tag("npm")
class DashboardSchemaTest {

    private static final String[] FILES = {"package.json", "package-lock.json", "validate.js"};
    private static Path checker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void install() throws Exception {
        checker = OpsFiles.file("dashboard/target/grafana-schema-check");
        Files.createDirectories(checker);
        for (String name : FILES) {
            Files.copy(OpsFiles.file("grafana/schema-check/" + name), checker.resolve(name),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Tool.Result result = Tool.run(checker, 300, "npm", "ci", "--prefer-offline", "--no-audit", "--no-fund",
                "--loglevel=error");
        assertEquals(0, result.exit(), "npm ci in " + checker + " failed:\n" + result.output());
    }

    @Test
    void dashboardsMatchGrafanasSchema() throws Exception {
        List<Path> dashboards = OpsFiles.dashboards();
        Tool.Result result = validate(dashboards);
        assertEquals(0, result.exit(), result.output());
        for (Path d : dashboards) {
            assertTrue(result.output().contains("valid: " + d), result.output());
        }
    }

    /** The schema is strict enough to catch a wrong type, a missing required field and an unknown field. */
    @Test
    void schemaRejectsBrokenDashboards() throws Exception {
        Path overview = OpsFiles.file("grafana/dashboards/spinmon-overview.json");
        List<Path> broken = new ArrayList<>();
        broken.add(write("type.json", overview, d -> d.put("schemaVersion", "42")));
        broken.add(write("required.json", overview,
                d -> ((ObjectNode) d.path("panels").path(1).path("fieldConfig")).remove("overrides")));
        broken.add(write("unknown.json", overview, d -> ((ObjectNode) d.path("templating").path("list").path(1))
                .put("definition", "label_values(spinmon_training_step, job)")));
        Tool.Result result = validate(broken);
        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("invalid: " + broken.get(0) + ": /schemaVersion must be number"),
                result.output());
        assertTrue(result.output().contains("must have required property 'overrides'"), result.output());
        assertTrue(result.output().contains("\"additionalProperty\":\"definition\""), result.output());
    }

    /** The compose file runs the Grafana release whose schema the dashboards are validated against. */
    @Test
    void composeGrafanaMatchesTheSchemaVersion() {
        String version = OpsFiles.json(OpsFiles.file("grafana/schema-check/package.json"))
                .path("dependencies").path("@grafana/schema").asText();
        String image = OpsFiles.yaml(OpsFiles.file("docker-compose.yml")).path("services").path("grafana")
                .path("image").asText();
        assertEquals("grafana/grafana:" + version, image);
    }

    private Path write(String name, Path source, Consumer<ObjectNode> change) throws IOException {
        ObjectNode d = (ObjectNode) OpsFiles.json(source);
        change.accept(d);
        Path file = tmp.resolve(name);
        OpsFiles.JSON.writeValue(file.toFile(), d);
        return file;
    }

    private static Tool.Result validate(List<Path> files) throws Exception {
        List<String> args = new ArrayList<>(List.of("validate.js"));
        files.forEach(f -> args.add(f.toString()));
        return Tool.run(checker, 120, "node", args.toArray(String[]::new));
    }
}
