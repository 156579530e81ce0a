package org.spinmon.dashboard.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import org.spinmon.dashboard.server.LiveRuns;
import org.spinmon.dashboard.server.MonitorServer;
import picocli.CommandLine.Option;

/** Where spinmon's HTTP server listens: {@code --host}, {@code --port}, shared by every command that serves. */
final class ServerAddress {

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1", converter = OptionTypes.Host.class,
            description = "address of the HTTP server (default: ${DEFAULT-VALUE}, this machine only)")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9464", converter = OptionTypes.Port.class,
            description = "port of the HTTP server, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    /** Starts the server; warns on {@code err} when it listens beyond this machine. */
    MonitorServer start(PrometheusMeterRegistry registry, LiveRuns live, Path runs, PrintWriter err, String command)
            throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, was " + port);
        }
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress()) {
            err.println("spinmon " + command + ": warning: --host " + host + " serves the metrics and the runs API"
                    + " beyond this machine, without authentication");
        }
        return MonitorServer.start(host, port, registry, live, runs);
    }
}
