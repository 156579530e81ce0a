package org.spinmon.dashboard.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grafana's dashboard-linter rules, re-implemented because its Go binary cannot be installed here
 * (ecosystem.md §5.3), plus spinmon's own rules for dashboard JSON (§5.2). {@link #check} returns one line per
 * problem, {@code rule: where: what}, and nothing for a clean dashboard. Rules:
 *
 * <ul>
 *   <li>{@code template-datasource-rule}: the first variable is {@code datasource}, type datasource, query
 *       prometheus; {@code panel-datasource-rule}: every panel and target uses {@code ${datasource}};</li>
 *   <li>{@code panel-title-description-rule}, {@code panel-units-rule}: title, description and unit;</li>
 *   <li>{@code target-rate-interval-rule}: {@code rate()}, {@code irate()}, {@code increase()} over
 *       {@code $__rate_interval}; {@code counter-rate-rule}: counters only inside those;</li>
 *   <li>{@code template-job-rule}, {@code template-instance-rule}: {@code job} and {@code instance} are
 *       multi-value query variables with All; {@code target-job-rule}, {@code target-instance-rule}: every
 *       selector matches them; {@code target-selector-rule}: and {@code run}, {@code mode} (and
 *       {@code layer} for per-layer metrics);</li>
 *   <li>{@code template-variables-rule}: the query variables {@code run}, {@code mode}, {@code layer} exist;
 *       {@code undefined-variable}: a query uses only defined variables and Grafana's globals;</li>
 *   <li>{@code metric-catalogue}: every metric queried is exposed by spinmon or recorded by a rule;</li>
 *   <li>{@code schema-version} (42), {@code uid}, {@code no-numeric-id}, {@code title},
 *       {@code panel-id-unique}, {@code grid-pos}, {@code repeat-variable}.</li>
 * </ul>
 *
 * PromQL validity ({@code template-label-promql-rule}, {@code target-promql-rule}) is left to promtool:
 * see {@code DashboardPromqlTest}.
 */
final class DashboardLint {

