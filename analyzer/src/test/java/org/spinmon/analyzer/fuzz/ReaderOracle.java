package org.spinmon.analyzer.fuzz;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.probe.ProbeFiles;
import org.spinmon.analyzer.safetensors.SafetensorsException;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.analyzer.snapshot.SnapshotInfo;

/**
 * Runs the product's readers on one file and checks their contract: a file is either read into a valid value or
 * rejected with a {@link SafetensorsException} whose message is one clean line starting with the file's name;
 * nothing else escapes (no runtime exception, no error, no OutOfMemoryError); the header-only and the full read
 * of a snapshot agree; and reading allocates at most {@value #BYTES_PER_FILE_BYTE} bytes per byte of the file
 * plus {@value #FIXED_BYTES} bytes, so that no declared size is ever allocated before it is checked.
 */
public final class ReaderOracle {

    /** Allocation allowed per byte of the file: float16 widened to float64 is 4 bytes, copied a few times. */
    static final long BYTES_PER_FILE_BYTE = 64;
    /** Allocation allowed whatever the file: the JSON parser, the 64 KiB read buffer, the metadata. */
    static final long FIXED_BYTES = 8L << 20;
    /** The longest acceptable detail of a message: the product's cap and its "...". */
    static final int MAX_DETAIL = SafetensorsException.MAX_DETAIL_LENGTH + 3;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ReaderOracle() {
    }

    /** Reads {@code file} as {@code kind} and judges what the readers did. */
    public static ReadVerdict check(Path file, FileKind kind) throws IOException {
        long size = Files.size(file);
        List<String> violations = new ArrayList<>();
        Attempt first = attempt(kind == FileKind.SNAPSHOT ? () -> SnapshotFiles.read(file) : () -> ProbeFiles.read(file));
        Attempt second = kind == FileKind.SNAPSHOT ? attempt(() -> SnapshotFiles.readInfo(file)) : null;
        // Measured on a second reading of the same file, so that loading classes on a path's first use does not count.
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        attempt(kind == FileKind.SNAPSHOT ? () -> SnapshotFiles.read(file) : () -> ProbeFiles.read(file));
        long nanos = System.nanoTime() - start;
        allocated = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        if (allocated > BYTES_PER_FILE_BYTE * size + FIXED_BYTES) {
            violations.add("reading allocated " + allocated + " bytes for a file of " + size + " bytes");
        }
        Throwable failure = first.escaped() != null ? first.escaped() : second == null ? null : second.escaped();
        if (failure != null) {
            violations.add("escaped the reader: " + failure);
            return new ReadVerdict(null, null, 0, allocated, nanos, violations, failure);
        }
        if (second != null) {
            agree(first, second, violations);
        }
        if (first.rejection() != null) {
            checkRejection(file, first.rejection(), violations);
            SafetensorsException e = first.rejection() instanceof SafetensorsException s ? s : null;
            return new ReadVerdict(e == null ? null : e.problem(), String.valueOf(first.rejection().getMessage()), 0,
                    allocated, nanos, violations, null);
        }
        long nonFinite = 0;
        if (first.value() instanceof Snapshot s) {
            nonFinite = s.nonFiniteCount();
        } else if (first.value() instanceof ProbeBatch p) {
            nonFinite = Arrays.stream(p.inputs()).filter(v -> !Double.isFinite(v)).count();
        }
        return new ReadVerdict(null, null, nonFinite, allocated, nanos, violations, null);
    }

    private static void agree(Attempt full, Attempt header, List<String> violations) {
        if ((full.rejection() == null) != (header.rejection() == null)) {
            violations.add("SnapshotFiles.read and readInfo disagree: " + full.outcome() + " vs " + header.outcome());
        } else if (full.rejection() != null
                && !Objects.equals(full.rejection().getMessage(), header.rejection().getMessage())) {
            violations.add("SnapshotFiles.read and readInfo reject differently: " + full.outcome() + " vs "
                    + header.outcome());
        } else if (full.rejection() == null) {
            Snapshot s = (Snapshot) full.value();
            SnapshotInfo i = (SnapshotInfo) header.value();
            int[] widths = new int[i.layers().size() + 1];
            widths[0] = i.layers().get(0).nIn();
            for (int k = 0; k < i.layers().size(); k++) {
                widths[k + 1] = i.layers().get(k).nOut();
            }
            if (s.step() != i.step() || !s.runId().equals(i.runId()) || s.replicaCount() != i.replicaCount()
                    || !Arrays.equals(s.widths(), widths) || !s.time().equals(i.time())) {
                violations.add("SnapshotFiles.read and readInfo describe different snapshots");
            }
        }
    }

    private static void checkRejection(Path file, IOException e, List<String> violations) {
        if (!(e instanceof SafetensorsException s)) {
            violations.add("rejected with " + e.getClass().getName() + ", not a SafetensorsException: " + e);
            return;
        }
        if (!s.file().equals(file)) {
            violations.add("the exception names " + s.file() + ", not the file read");
        }
        String message = e.getMessage();
        if (message == null || !message.startsWith(file + ": ")) {
            violations.add("message does not start with the file's name: " + message);
            return;
        }
        String detail = message.substring(file.toString().length() + 2);
        if (detail.isBlank()) {
            violations.add("message says nothing beyond the file's name");
        }
        if (s.detail().length() > MAX_DETAIL) {
            violations.add("the detail is " + s.detail().length() + " characters long: "
                    + s.detail().substring(0, 200) + "...");
        }
        detail.chars().filter(ReaderOracle::breaksTheLine).findFirst().ifPresent(c -> violations.add(
                String.format("message holds the control character U+%04X: %s", c, MetadataMutations.printable(
                        detail.length() > 200 ? detail.substring(0, 200) : detail))));
    }

    /** @return whether {@code c} would break a one-line message or act on a terminal */
    static boolean breaksTheLine(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }

    private static Attempt attempt(Read read) {
        try {
            return new Attempt(read.run(), null, null);
        } catch (IOException e) {
            return new Attempt(null, e, null);
        } catch (Throwable t) {
            return new Attempt(null, null, t);
        }
    }

    /** One reader call. */
    @FunctionalInterface
    private interface Read {
        Object run() throws IOException;
    }

    /** What one reader call did: returned a value, rejected the file, or let something else escape. */
    private record Attempt(Object value, IOException rejection, Throwable escaped) {
        String outcome() {
            return rejection == null ? "read" : rejection.getMessage();
        }
    }
}
