package org.spinmon.dashboard.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PromQL expression of the dashboards (targets and the selectors of label_values variables) is valid
 * for promtool: Grafana's variables are substituted ({@code $__rate_interval} → 5m, {@code $__interval} → 1m,
 * a variable inside a quoted matcher value → {@code .*}), each expression becomes a recording rule of a
 * throw-away file, and {@code promtool check rules} must accept it (ecosystem.md §5.3).
 */
@Tag("promtool")
class DashboardPromqlTest {

    @TempDir
    Path tmp;

    /** @return {@code expr} with Grafana's variables replaced by what promtool can parse */
    static String substitute(String expr) {
        String s = expr.replace("$__rate_interval", "5m").replace("$__interval", "1m");
        s = s.replaceAll("\"([^\"]*)\"", "\u0000$1\u0000");
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (String part : s.split("\u0000", -1)) {
            out.append(quoted ? "\"" + part.replaceAll("\\$(\\{[A-Za-z0-9_:]+}|[A-Za-z0-9_]+)", ".*") + "\"" : part);
            quoted = !quoted;
        }
        String result = out.toString();
        if (result.contains("$")) {
            throw new IllegalArgumentException("a variable outside a quoted matcher value: " + expr);
        }
        return result;
    }

    @Test
    void substitutionReplacesIntervalsAndVariables() {
        assertEquals("rate(x{job=~\".*\", run=~\".*\", k=\"1\"}[5m]) / increase(y[1m])",
                substitute("rate(x{job=~\"$job\", run=~\"${run}\", k=\"1\"}[$__rate_interval]) / increase(y[$__interval])"));
        assertEquals("x{a=~\"p.*q\"}", substitute("x{a=~\"p${v:regex}q\"}"));
    }

    @Test
    void everyDashboardExpressionPassesPromtool() throws Exception {
        List<String> exprs = new ArrayList<>();
        for (Path file : OpsFiles.dashboards()) {
            exprs.addAll(DashboardLint.expressions(OpsFiles.json(file)));
            exprs.addAll(DashboardLint.variableSelectors(OpsFiles.json(file)));
        }
        assertTrue(exprs.size() >= 40, "expected every target and variable, found " + exprs.size());
        Tool.Result result = Tool.promtool("check", "rules", writeRules(exprs).toString());
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("SUCCESS: " + exprs.size() + " rules found"), result.output());
    }

    /** The route catches an invalid expression (so a pass above means something). */
    @Test
    void promtoolRejectsAnInvalidExpression() throws Exception {
        Tool.Result result = Tool.promtool("check", "rules",
                writeRules(List.of("rate(spinmon_snapshots_emitted_total{run=~\"$run\"}[$__rate_interval]")).toString());
        assertNotEquals(0, result.exit(), result.output());
        assertFalse(result.output().contains("SUCCESS"), result.output());
    }

    private Path writeRules(List<String> exprs) throws Exception {
        ArrayNode rules = OpsFiles.YAML.createArrayNode();
        for (int i = 0; i < exprs.size(); i++) {
            rules.addObject().put("record", "dashboard:expr_" + i + ":check").put("expr", substitute(exprs.get(i)));
        }
        ObjectNode doc = OpsFiles.YAML.createObjectNode();
        doc.putArray("groups").addObject().put("name", "dashboard-promql").set("rules", rules);
        Path file = tmp.resolve("dashboard-promql.yml");
        OpsFiles.YAML.writeValue(file.toFile(), doc);
        return file;
    }
}
