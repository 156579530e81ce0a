package org.spinmon.dashboard.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code spinmon}: the command-line entry point. Each feature is a subcommand; {@code --help} works on every
 * one, {@code --version} on the top level.
 *
 * <p>Exit status: 0 success, 1 the command ran but some input could not be used (each one reported on
 * standard error), 2 bad usage (unknown option, missing argument, a path that does not exist).
 */
@Command(name = "spinmon",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Watches a neural network learn as a spin model: weight snapshots, their critical"
                + " temperatures and spectra.",
        subcommands = {TrainCommand.class, ReplayCommand.class, ServeCommand.class, AnalyzeCommand.class, BenchCommand.class, MnistCommand.class, CommandLine.HelpCommand.class},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'spinmon <command> --help' for a command's options."})
public final class SpinmonMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Starts spinmon and exits with the command's status. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs spinmon with the given streams and arguments; returns the exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SpinmonMain());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // The message is the report (commands phrase their failures for the user); an exception without one is
            // a bug, named by its class so that it can be reported.
            commandLine.getErr().println("spinmon " + commandLine.getCommandName() + ": " + (e.getMessage() != null
                    ? e.getMessage() : "internal error: " + e.getClass().getName()));
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
