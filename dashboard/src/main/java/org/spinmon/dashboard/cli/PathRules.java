package org.spinmon.dashboard.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The rules of the options that name files and directories, checked before a command starts its work so that a
 * wrong path is a usage error at once rather than a failure after minutes of training or analysis.
 */
final class PathRules {

    private PathRules() {
    }

    /** {@code path} must be a directory that exists and can be read (a run directory, the runs to serve). */
    static void existingDirectory(CommandSpec spec, String option, Path path) {
        if (!Files.isDirectory(path)) {
            throw refused(spec, option, "an existing directory", path, Files.exists(path) ? "not a directory"
                    : "no such directory");
        }
        if (!Files.isReadable(path) || !Files.isExecutable(path)) {
            throw refused(spec, option, "an existing directory", path, "not readable");
        }
    }

    /**
     * {@code path} must be a readable directory when it exists; when it does not, the command creates it (and
     * reports a failure to do so when it tries).
     */
    static void directoryOrAbsent(CommandSpec spec, String option, Path path) {
        if (Files.exists(path)) {
            String rule = "a directory, or a path where one can be created";
            if (!Files.isDirectory(path)) {
                throw refused(spec, option, rule, path, "not a directory");
            }
            if (!Files.isReadable(path) || !Files.isExecutable(path)) {
                throw refused(spec, option, rule, path, "not readable");
            }
        }
    }

    /** {@code path} must be a readable regular file, or a directory when {@code directoryToo}. */
    static void existing(CommandSpec spec, String option, Path path, boolean directoryToo) {
        String rule = directoryToo ? "an existing file or directory" : "an existing file";
        if (!Files.exists(path)) {
            throw refused(spec, option, rule, path, "no such file" + (directoryToo ? " or directory" : ""));
        }
        if (!directoryToo && !Files.isRegularFile(path)) {
            throw refused(spec, option, rule, path, "not a file");
        }
        if (!Files.isReadable(path)) {
            throw refused(spec, option, rule, path, "not readable");
        }
    }

    /** {@code path} must be a file that can be written: not a directory, in an existing writable directory. */
    static void writableFile(CommandSpec spec, String option, Path path) {
        String rule = "a file in an existing writable directory";
        if (Files.isDirectory(path)) {
            throw refused(spec, option, rule, path, "a directory");
        }
        if (Files.exists(path) && !Files.isWritable(path)) {
            throw refused(spec, option, rule, path, "not writable");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw refused(spec, option, rule, path, "no directory " + parent);
        }
        if (!Files.isWritable(parent)) {
            throw refused(spec, option, rule, path, "the directory " + parent + " is not writable");
        }
    }

    private static ParameterException refused(CommandSpec spec, String option, String rule, Path path, String why) {
        return UsageErrors.error(spec, option + " must be " + rule + ", was '" + path + "' (" + why + ")");
    }
}
