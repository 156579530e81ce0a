package org.spinmon.dashboard.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads, from a real scrape of a {@code /metrics} endpoint (Prometheus text format), the step of the last
 * analysed snapshot of one run: the value of {@code spinmon_training_step{run="<id>",…}}.
 */
final class MetricsProbe {

    private static final Pattern STEP = Pattern.compile("^spinmon_training_step\\{([^}]*)\\} (\\S+)$",
            Pattern.MULTILINE);

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
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + metrics + " answered " + response.statusCode());
        }
        Matcher m = STEP.matcher(response.body());
        String label = "run=\"" + run + "\"";
        while (m.find()) {
            double value = Double.parseDouble(m.group(2));
            if (m.group(1).contains(label) && !Double.isNaN(value)) {
                return OptionalLong.of((long) value);
            }
        }
        return OptionalLong.empty();
    }
}
