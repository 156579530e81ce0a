package org.spinmon.dashboard.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code spinmon}: the command-line entry point. Each feature is a subcommand; {@code --help} works on every
 * one, {@code --version} on the top level.
 *
 * <p>Exit status: 0 success, 1 the command ran but some input could not be used (each one reported on
 * standard error), 2 bad usage (unknown option, missing argument, a value outside the option's allowed values, a
 * path that does not exist), reported in one line by {@link UsageErrors} before the command does any work: each
 * value is checked as it is parsed ({@link OptionTypes}), then the options together ({@link CheckedCommand}).
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
        return commandLine(out, err, true).execute(args);
    }

    /**
     * Parses and checks the arguments as {@link #run} does, reporting the same usage errors, but runs no command.
     *
     * @return 0 when the command line would be accepted (or asks for help), else the usage error's status
     */
    static int check(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err, false).execute(args);
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean execute) {
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
        cli.setParameterExceptionHandler(new UsageErrors());
        // A flag takes no value, or an attached true or false; picocli's own converter would take --flag= as well.
        cli.registerConverter(Boolean.class, OptionTypes::flag);
        cli.registerConverter(Boolean.TYPE, OptionTypes::flag);
        cli.setExecutionStrategy(parsed -> {
            refuseEmptyFlagValues(parsed);
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            List<CommandLine> chain = parsed.asCommandLineList();
            if (chain.get(chain.size() - 1).getCommand() instanceof CheckedCommand command) {
                command.checkOptions();
            }
            return execute ? new CommandLine.RunLast().execute(parsed) : 0;
        });
        return cli;
    }

    /**
     * picocli takes {@code --flag=} as {@code --flag} without asking the converter; an empty value is refused like
     * any other that is neither true nor false.
     */
    private static void refuseEmptyFlagValues(CommandLine.ParseResult parsed) {
        List<CommandLine> chain = parsed.asCommandLineList();
        for (String arg : parsed.originalArgs()) {
            if (arg.equals("--")) {
                return;
            }
            // The innermost command first: the top level's --help is not the subcommand's.
            for (int i = chain.size() - 1; i >= 0 && arg.endsWith("="); i--) {
                CommandLine.Model.CommandSpec spec = chain.get(i).getCommandSpec();
                CommandLine.Model.OptionSpec option = spec.findOption(arg.substring(0, arg.length() - 1));
                if (option != null && option.arity().max() == 0) {
                    throw UsageErrors.error(spec, option.longestName() + " "
                            + OptionTypes.notAFlagValue("").getMessage());
                }
            }
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
