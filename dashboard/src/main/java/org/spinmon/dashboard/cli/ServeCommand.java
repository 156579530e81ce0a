package org.spinmon.dashboard.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spinmon.dashboard.server.LiveRuns;
import org.spinmon.dashboard.server.MonitorServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code spinmon serve [RUNS]}: the live page and the runs API over recorded runs, without training or
 * replaying anything; runs until Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves the live page and the runs API over the recorded runs in RUNS (default: ./runs),"
                + " until Ctrl-C."})
final class ServeCommand implements Callable<Integer>, CheckedCommand {

    @Parameters(paramLabel = "RUNS", arity = "0..1", defaultValue = "runs", converter = OptionTypes.FilePath.class,
            description = "the runs directory (default: ${DEFAULT-VALUE})")
    Path runs;

    @CommandLine.Mixin
    ServerAddress address;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** RUNS must be an existing directory. */
    @Override
    public void checkOptions() {
        PathRules.existingDirectory(spec, "RUNS", runs);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (MonitorServer server = address.start(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new LiveRuns(),
                runs, spec.commandLine().getErr(), "serve")) {
            out.println("spinmon serve: the runs of " + runs + " on " + server.uri() + "; Ctrl-C to stop");
            out.flush();
            MonitoredRun.holdUntilInterrupted();
            return 0;
        }
    }
}
