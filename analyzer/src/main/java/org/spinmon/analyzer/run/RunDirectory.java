package org.spinmon.analyzer.run;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinmon.analyzer.files.AtomicFiles;
import org.spinmon.analyzer.files.IoProblems;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.probe.ProbeFiles;
import org.spinmon.analyzer.run.RunListing.Severity;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.analyzer.snapshot.SnapshotInfo;

/**
 * A run directory: {@code <runs>/<run-id>/run.json} (the {@link RunManifest}),
 * {@code <runs>/<run-id>/snapshots/step-<9 digits>.safetensors}, one {@link SnapshotFiles snapshot file} per
 * recorded step, and, when the run has one, its probe batch {@code <runs>/<run-id>/}{@value ProbeFiles#FILE_NAME}
 * ({@link ProbeFiles}). Every file is written atomically.
 */
public final class RunDirectory {

    /** The run manifest format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The manifest's file name. */
    public static final String MANIFEST = "run.json";
    /** The snapshot subdirectory's name. */
    public static final String SNAPSHOTS = "snapshots";

    private static final String SUFFIX = ".safetensors";
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("step-([0-9]{9,19})\\.safetensors");
    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /** @return the run directory at {@code root}, which may or may not exist yet */
    public static RunDirectory at(Path root) {
        return new RunDirectory(root);
    }

    /**
     * Creates {@code <runs>/<manifest.runId()>/} with its snapshot directory and manifest.
     *
     * @throws FileAlreadyExistsException if a run of that id exists: runs are never overwritten
     * @throws IOException                if {@code runs} cannot be created or written
     */
    public static RunDirectory create(Path runs, RunManifest manifest) throws IOException {
        Files.createDirectories(runs);
        Path root = runs.resolve(manifest.runId());
        Files.createDirectory(root);
        Files.createDirectory(root.resolve(SNAPSHOTS));
        RunDirectory run = new RunDirectory(root);
        run.writeManifest(manifest);
        return run;
    }

    /** @return the directory itself */
    public Path root() {
        return root;
    }