    static final String DATASOURCE_UID = "${datasource}";
    static final List<String> SELECTOR_VARIABLES = List.of("job", "instance", "run", "mode");
    private static final Set<String> GLOBALS = Set.of("__rate_interval", "__interval", "__interval_ms", "__range",
            "__range_s", "__range_ms");
    private static final Pattern METRIC = Pattern.compile(
            "(?<![A-Za-z0-9_:$.\"])(spinmon_[A-Za-z0-9_]+|[A-Za-z_][A-Za-z0-9_]*:[A-Za-z0-9_:]*)(\\s*\\{([^}]*)})?");
    private static final Pattern MATCHER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");
    private static final Pattern RANGE_FUNCTION = Pattern.compile("\\b(rate|irate|increase)\\s*\\(");
    private static final Pattern COUNTER_CALL = Pattern.compile("\\b(rate|irate|increase)\\s*\\(\\s*$");
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z0-9_]+)(?::[a-z]+)?}|([A-Za-z0-9_]+))");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)\\s*$");
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private final Set<String> known;
    private final Set<String> counters;

    /**
     * @param known    the metric names queries may use
     * @param counters those of them that only grow
     */
    DashboardLint(Set<String> known, Set<String> counters) {
        this.known = Set.copyOf(known);
        this.counters = Set.copyOf(counters);
    }

    /** @return a lint with spinmon's catalogue ({@link MetricCatalogue}) */
    static DashboardLint spinmon() {
        return new DashboardLint(MetricCatalogue.all(), MetricCatalogue.counters());
    }

    /** @return the problems of {@code dashboard}, empty when it is clean */
    List<String> check(JsonNode dashboard) {
        List<String> problems = new ArrayList<>();
        if (dashboard.path("schemaVersion").asInt(-1) != 42 || !dashboard.path("schemaVersion").isInt()) {
            problems.add("schema-version: dashboard: schemaVersion is " + dashboard.path("schemaVersion") + ", not 42");
        }
        if (!UID.matcher(dashboard.path("uid").asText("")).matches()) {
            problems.add("uid: dashboard: uid " + dashboard.path("uid") + " is not 1..40 of [A-Za-z0-9_-]");
        }
        if (dashboard.has("id") && !dashboard.get("id").isNull()) {
            problems.add("no-numeric-id: dashboard: has id " + dashboard.get("id") + " (provisioned dashboards use uid)");
        }
        if (dashboard.path("title").asText("").isBlank()) {
            problems.add("title: dashboard: no title");
        }
        Map<String, JsonNode> variables = checkVariables(dashboard, problems);
        checkPanels(dashboard, variables, problems);
        return problems;
    }

    private Map<String, JsonNode> checkVariables(JsonNode dashboard, List<String> problems) {
        JsonNode list = dashboard.path("templating").path("list");
        Map<String, JsonNode> variables = new HashMap<>();
        for (JsonNode v : list) {
            variables.put(v.path("name").asText(), v);
        }
        JsonNode first = list.path(0);
        if (!first.path("name").asText().equals("datasource") || !first.path("type").asText().equals("datasource")
                || !first.path("query").asText().equals("prometheus")) {
            problems.add("template-datasource-rule: templating: the first variable is not datasource (type"
                    + " datasource, query prometheus)");
        }
        for (String name : List.of("job", "instance")) {
            JsonNode v = variables.get(name);
            if (v == null || !isQueryVariable(v) || !v.path("multi").asBoolean() || !v.path("includeAll").asBoolean()) {
                problems.add("template-" + name + "-rule: templating: no multi-value query variable " + name
                        + " with All on ${datasource}");
            }
        }
        for (String name : List.of("run", "mode", "layer")) {
            JsonNode v = variables.get(name);
            if (v == null || !isQueryVariable(v)) {
                problems.add("template-variables-rule: templating: no query variable " + name + " on ${datasource}");
            }
        }
        for (JsonNode v : list) {
            if (!v.path("type").asText().equals("query")) {
                continue;
            }
            String where = "variable " + v.path("name").asText();
            Matcher m = LABEL_VALUES.matcher(v.path("query").asText());
            if (!m.matches()) {
                problems.add("template-label-promql-rule: " + where + ": query is not label_values(SELECTOR, LABEL)");
                continue;
            }
            checkNames(m.group(1), where, problems);
            checkVariableReferences(m.group(1), where, variables.keySet(), problems);
        }
        return variables;
    }

    private static boolean isQueryVariable(JsonNode v) {
        return v.path("type").asText().equals("query") && isDatasourceRef(v.path("datasource"));
    }

    private static boolean isDatasourceRef(JsonNode ref) {
        return ref.path("type").asText().equals("prometheus") && ref.path("uid").asText().equals(DATASOURCE_UID);
    }

    private void checkPanels(JsonNode dashboard, Map<String, JsonNode> variables, List<String> problems) {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels(dashboard)) {
            String where = "panel " + panel.path("id") + " \"" + panel.path("title").asText() + "\"";
            if (!panel.path("id").isInt() || !ids.add(panel.path("id").asInt())) {
                problems.add("panel-id-unique: " + where + ": id missing or not unique");
            }
            JsonNode grid = panel.path("gridPos");
            if (!grid.path("w").isInt() || !grid.path("h").isInt() || !grid.path("x").isInt() || !grid.path("y").isInt()
                    || grid.path("x").asInt() + grid.path("w").asInt() > 24) {
                problems.add("grid-pos: " + where + ": gridPos is not h, w, x, y within 24 columns");
            }
            if (panel.has("repeat")) {
                JsonNode v = variables.get(panel.path("repeat").asText());
                if (v == null || !(v.path("multi").asBoolean() || v.path("includeAll").asBoolean())) {
                    problems.add("repeat-variable: " + where + ": repeats by " + panel.path("repeat")
                            + ", not a multi-value variable");
                }
            }
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            if (!isDatasourceRef(panel.path("datasource"))) {
                problems.add("panel-datasource-rule: " + where + ": datasource is not ${datasource}");
            }
            if (panel.path("title").asText("").isBlank() || panel.path("description").asText("").isBlank()) {
                problems.add("panel-title-description-rule: " + where + ": title or description missing");
            }
            if (panel.path("fieldConfig").path("defaults").path("unit").asText("").isBlank()) {
                problems.add("panel-units-rule: " + where + ": no unit");
            }
            if (panel.path("targets").isEmpty()) {
                problems.add("target-promql-rule: " + where + ": no targets");
            }
            for (JsonNode target : panel.path("targets")) {
                String at = where + " target " + target.path("refId").asText();
                if (!isDatasourceRef(target.path("datasource"))) {
                    problems.add("panel-datasource-rule: " + at + ": datasource is not ${datasource}");
                }
                checkExpression(target.path("expr").asText(""), at, variables.keySet(), problems);
            }
        }
    }

    private void checkExpression(String expr, String where, Set<String> variables, List<String> problems) {
        if (expr.isBlank()) {
            problems.add("target-promql-rule: " + where + ": empty expr");
            return;
        }
        checkNames(expr, where, problems);
        checkVariableReferences(expr, where, variables, problems);
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            String name = m.group(1);
            Map<String, String> matchers = matchers(m.group(3) == null ? "" : m.group(3));
            for (String label : SELECTOR_VARIABLES) {
                if (!("=~\"$" + label + "\"").equals(matchers.get(label))) {
                    String rule = label.equals("job") || label.equals("instance") ? "target-" + label + "-rule"
                            : "target-selector-rule";
                    problems.add(rule + ": " + where + ": " + name + " lacks " + label + "=~\"$" + label + "\"");
                }
            }
            if (name.startsWith("spinmon_layer_") && !"=~\"$layer\"".equals(matchers.get("layer"))) {
                problems.add("target-selector-rule: " + where + ": " + name + " lacks layer=~\"$layer\"");
            }
            if (counters.contains(name) && !COUNTER_CALL.matcher(expr.substring(0, m.start())).find()) {
                problems.add("counter-rate-rule: " + where + ": counter " + name + " outside rate()/increase()");
            }
        }
        Matcher call = RANGE_FUNCTION.matcher(expr);
        while (call.find()) {
            String range = rangeOf(expr, call.end());
            if (!"$__rate_interval".equals(range)) {
                problems.add("target-rate-interval-rule: " + where + ": " + call.group(1) + "() over [" + range
                        + "], not [$__rate_interval]");
            }
        }
    }

    private void checkNames(String expr, String where, List<String> problems) {
        Set<String> names = metricNames(expr);
        if (names.isEmpty()) {
            problems.add("metric-catalogue: " + where + ": queries no spinmon metric");
        }
        for (String name : names) {
            if (!known.contains(name)) {
                problems.add("metric-catalogue: " + where + ": " + name + " is neither exposed nor recorded");
            }
        }
    }

    private static void checkVariableReferences(String expr, String where, Set<String> variables,
            List<String> problems) {
        Matcher m = VARIABLE.matcher(expr);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            if (!variables.contains(name) && !GLOBALS.contains(name)) {
                problems.add("undefined-variable: " + where + ": $" + name);
            }
        }
    }

    /** @return the range {@code [...]} of the range function whose argument list starts at {@code from} */
    private static String rangeOf(String expr, int from) {
        int depth = 0;
        for (int i = from; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return "";
                }
                depth--;
            } else if (c == '[' && depth == 0) {
                int end = expr.indexOf(']', i);
                return end < 0 ? "" : expr.substring(i + 1, end);
            }
        }
        return "";
    }

    private static Map<String, String> matchers(String body) {
        Map<String, String> matchers = new HashMap<>();
        Matcher m = MATCHER.matcher(body);
        while (m.find()) {
            matchers.put(m.group(1), m.group(2) + "\"" + m.group(3) + "\"");
        }
        return matchers;
    }

    /** @return the metric names (spinmon series and recording rules) that {@code expr} queries */
    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** @return every panel, those nested in collapsed rows included */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** @return the PromQL of every target, in panel order */
    static List<String> expressions(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText());
            }
        }
        return exprs;
    }

    /** @return the selectors of the {@code label_values(SELECTOR, LABEL)} query variables */
    static List<String> variableSelectors(JsonNode dashboard) {
        List<String> selectors = new ArrayList<>();
        for (JsonNode v : dashboard.path("templating").path("list")) {
            Matcher m = LABEL_VALUES.matcher(v.path("query").asText());
            if (v.path("type").asText().equals("query") && m.matches()) {
                selectors.add(m.group(1));
            }
        }
        return selectors;
    }
}
