package org.spinmon.dashboard.cli;

/**
 * A command whose options are checked together once the command line is parsed, before the command reads data,
 * trains or writes anything: the rules between options (--from ≤ --to, modes that exclude each other), the rules
 * about files (a run directory that exists, an output file whose directory exists) and the settings the domain
 * records refuse. {@link SpinmonMain} calls {@link #checkOptions()} before the command runs; a failure is a
 * usage error (exit status 2) of one line ({@link UsageErrors}).
 */
interface CheckedCommand {

    /** @throws picocli.CommandLine.ParameterException naming the option and its allowed values */
    void checkOptions();
}
