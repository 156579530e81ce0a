package org.spinmon.analyzer.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says what went wrong with a file in words a user can act on. The JDK's file exceptions often carry only the
 * path (an {@link AccessDeniedException}'s message is the bare file name), and a channel's write failure only
 * the system's reason ({@code No space left on device}) without the file: this names both where they are known.
 */
public final class IoProblems {

    private IoProblems() {
    }

    /** @return the file (when the exception names one) and the reason, never just a path, never {@code null} */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() != null ? f.getReason() : reason(f);
            String file = f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile())
                    + ": ";
            return file + reason;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String reason(FileSystemException f) {
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (f instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (f instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (f instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return f.getClass().getSimpleName();
    }
}
