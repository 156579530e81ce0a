package org.spinmon.dashboard.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus files: the configurations and rules pass promtool 2.42 ({@code check config},
 * {@code check rules}), the rule unit tests pass ({@code test rules}) and cover every alert firing and silent
 * and every recording rule, and each alert carries severity, summary, description and a runbook in the README.
 */
@Tag("promtool")
class PrometheusRulesTest {

    private static final Pattern RECORD_NAME = Pattern.compile("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+");
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    @Test
    void rulesPassPromtoolCheck() throws Exception {
        List<Path> files = OpsFiles.ruleFiles();
        assertFalse(files.isEmpty());
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        files.forEach(f -> args.add(f.toString()));
        Tool.Result result = Tool.promtool(args.toArray(String[]::new));
        assertEquals(0, result.exit(), result.output());
        assertEquals(files.size(), result.output().split("SUCCESS", -1).length - 1, result.output());
    }

    @Test
    void ruleUnitTestsPass() throws Exception {
        List<Path> files = OpsFiles.ruleTestFiles();
        assertFalse(files.isEmpty());
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        files.forEach(f -> args.add(f.toString()));
        Tool.Result result = Tool.promtool(args.toArray(String[]::new));
        assertEquals(0, result.exit(), result.output());
        assertFalse(result.output().contains("FAILED"), result.output());
    }

    /** Both configurations are valid and load every rule file (promtool checks the rules it finds). */
    @Test
    void configurationsPassPromtoolCheck() throws Exception {
        for (String config : List.of("prometheus/prometheus.yml", "prometheus/prometheus.compose.yml")) {
            Tool.Result result = Tool.promtool("check", "config", OpsFiles.file(config).toString());
            assertEquals(0, result.exit(), result.output());
            assertTrue(result.output().contains("SUCCESS: " + OpsFiles.ruleFiles().size() + " rule files found"),
                    result.output());
        }
    }

    /** Local and compose configurations differ only in the scrape target. */
    @Test
    void configurationsScrapeSpinmon() {
        JsonNode local = OpsFiles.yaml(OpsFiles.file("prometheus/prometheus.yml"));
        JsonNode compose = OpsFiles.yaml(OpsFiles.file("prometheus/prometheus.compose.yml"));
        assertEquals("127.0.0.1:9464", target(local));
        assertEquals("spinmon:9464", target(compose));
        for (JsonNode config : List.of(local, compose)) {
            assertEquals("spinmon", config.path("scrape_configs").path(0).path("job_name").asText());
            assertEquals("rules/*.yml", config.path("rule_files").path(0).asText());
        }
        assertEquals(local.path("global"), compose.path("global"));
    }

    private static String target(JsonNode config) {
        JsonNode jobs = config.path("scrape_configs");
        assertEquals(1, jobs.size());
        return jobs.path(0).path("static_configs").path(0).path("targets").path(0).asText();
    }

    @Test
    void alertsHaveSeveritySummaryDescriptionAndRunbook() throws Exception {
        String readme = Files.readString(OpsFiles.file("README.md"));
        Map<String, JsonNode> alerts = alerts();
        assertTrue(alerts.size() >= 10, "alerts: " + alerts.keySet());
        for (Map.Entry<String, JsonNode> e : alerts.entrySet()) {
            String name = e.getKey();
            JsonNode rule = e.getValue();
            assertTrue(name.matches("Spinmon[A-Z][A-Za-z]+"), name);
            assertTrue(SEVERITIES.contains(rule.path("labels").path("severity").asText()), name + " severity");
            JsonNode annotations = rule.path("annotations");
            assertEquals(Set.of("summary", "description", "runbook_url"), fieldNames(annotations), name);
            assertFalse(annotations.path("summary").asText().isBlank(), name);
            assertFalse(annotations.path("description").asText().isBlank(), name);
            assertEquals("README.md#" + name.toLowerCase(), annotations.path("runbook_url").asText(), name);
            assertTrue(readme.contains("\n#### " + name + "\n"), "README has no runbook heading #### " + name);
        }
    }

    @Test
    void recordingRulesAreNamedLevelMetricOperationsAndAggregateWithout() {
        Set<String> recorded = MetricCatalogue.recorded();
        assertTrue(recorded.size() >= 5, recorded.toString());
        for (JsonNode rule : rules()) {
            if (!rule.has("record")) {
                continue;
            }
            String name = rule.path("record").asText();
            String expr = rule.path("expr").asText();
            assertTrue(RECORD_NAME.matcher(name).matches(), name);
            assertTrue(expr.contains(" without ("), name + " aggregates with without (...)");
            assertFalse(expr.matches("(?s).*\\bby\\s*\\(.*"), name + " aggregates with by (...)");
            for (String metric : DashboardLint.metricNames(expr)) {
                assertTrue(MetricCatalogue.exposed().contains(metric), name + " uses unknown " + metric);
            }
        }
    }

    /** Every alert has a unit test case where it fires and one where it stays silent. */
    @Test
    void everyAlertIsTestedFiringAndSilent() {
        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        Set<String> exprTested = new TreeSet<>();
        for (Path file : OpsFiles.ruleTestFiles()) {
            for (JsonNode test : OpsFiles.yaml(file).path("tests")) {
                for (JsonNode t : test.path("alert_rule_test")) {
                    (t.path("exp_alerts").isEmpty() ? silent : firing).add(t.path("alertname").asText());
                }
                for (JsonNode t : test.path("promql_expr_test")) {
                    exprTested.add(t.path("expr").asText());
                }
            }
        }
        Set<String> alerts = alerts().keySet();
        assertEquals(alerts, firing, "alerts with a firing case");
        assertEquals(alerts, silent, "alerts with a silent case");
        assertEquals(MetricCatalogue.recorded(), exprTested, "recording rules with a value test");
    }

    /** Alerts use only series spinmon exposes (the Prometheus 2.42 subset itself is promtool's to check). */
    @Test
    void alertsQueryExposedSeries() {
        for (JsonNode rule : alerts().values()) {
            Set<String> names = DashboardLint.metricNames(rule.path("expr").asText());
            assertFalse(names.isEmpty(), rule.toString());
            for (String name : names) {
                assertTrue(MetricCatalogue.all().contains(name), rule.path("alert").asText() + " uses " + name);
            }
        }
    }

    private static List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        for (Path file : OpsFiles.ruleFiles()) {
            for (JsonNode group : OpsFiles.yaml(file).path("groups")) {
                group.path("rules").forEach(rules::add);
            }
        }
        return rules;
    }

    private static Map<String, JsonNode> alerts() {
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        for (JsonNode rule : rules()) {
            if (rule.has("alert")) {
                assertTrue(alerts.put(rule.path("alert").asText(), rule) == null, "alert repeated: " + rule);
            }
        }
        return alerts;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
