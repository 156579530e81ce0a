package org.spinmon.trainer.train;

/**
 * The training thread met an {@link Error} (a native library that cannot be loaded, an exhausted heap, a class
 * that cannot be initialised), carried to the stream's subscriber as an ordinary exception.
 *
 * <p>Why it exists: Reactor treats {@link LinkageError} and {@link VirtualMachineError} as fatal and rethrows
 * them from {@code onError} instead of delivering them, so an {@code Error} passed to the sink as it is never
 * reaches the subscriber: the training thread dies and the run waits forever for a signal that never comes.
 * Wrapped, it ends the run with a message naming the error and its root cause; the original is the cause.
 */
public final class TrainingFailedException extends RuntimeException {

    /** @param error what the training thread met */
    public TrainingFailedException(Error error) {
        super(describe(error), error);
    }

    private static String describe(Error error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = error instanceof OutOfMemoryError
                ? "training ran out of memory (" + error.getMessage() + "); give the JVM more, e.g."
                        + " SPINMON_JAVA_OPTS=-Xmx8g, or train a smaller network"
                : "training failed: " + name(error);
        return root == error || error instanceof OutOfMemoryError ? what : what + ", caused by " + name(root);
    }

    private static String name(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
