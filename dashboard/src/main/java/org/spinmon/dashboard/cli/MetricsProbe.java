package org.spinmon.dashboard.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads, from a real scrape of a {@code /metrics} endpoint (Prometheus text format), the value of one run's series:
 * the step of its last analysed snapshot ({@code spinmon_training_step{run="<id>",…}}) or a stream counter
 * ({@code spinmon_snapshots_dropped_total{run="<id>",…}} and the like).
 */
final class MetricsProbe {

    private final HttpClient http;
    private final URI metrics;

    /** @param metrics the endpoint, for example {@code http://127.0.0.1:9464/metrics} */
    MetricsProbe(HttpClient http, URI metrics) {
        this.http = http;
        this.metrics = metrics;
    }

    /**
     * @return the step {@code /metrics} shows for {@code run} now, empty when it shows none (or NaN)
     * @throws IOException when the scrape fails or does not answer 200
     */
    OptionalLong trainingStep(String run) throws IOException, InterruptedException {
        OptionalDouble value = value("spinmon_training_step", run);
        return value.isPresent() && !Double.isNaN(value.getAsDouble()) ? OptionalLong.of((long) value.getAsDouble())
                : OptionalLong.empty();
    }

    /**
     * @param name a sample name as exposed, for example {@code spinmon_snapshots_dropped_total}
     * @return the value of the first sample of {@code name} labelled {@code run="<run>"}, empty when there is none
     * @throws IOException when the scrape fails or does not answer 200
     */
    OptionalDouble value(String name, String run) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + metrics + " answered " + response.statusCode());
        }
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE)
                .matcher(response.body());
        String label = "run=\"" + run + "\"";
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return OptionalDouble.of(Double.parseDouble(m.group(2)));
            }
        }
        return OptionalDouble.empty();
    }
}
