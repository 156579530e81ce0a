package org.spinmon.dashboard.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * spinmon's usage errors: every bad command line is reported as one line on standard error,
 * {@code spinmon <command>: <option> must be <allowed values>, was '<value>'} for a bad value, and exit status 2.
 * A value that an {@link OptionTypes} converter refuses gets the command and the option's name (its longest name,
 * or the label of a positional parameter) put in front of the converter's rule; a {@link ParameterException} whose
 * message already starts with {@code spinmon <command>: } (the checks of {@link CheckedCommand}) is printed as it
 * is; picocli's own errors (an unknown option, a missing value) get the command in front and a pointer to
 * {@code --help} behind.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println(line(e));
        cli.getErr().flush();
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** @return the one line that reports {@code e} */
    static String line(ParameterException e) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        String prefix = spec.qualifiedName() + ": ";
        String message = String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ").strip();
        if (e.getCause() instanceof TypeConversionException rule && e.getArgSpec() != null) {
            return prefix + name(e.getArgSpec()) + " " + rule.getMessage();
        }
        if (message.startsWith(prefix)) {
            return message;
        }
        String hint = "";
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            List<String> suggestions = unmatched.getSuggestions();
            hint = " (did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))
                    + "?)";
        }
        if (!spec.subcommands().isEmpty() && (e instanceof UnmatchedArgumentException
                || message.startsWith("Unknown subcommand"))) {
            hint += " (commands: " + String.join(", ", spec.subcommands().keySet()) + ")";
        }
        return prefix + message.replaceAll("\\.$", "") + hint + "; see '" + spec.qualifiedName() + " --help'";
    }

    /** @return the name the messages give {@code arg}: an option's longest name, a positional parameter's label */
    static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    /** @return the usage error "spinmon CMD: OPTION must be RULE, was 'VALUE'" of {@code spec}'s command */
    static ParameterException outside(CommandSpec spec, String option, String rule, Object value) {
        return error(spec, option + " must be " + rule + ", was '" + value + "'");
    }

    /** @return the usage error "spinmon CMD: MESSAGE" of {@code spec}'s command */
    static ParameterException error(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), spec.qualifiedName() + ": " + message);
    }
}
