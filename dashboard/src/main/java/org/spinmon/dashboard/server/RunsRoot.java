package org.spinmon.dashboard.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.snapshot.Snapshot;

/**
 * The runs directory as the server reads it: the one place where a run id from a request becomes a path, so that
 * no request can name a file outside the directory. The id is checked against the snapshot format's syntax
 * ({@link Snapshot#checkRunId}: 1-128 characters from {@code [A-Za-z0-9._-]}, not starting with a dot) on the
 * raw, undecoded request path, so it holds no separator, no {@code ..} segment and no escape that a later decoding
 * could turn into one; a run is then a direct child of the directory. Symbolic links are followed only as far as
 * the directory reaches: a run directory or file whose real path (all links resolved, which reads link targets'
 * metadata but opens nothing) lies outside the runs directory is refused with 403, and nothing under it is read.
 * The runs directory itself may be a link; its real path is the boundary. It may not exist yet ({@code train}
 * creates it with its first run): then no run is recorded.
 */
final class RunsRoot {

    /** The reason given for a run, or a file of a run, that leads out of the runs directory. */
    static final String OUTSIDE = "links out of the runs directory; spinmon serves only files inside it";

    private final Path runs;

    /** @param runs the runs directory, or {@code null} for none */
    RunsRoot(Path runs) {
        this.runs = runs;
    }

    /** A recorded run for the run list: its id, and its real directory or why it is not served. */
    record Recorded(String id, Path dir, String problem) {
    }

    /**
     * @return the real path of run {@code id}'s directory, inside the runs directory
     * @throws HttpProblem 400 when {@code id} is not a run id, 403 when the run leads out of the runs directory,
     *                     404 when there is no such run, 500 when it cannot be read
     */
    Path dir(String id) throws HttpProblem {
        checkId(id);
        Path root = root();
        Path dir = root == null ? null : root.resolve(id);
        Path real = dir != null && Files.exists(dir, LinkOption.NOFOLLOW_LINKS) ? inside(root, dir, id) : null;
        if (real == null || !Files.isDirectory(real)) {
            throw new HttpProblem(404, "no run " + id + ": neither monitored by this process nor recorded in the runs"
                    + " directory");
        }
        return real;
    }

    /**
     * @param dir a run directory from {@link #dir}
     * @return the real path of the run's file {@code name}, a regular file inside the runs directory, or
     *         {@code null} when the run has none
     * @throws HttpProblem 403 when the file leads out of the runs directory, 500 when it cannot be read
     */
    Path file(Path dir, String id, String name) throws HttpProblem {
        Path root = root();
        Path real = root == null ? null : inside(root, dir.resolve(name), id);
        return real != null && Files.isRegularFile(real) ? real : null;
    }

    /**
     * @return the entries of the runs directory that are runs (a {@value RunDirectory#MANIFEST} inside), by name;
     *         entries whose name is not a run id are not runs the API could serve and are left out; a run that
     *         leads out of the runs directory or cannot be read is listed with the reason, its directory null
     */
    List<Recorded> recorded() throws IOException, HttpProblem {
        Path root = root();
        if (root == null) {
            return List.of();
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(root)) {
            names = entries.map(p -> p.getFileName().toString()).filter(Snapshot::isRunId).sorted().toList();
        }
        List<Recorded> recorded = new ArrayList<>();
        for (String id : names) {
            try {
                Path dir = dir(id);
                if (file(dir, id, RunDirectory.MANIFEST) != null) {
                    recorded.add(new Recorded(id, dir, null));
                }
            } catch (HttpProblem p) {
                if (p.status() != 404) {
                    recorded.add(new Recorded(id, null, p.getMessage()));
                }
            }
        }
        return recorded;
    }

    /** @throws HttpProblem 400 when {@code id} is not a run id */
    static void checkId(String id) throws HttpProblem {
        if (!Snapshot.isRunId(id)) {
            throw new HttpProblem(400, "not a run id: " + quote(id) + " (a run id is 1-128 characters from"
                    + " [A-Za-z0-9._-], not starting with a dot)");
        }
    }

    /** The id as the error shows it: quoted, and cut after 140 characters. */
    private static String quote(String id) {
        return "\"" + (id.length() > 140 ? id.substring(0, 140) + "…" : id) + "\"";
    }

    private Path root() throws HttpProblem {
        if (runs == null) {
            return null;
        }
        if (!Files.exists(runs)) {
            return null;
        }
        try {
            return runs.toRealPath();
        } catch (IOException e) {
            throw new HttpProblem(500, "the runs directory cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** @return the real path of {@code path}, {@code null} if it does not exist; 403 if it lies outside {@code root} */
    private static Path inside(Path root, Path path, String id) throws HttpProblem {
        if (!Files.exists(path)) {
            return null;
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new HttpProblem(500, "run " + id + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (!real.startsWith(root) || real.equals(root)) {
            throw new HttpProblem(403, "run " + id + " " + OUTSIDE);
        }
        return real;
    }
}
