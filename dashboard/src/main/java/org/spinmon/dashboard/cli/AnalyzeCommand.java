package org.spinmon.dashboard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunListing;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.analyzer.snapshot.SnapshotInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spinmon analyze FILE|DIR ...}: reads snapshot files and prints, per snapshot, what it holds: step,
 * epoch, loss, accuracy, and per layer its shape, activation, element type, biases and Frobenius norm
 * ‖W‖_F = √(Σ W_ij²) in weight units. A directory is a run directory ({@code run.json},
 * {@code snapshots/}) or any directory of {@code .safetensors} files; its snapshots come in step order.
 *
 * <p>Files that cannot be read are reported on standard error, one line each naming the file and the
 * problem; the others are still printed, and the exit status is then 1. Ignored files (leftovers of an
 * interrupted write, stray names) are reported as warnings and do not change the exit status.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Prints what snapshot files hold: step, epoch, loss, accuracy, and per layer the shape,"
                + " activation and Frobenius norm of W.",
                "FILE is a .safetensors snapshot; DIR is a run directory or a directory of snapshots (step order)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every snapshot was read", "1:some file could not be read (each one reported on stderr)",
                "2:bad usage"})
final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "snapshot files or directories")
    List<Path> paths;

    @Option(names = "--json", description = "one JSON object per snapshot and line (NaN and infinities as null)")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "spinmon analyze: no such file or directory: " + path);
            }
        }
        SnapshotPrinter printer = json ? new JsonSnapshotPrinter(out) : new TableSnapshotPrinter(out);
        boolean failed = false;
        for (Path path : paths) {
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(path)) {
                RunListing listing;
                try {
                    listing = RunDirectory.scan(path);
                } catch (IOException e) {
                    err.println("spinmon analyze: " + e.getMessage());
                    failed = true;
                    continue;
                }
                for (RunListing.Problem problem : listing.problems()) {
                    boolean error = problem.severity() == RunListing.Severity.ERROR;
                    err.println("spinmon analyze: " + (error ? "" : "warning: ") + problem.file() + ": "
                            + stripFile(problem.message(), problem.file()));
                }
                failed |= listing.hasErrors();
                listing.snapshots().stream().map(SnapshotInfo::file).forEach(files::add);
            } else {
                files.add(path);
            }
            for (Path file : files) {
                try {
                    Snapshot snapshot = SnapshotFiles.read(file);
                    printer.print(file, snapshot);
                } catch (IOException e) {
                    err.println("spinmon analyze: " + file + ": " + stripFile(e.getMessage(), file));
                    failed = true;
                }
            }
        }
        out.flush();
        return failed ? 1 : 0;
    }

    private static String stripFile(String message, Path file) {
        String prefix = file + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : String.valueOf(message);
    }
}
