package org.spinmon.trainer.mnist;

import java.io.IOException;

/** MNIST is not in the data directory and no source could fetch it; the message says what to do. */
public final class MnistUnavailableException extends IOException {

    /** Creates the exception with a complete, user-facing message. */
    public MnistUnavailableException(String message) {
        super(message);
    }
}
