package org.spinmon.dashboard.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The dashboards of {@code grafana/dashboards} pass {@link DashboardLint}, and the lint catches what it should. */
class DashboardLintTest {

    static List<Path> dashboards() {
        return OpsFiles.dashboards();
    }

    @Test
    void bothDashboardsArePresent() {
        assertEquals(List.of("spinmon-layers.json", "spinmon-overview.json"),
                dashboards().stream().map(p -> p.getFileName().toString()).toList());
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void dashboardIsClean(Path file) {
        List<String> problems = DashboardLint.spinmon().check(OpsFiles.json(file));
        assertEquals(List.of(), problems, file + " has lint problems");
    }

    @Test
    void uidsAndTitlesAreUnique() {
        Set<String> uids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (Path file : dashboards()) {
            JsonNode d = OpsFiles.json(file);
            assertTrue(uids.add(d.path("uid").asText()), "uid repeated: " + file);
            assertTrue(titles.add(d.path("title").asText()), "title repeated: " + file);
            assertEquals(d.path("uid").asText() + ".json", file.getFileName().toString(), "file named after its uid");
        }
    }

    /** The overview shows what the live page will: the spin model, per-layer spectra, training, stream health. */
    @Test
    void overviewQueriesTheLivePagesMetrics() {
        JsonNode overview = OpsFiles.json(OpsFiles.file("grafana/dashboards/spinmon-overview.json"));
        Set<String> queried = new TreeSet<>();
        DashboardLint.expressions(overview).forEach(e -> queried.addAll(DashboardLint.metricNames(e)));
        Set<String> expected = Set.of("spinmon_tc_melt", "spinmon_t_sg", "spinmon_tc_order", "spinmon_tc_init_theory",
                "spinmon_phase", "spinmon_lambda_max_j", "spinmon_outliers_j", "spinmon_lambda_j",
                "spinmon_tap_states", "spinmon_tap_q", "spinmon_layer_sigma_max", "spinmon_layer_stable_rank",
                "spinmon_layer_hill_alpha", "spinmon_layer_rel_change_from_init", "spinmon_training_loss",
                "spinmon_training_accuracy", "spinmon_snapshots_emitted_total", "spinmon_snapshots_analyzed_total",
                "spinmon_snapshots_dropped_total", "spinmon_analysis_seconds_sum", "spinmon_analysis_seconds_count");
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(queried);
        assertEquals(Set.of(), missing, "overview lacks panels for these metrics");
    }

    /** The layers dashboard repeats a row per layer, and every query in it selects that layer. */
    @Test
    void layersDashboardRepeatsPerLayer() {
        JsonNode layers = OpsFiles.json(OpsFiles.file("grafana/dashboards/spinmon-layers.json"));
        JsonNode first = layers.path("panels").path(0);
        assertEquals("row", first.path("type").asText());
        assertEquals("layer", first.path("repeat").asText());
        Map<String, List<String>> rows = new LinkedHashMap<>();
        String row = first.path("title").asText();
        for (JsonNode panel : layers.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                row = panel.path("title").asText();
            }
            for (JsonNode target : panel.path("targets")) {
                rows.computeIfAbsent(row, r -> new ArrayList<>()).add(target.path("expr").asText());
            }
        }
        assertEquals(List.of("Layer $layer", "WeightWatcher summary",
                "Freezing profile and layer kernels (landscape-and-kernels.md)", "Input landscape (Hanin-Winer)"),
                List.copyOf(rows.keySet()));
        List<String> repeated = rows.get("Layer $layer");
        assertEquals(10, repeated.size(), "5 spin-model and 5 WeightWatcher series per layer: " + repeated);
        for (String expr : repeated) {
            assertTrue(expr.startsWith("spinmon_layer_") && expr.contains("layer=~\"$layer\""), expr);
        }
        List<String> summary = rows.get("WeightWatcher summary");
        assertEquals(5, summary.size(), summary.toString());
        for (String expr : summary) {
            assertTrue(expr.startsWith("spinmon_ww_mean_") && !expr.contains("$layer"), expr);
        }
        for (String expr : rows.get("Freezing profile and layer kernels (landscape-and-kernels.md)")) {
            assertTrue(expr.startsWith("spinmon_layer_") == expr.contains("layer=~\"$layer\""), expr);
        }
        for (String expr : rows.get("Input landscape (Hanin-Winer)")) {
            assertTrue(expr.startsWith("spinmon_input_"), expr);
        }
    }

