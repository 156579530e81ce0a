package org.spinmon.dashboard.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.spinmon.dashboard.server.LiveRuns;
import org.spinmon.dashboard.server.MonitorServer;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where spinmon's HTTP server listens: {@code --host}, {@code --port}, shared by every command that serves. A host
 * that does not resolve is a usage error; an address that is not a loopback one (127.0.0.0/8, ::1) gets a warning
 * on standard error, since the server has no authentication; a port in use, or an address that is not this
 * machine's, is a one-line error from {@link MonitorServer#start}.
 */
final class ServerAddress {

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1", converter = OptionTypes.Host.class,
            description = "address of the HTTP server (default: ${DEFAULT-VALUE}, this machine only)")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9464", converter = OptionTypes.Port.class,
            description = "port of the HTTP server, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    /** Starts the server; warns on {@code err} when it listens beyond this machine. */
    MonitorServer start(PrometheusMeterRegistry registry, LiveRuns live, Path runs, PrintWriter err, String command)
            throws IOException {
        // The port's range and the host's syntax were checked as the options were parsed (OptionTypes); the host is
        // resolved again here, as a name may stop resolving in between.
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(this.command.commandLine(), "spinmon " + command + ": --host "
                    + host + " does not resolve to an address; give an address of this machine such as 127.0.0.1"
                    + " (the default) or ::1, or a name that resolves to one");
        }
        if (!address.isLoopbackAddress()) {
            err.println("spinmon " + command + ": warning: --host " + host + " serves the metrics and the runs API"
                    + " beyond this machine, without authentication");
            err.flush();
        }
        return MonitorServer.start(host, port, registry, live, runs);
    }
}