    /** @return the path of the snapshot file for {@code step} */
    public Path snapshotFile(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, was " + step);
        }
        return root.resolve(SNAPSHOTS).resolve(snapshotName(step));
    }

    /** Writes {@code snapshot} atomically under its step's name; returns the file. */
    public Path write(Snapshot snapshot, DType dtype) throws IOException {
        Path file = snapshotFile(snapshot.step());
        SnapshotFiles.write(snapshot, file, dtype);
        return file;
    }

    /** Writes {@code run.json} atomically. */
    public void writeManifest(RunManifest manifest) throws IOException {
        AtomicFiles.write(root.resolve(MANIFEST), JSON.writeValueAsBytes(manifest));
    }

    /** Writes the run's probe batch atomically to {@value ProbeFiles#FILE_NAME} next to run.json; returns the file. */
    public Path writeProbe(ProbeBatch batch) throws IOException {
        Path file = root.resolve(ProbeFiles.FILE_NAME);
        ProbeFiles.write(batch, file);
        return file;
    }

    /**
     * Reads the run's probe batch.
     *
     * @return the batch, or empty when the run has no {@value ProbeFiles#FILE_NAME}
     * @throws IOException naming the file when it is present but not a valid probe batch
     */
    public Optional<ProbeBatch> readProbe() throws IOException {
        Path file = root.resolve(ProbeFiles.FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(ProbeFiles.read(file));
    }

    /**
     * Reads and validates {@code run.json}.
     *
     * @throws NoSuchFileException when there is none
     * @throws IOException         when it cannot be read or is not a valid manifest (malformed or non-UTF-8 JSON, a
     *                             key twice, a key missing, unknown or of the wrong type, an invalid value); the
     *                             message is one line that starts with the file and says which key and why
     */
    public RunManifest readManifest() throws IOException {
        Path file = root.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "run.json is missing");
        }
        RunManifest manifest;
        try {
            manifest = JSON.readValue(file.toFile(), RunManifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": not a valid run manifest: " + ManifestProblems.describe(e), e);
        }
        if (manifest.formatVersion() != FORMAT_VERSION) {
            throw new IOException(file + ": format_version " + manifest.formatVersion()
                    + " is not supported; this spinmon reads version " + FORMAT_VERSION);
        }
        return manifest;
    }

    /**
     * Lists what {@code path} holds: a run directory (with {@code run.json} and/or {@code snapshots/}), or any
     * directory of {@code .safetensors} files. Headers are read and validated, weights are not loaded. In a
     * run directory every entry of {@code snapshots/} is accounted for (listed, or reported as a problem); in a
     * plain directory only {@code .safetensors} files and leftovers of interrupted writes are, since other files
     * (notes, subdirectories) are not meant to be snapshots.
     */
    public static RunListing scan(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            throw new IOException(path + ": not a directory");
        }
        boolean isRun = Files.exists(path.resolve(MANIFEST)) || Files.isDirectory(path.resolve(SNAPSHOTS));
        return isRun ? at(path).list() : listPlain(path);
    }

    /**
     * Lists this run: its manifest, its snapshots in step order, and every problem found (temporary files of
     * interrupted writes, in the run directory or its snapshots, as warnings).
     */
    public RunListing list() throws IOException {
        List<RunListing.Problem> problems = new ArrayList<>();
        Optional<RunManifest> manifest = Optional.empty();
        try {
            manifest = Optional.of(readManifest());
        } catch (IOException e) {
            problems.add(e instanceof NoSuchFileException
                    ? new RunListing.Problem(root.resolve(MANIFEST), Severity.WARNING, "run.json is missing")
                    : error(root.resolve(MANIFEST), IoProblems.describe(e)));
        }
        for (Path file : Files.isDirectory(root) ? entries(root) : List.<Path>of()) {
            if (AtomicFiles.isTemporary(file)) {
                problems.add(leftover(file));
            }
        }
        Path dir = root.resolve(SNAPSHOTS);
        TreeMap<Long, SnapshotInfo> byStep = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            problems.add(error(dir, "the snapshots directory is missing"));
        } else {
            for (Path file : entries(dir)) {
                addSnapshot(file, manifest, byStep, problems);
            }
        }
        return new RunListing(root, manifest, new ArrayList<>(byStep.values()), problems);
    }

    private static RunListing listPlain(Path dir) throws IOException {
        List<RunListing.Problem> problems = new ArrayList<>();
        List<SnapshotInfo> snapshots = new ArrayList<>();
        for (Path file : entries(dir)) {
            if (Files.isDirectory(file)) {
                continue;
            }
            if (AtomicFiles.isTemporary(file)) {
                problems.add(leftover(file));
            } else if (file.getFileName().toString().endsWith(SUFFIX)) {
                try {
                    snapshots.add(SnapshotFiles.readInfo(file));
                } catch (IOException e) {
                    problems.add(error(file, IoProblems.describe(e)));
                }
            }
        }
        snapshots.sort(Comparator.comparingLong(SnapshotInfo::step).thenComparing(s -> s.file().toString()));
        return new RunListing(dir, Optional.empty(), snapshots, problems);
    }

    private static void addSnapshot(Path file, Optional<RunManifest> manifest, TreeMap<Long, SnapshotInfo> byStep,
                                    List<RunListing.Problem> problems) {
        if (AtomicFiles.isTemporary(file)) {
            problems.add(leftover(file));
            return;
        }
        Matcher m = SNAPSHOT_NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            problems.add(new RunListing.Problem(file, Severity.WARNING,
                    "not a snapshot file name (expected step-<9 digits>.safetensors); ignored"));
            return;
        }
        SnapshotInfo info;
        try {
            info = SnapshotFiles.readInfo(file);
        } catch (IOException e) {
            problems.add(error(file, IoProblems.describe(e)));
            return;
        }
        long named = Long.parseLong(m.group(1));
        if (info.step() != named) {
            problems.add(error(file, "file name says step " + named + " but the file holds step " + info.step()));
        } else if (manifest.isPresent() && !manifest.get().runId().equals(info.runId())) {
            problems.add(error(file, "belongs to run " + info.runId() + ", not to " + manifest.get().runId()));
        } else {
            SnapshotInfo earlier = byStep.putIfAbsent(info.step(), info);
            if (earlier != null) {
                // The canonically named file (step-%09d) wins; the other one is reported.
                boolean canonical = file.getFileName().toString().equals(snapshotName(info.step()));
                SnapshotInfo kept = canonical ? info : earlier;
                SnapshotInfo dropped = canonical ? earlier : info;
                byStep.put(info.step(), kept);
                problems.add(error(dropped.file(), "step " + info.step() + " is already recorded in "
                        + kept.file().getFileName()));
            }
        }
    }

    private static String snapshotName(long step) {
        return String.format("step-%09d%s", step, SUFFIX);
    }

    private static RunListing.Problem leftover(Path file) {
        return new RunListing.Problem(file, Severity.WARNING, Leftovers.describe(file));
    }

    private static RunListing.Problem error(Path file, String message) {
        return new RunListing.Problem(file, Severity.ERROR, message);
    }

    /** @return the entries of {@code dir}, sorted by name */
    static List<Path> entries(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(files::add);
        }
        files.sort(Comparator.naturalOrder());
        return files;
    }
}