    static Stream<Arguments> breakages() {
        return Stream.of(
                breakage("schema-version", d -> d.put("schemaVersion", 41)),
                breakage("uid", d -> d.remove("uid")),
                breakage("no-numeric-id", d -> d.put("id", 7)),
                breakage("template-datasource-rule", d -> variables(d).remove(0)),
                breakage("template-job-rule", d -> variable(d, "job").put("multi", false)),
                breakage("template-instance-rule", d -> variables(d).remove(2)),
                breakage("template-variables-rule", d -> variables(d).remove(5)),
                breakage("panel-datasource-rule", d -> panel(d).put("datasource", OpsFiles.JSON.createObjectNode()
                        .put("type", "prometheus").put("uid", "spinmon-prometheus"))),
                breakage("panel-datasource-rule", d -> target(d).remove("datasource")),
                breakage("panel-title-description-rule", d -> panel(d).put("description", " ")),
                breakage("panel-units-rule", d -> ((ObjectNode) panel(d).path("fieldConfig").path("defaults"))
                        .remove("unit")),
                breakage("target-rate-interval-rule", d -> expr(d,
                        "rate(spinmon_snapshots_emitted_total{" + selector() + "}[5m])")),
                breakage("counter-rate-rule", d -> expr(d, "spinmon_snapshots_emitted_total{" + selector() + "}")),
                breakage("target-job-rule", d -> expr(d, "spinmon_tc_melt{instance=~\"$instance\", run=~\"$run\","
                        + " mode=~\"$mode\"}")),
                breakage("target-instance-rule", d -> expr(d, "spinmon_tc_melt{job=~\"$job\", run=~\"$run\","
                        + " mode=~\"$mode\"}")),
                breakage("target-selector-rule", d -> expr(d, "spinmon_layer_sigma_max{" + selector() + "}")),
                breakage("metric-catalogue", d -> expr(d, "spinmon_layer_gamma{" + selector()
                        + ", layer=~\"$layer\"}")),
                breakage("undefined-variable", d -> expr(d, "spinmon_tc_melt{" + selector() + ", k=~\"$k\"}")),
                breakage("panel-id-unique", d -> panel(d).put("id", 1)),
                breakage("grid-pos", d -> ((ObjectNode) panel(d).path("gridPos")).put("x", 20)),
                breakage("repeat-variable", d -> ((ObjectNode) d.path("panels").path(0)).put("repeat", "nothing")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void lintCatchesBreakage(String rule, Consumer<ObjectNode> breakage) {
        ObjectNode overview = (ObjectNode) OpsFiles.json(OpsFiles.file("grafana/dashboards/spinmon-overview.json"));
        breakage.accept(overview);
        List<String> problems = DashboardLint.spinmon().check(overview);
        List<String> rules = new ArrayList<>();
        problems.forEach(p -> rules.add(p.substring(0, p.indexOf(':'))));
        assertTrue(rules.contains(rule), "expected " + rule + " in " + problems);
    }

    @Test
    void metricNamesAreFoundInExpressions() {
        assertEquals(Set.of("spinmon_analysis_seconds_sum", "run:spinmon_snapshots_backlog:sum"),
                DashboardLint.metricNames("rate(spinmon_analysis_seconds_sum{instance=~\"a:9464\"}[5m:1m])"
                        + " + on (run) run:spinmon_snapshots_backlog:sum"));
        assertFalse(DashboardLint.metricNames("label_values(spinmon_tc_melt, run)").contains("run"));
    }

    private static Arguments breakage(String rule, Consumer<ObjectNode> breakage) {
        return Arguments.of(rule, breakage);
    }

    private static String selector() {
        return "job=~\"$job\", instance=~\"$instance\", run=~\"$run\", mode=~\"$mode\"";
    }

    private static ArrayNode variables(ObjectNode d) {
        return (ArrayNode) d.path("templating").path("list");
    }

    private static ObjectNode variable(ObjectNode d, String name) {
        for (JsonNode v : variables(d)) {
            if (v.path("name").asText().equals(name)) {
                return (ObjectNode) v;
            }
        }
        throw new AssertionError("no variable " + name);
    }

    /** @return the first panel that is not a row */
    private static ObjectNode panel(ObjectNode d) {
        return (ObjectNode) d.path("panels").path(1);
    }

    private static ObjectNode target(ObjectNode d) {
        return (ObjectNode) panel(d).path("targets").path(0);
    }

    private static void expr(ObjectNode d, String expr) {
        target(d).put("expr", expr);
    }
}
