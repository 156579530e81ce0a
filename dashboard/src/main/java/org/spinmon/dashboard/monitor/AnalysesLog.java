package org.spinmon.dashboard.monitor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.spinmon.analyzer.files.AtomicFiles;
import org.spinmon.analyzer.files.IoProblems;

/**
 * A run's {@code analyses.jsonl}, appended one JSON line per analysis. A line that cannot be written (a full
 * disk, a file-size limit, an I/O error) never stops the run and never stays in the file in part: the file is
 * cut back to its last complete line, the line is counted in {@link #failures()}, and the first such failure is
 * reported (later ones only counted: a full disk would otherwise report every analysis). The next line is tried
 * again, so the log resumes once space is freed; the lines in between are missing, the rest stay in step order.
 * Called from one thread at a time (the stream's outcomes are serial).
 */
public final class AnalysesLog implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final Consumer<String> report;
    private long complete;
    private long failures;
    private boolean reported;

    private AnalysesLog(Path file, FileChannel channel, Consumer<String> report) throws IOException {
        this.file = file;
        this.channel = channel;
        this.report = report;
        this.complete = channel.size();
    }

    /**
     * Opens (creating when missing) {@code file} for appending.
     *
     * @param report told, once, about the first line that could not be written, and about a failed close
     * @throws IOException when the file cannot be opened, naming it
     */
    public static AnalysesLog open(Path file, Consumer<String> report) throws IOException {
        try {
            return new AnalysesLog(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    report);
        } catch (IOException e) {
            throw new IOException("cannot open " + file + ": " + IoProblems.describe(e), e);
        }
    }

    /** Appends {@code line} and a newline, or counts and (the first time) reports why it could not. */
    public void append(String line) {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            channel.position(complete);
            AtomicFiles.writeFully(channel, bytes);
            complete = channel.position();
        } catch (IOException e) {
            failures++;
            String cut = cutBack();
            if (!reported) {
                reported = true;
                report.accept("cannot append to " + file + ": " + IoProblems.describe(e) + cut
                        + "; the run goes on, further failures are counted");
            }
        }
    }

    /** @return lines that could not be appended */
    public long failures() {
        return failures;
    }

    /** Closes the file; a failure to close is reported, never thrown. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            report.accept("cannot close " + file + ": " + IoProblems.describe(e));
        }
    }

    /** @return what became of the partly written line, for the report */
    private String cutBack() {
        try {
            if (channel.size() > complete) {
                channel.truncate(complete);
            }
            return "";
        } catch (IOException e) {
            return " (cutting the partial line off failed too: " + IoProblems.describe(e) + ")";
        }
    }
}
