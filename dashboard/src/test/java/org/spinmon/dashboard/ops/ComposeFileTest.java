package org.spinmon.dashboard.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.yml}, the {@code Dockerfile} and Grafana's provisioning files, checked statically (no
 * Docker engine exists on the build machines, and no compose plugin: {@code docker compose config} cannot run):
 * services, pinned images, every mounted file in the repository and mounted where the configurations expect
 * it, ports on 127.0.0.1 only, and the names that tie spinmon, Prometheus and Grafana together.
 */
class ComposeFileTest {

    private static final JsonNode COMPOSE = OpsFiles.yaml(OpsFiles.file("docker-compose.yml"));

    private static JsonNode service(String name) {
        JsonNode s = COMPOSE.path("services").path(name);
        assertTrue(s.isObject(), "no service " + name);
        return s;
    }

    @Test
    void servicesAreSpinmonPrometheusAndGrafana() {
        Set<String> names = new TreeSet<>();
        COMPOSE.path("services").fieldNames().forEachRemaining(names::add);
        assertEquals(Set.of("grafana", "prometheus", "spinmon"), names);
    }

    @Test
    void imagesArePinned() {
        for (String name : List.of("prometheus", "grafana")) {
            String image = service(name).path("image").asText();
            assertTrue(image.matches("[a-z/]+:v?\\d+\\.\\d+\\.\\d+"), name + " image not pinned: " + image);
        }
        assertTrue(service("prometheus").path("image").asText().startsWith("prom/prometheus:v3."));
        assertTrue(service("grafana").path("image").asText().startsWith("grafana/grafana:13."));
    }

    @Test
    void spinmonIsBuiltFromTheJarAndListensOnAllInterfacesInside() throws Exception {
        JsonNode build = service("spinmon").path("build");
        assertEquals(".", build.path("context").asText());
        Path dockerfile = OpsFiles.file(build.path("dockerfile").asText());
        String text = Files.readString(dockerfile);
        assertTrue(text.contains("COPY dashboard/target/spinmon.jar "), "the Dockerfile copies the fat jar");
        assertTrue(text.contains("\"--host\", \"0.0.0.0\""), "the Dockerfile's default serves beyond loopback");
        assertTrue(Files.readString(OpsFiles.file("dashboard/pom.xml")).contains("<finalName>spinmon</finalName>"),
                "the shade plugin writes dashboard/target/spinmon.jar");
        assertTrue(Files.readString(OpsFiles.file(".dockerignore")).contains("!dashboard/target/spinmon.jar"));
        List<String> command = strings(service("spinmon").path("command"));
        int host = command.indexOf("--host");
        assertTrue(host >= 0 && command.get(host + 1).equals("0.0.0.0"), command.toString());
    }

    @Test
    void portsArePublishedOnLoopbackOnly() {
        COMPOSE.path("services").fields().forEachRemaining(e -> {
            JsonNode ports = e.getValue().path("ports");
            assertFalse(ports.isEmpty(), e.getKey() + " publishes no port");
            for (JsonNode port : ports) {
                assertTrue(port.isTextual() && port.asText().startsWith("127.0.0.1:"),
                        e.getKey() + " publishes " + port + " beyond 127.0.0.1");
            }
        });
        assertEquals(List.of("127.0.0.1:9464:9464"), strings(service("spinmon").path("ports")));
        assertEquals(List.of("127.0.0.1:9090:9090"), strings(service("prometheus").path("ports")));
    }

    /** Bind mounts come from the repository; named volumes are declared. */
    @Test
    void mountedPathsExist() {
        Set<String> declared = new TreeSet<>();
        COMPOSE.path("volumes").fieldNames().forEachRemaining(declared::add);
        Set<String> used = new TreeSet<>();
        COMPOSE.path("services").fields().forEachRemaining(e -> {
            for (String volume : strings(e.getValue().path("volumes"))) {
                String source = volume.split(":")[0];
                if (source.startsWith("./")) {
                    assertTrue(Files.exists(OpsFiles.file(source.substring(2))), e.getKey() + " mounts missing " + source);
                    assertTrue(volume.endsWith(":ro"), e.getKey() + " mounts " + source + " writable");
                } else {
                    used.add(source);
                }
            }
        });
        assertEquals(declared, used, "named volumes declared and used");
    }

    /** Prometheus gets the compose configuration and the rules where the configuration's rule_files looks. */
    @Test
    void prometheusMountsMatchItsConfiguration() {
        List<String> volumes = strings(service("prometheus").path("volumes"));
        assertTrue(volumes.contains("./prometheus/prometheus.compose.yml:/etc/prometheus/prometheus.yml:ro"));
        assertTrue(volumes.contains("./prometheus/rules:/etc/prometheus/rules:ro"));
        assertTrue(strings(service("prometheus").path("command")).contains("--config.file=/etc/prometheus/prometheus.yml"));
        JsonNode config = OpsFiles.yaml(OpsFiles.file("prometheus/prometheus.compose.yml"));
        assertEquals("rules/*.yml", config.path("rule_files").path(0).asText());
        String target = config.path("scrape_configs").path(0).path("static_configs").path(0).path("targets").path(0)
                .asText();
        assertEquals("spinmon", target.split(":")[0], "scrapes the compose service");
        assertTrue(strings(service("spinmon").path("ports")).contains("127.0.0.1:" + target.split(":")[1] + ":"
                + target.split(":")[1]));
    }

    /** Grafana's data source points at the Prometheus service; its provider reads the mounted dashboards. */
    @Test
    void grafanaProvisioningMatchesTheMounts() {
        JsonNode sources = OpsFiles.yaml(OpsFiles.file("grafana/provisioning/datasources/prometheus.yaml"));
        assertEquals(1, sources.path("apiVersion").asInt());
        JsonNode source = sources.path("datasources").path(0);
        assertEquals("spinmon-prometheus", source.path("uid").asText());
        assertEquals("prometheus", source.path("type").asText());
        assertEquals("http://prometheus:9090", source.path("url").asText());
        JsonNode providers = OpsFiles.yaml(OpsFiles.file("grafana/provisioning/dashboards/spinmon.yaml"));
        JsonNode provider = providers.path("providers").path(0);
        assertEquals("file", provider.path("type").asText());
        String path = provider.path("options").path("path").asText();
        List<String> volumes = strings(service("grafana").path("volumes"));
        assertTrue(volumes.contains("./grafana/dashboards:" + path + ":ro"), volumes.toString());
        assertTrue(volumes.contains("./grafana/provisioning/datasources:/etc/grafana/provisioning/datasources:ro"));
        assertTrue(volumes.contains("./grafana/provisioning/dashboards:/etc/grafana/provisioning/dashboards:ro"));
        String home = service("grafana").path("environment").path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText();
        assertTrue(home.startsWith(path + "/"), home);
        assertTrue(Files.exists(OpsFiles.file("grafana/dashboards").resolve(home.substring(path.length() + 1))), home);
    }

    /** Each dashboard's datasource variable defaults to the provisioned data source. */
    @Test
    void dashboardsDefaultToTheProvisionedDataSource() {
        for (Path file : OpsFiles.dashboards()) {
            JsonNode variable = OpsFiles.json(file).path("templating").path("list").path(0);
            assertEquals("spinmon-prometheus", variable.path("current").path("value").asText(), file.toString());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
