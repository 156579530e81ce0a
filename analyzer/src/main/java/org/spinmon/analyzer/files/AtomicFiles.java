package org.spinmon.analyzer.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes files so that a crash never leaves a partial file under its final name: the content goes to a
 * temporary file in the same directory, is forced to the device, renamed over the target atomically, and
 * the directory entry is forced too.
 *
 * <p>Temporary files are named {@code .<target name>.<pid>-<random>.tmp}, {@code pid} the writing process's id;
 * {@link #isTemporary(Path)} recognises them so that readers can report leftovers of an interrupted write instead
 * of reading them, and {@link #writer(Path)} tells which process wrote one, so that a leftover whose writer has
 * ended can be told from a write in progress.
 */
public final class AtomicFiles {

    /** Suffix of temporary files; never the suffix of a final file. */
    public static final String TEMP_SUFFIX = ".tmp";

    private static final Pattern WRITER = Pattern.compile("\\..+\\.([0-9]{1,18})-[0-9a-f]+\\.tmp");
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private AtomicFiles() {
    }

    /** Receives an open channel and writes the whole content into it. */
    @FunctionalInterface
    public interface ContentWriter {
        /** Writes the content from the channel's current position. */
        void writeTo(FileChannel channel) throws IOException;
    }

    /**
     * Atomically replaces {@code target} by what {@code writer} writes.
     *
     * @throws IOException if the directory is not writable, the device is full, or the rename fails; the
     *                     temporary file is then deleted and {@code target} is left as it was
     */
    public static void write(Path target, ContentWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.writeTo(channel);
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename atomically into " + dir + " (file system without atomic rename)", e);
            }
        } catch (IOException | RuntimeException | Error e) {
            // The write's own failure is what the caller must see; a failure to remove the temporary file too
            // rides along with it instead of replacing it.
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        forceDirectory(dir);
    }

    /** Atomically replaces {@code target} by {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, channel -> writeFully(channel, ByteBuffer.wrap(bytes)));
    }

    /** Writes every remaining byte of {@code buffer}. */
    public static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** @return whether {@code file} is the temporary file of an interrupted atomic write */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
    }

    /**
     * @return the id of the process that wrote the temporary file {@code file}, as its name says; empty when the name
     *         does not say (not a temporary file, or one named by an older spinmon)
     */
    public static OptionalLong writer(Path file) {
        Matcher m = WRITER.matcher(file.getFileName().toString());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    private static void forceDirectory(Path dir) throws IOException {
        // Makes the rename itself durable. Opening a directory for reading works on Linux and macOS; Windows refuses
        // it, and there the rename is still atomic, only its durability is the OS's.
        if (WINDOWS) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
