package org.spinmon.dashboard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The HTTP server of a monitored run ({@code train}, {@code replay}): its address, and whether it outlives the run. */
final class ServeOptions {

    @CommandLine.Mixin
    ServerAddress address;

    @Option(names = "--hold", description = "keep serving after the run has ended, until Ctrl-C")
    boolean hold;
}
