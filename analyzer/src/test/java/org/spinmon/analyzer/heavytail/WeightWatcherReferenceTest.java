package org.spinmon.analyzer.heavytail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the heavy-tail metrics with {@code src/test/python/ww_reference.py}, which computes them with the
 * libraries WeightWatcher 0.7.5 calls (numpy's SVD, scikit-learn's KernelDensity, scipy's brute + fmin and
 * stats.entropy). Needs a python3 with numpy, scipy and scikit-learn (CI installs Debian's).
 */
class WeightWatcherReferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Case> CASES = new ArrayList<>();
    private static JsonNode reference;

    private record Case(String name, int rows, int cols, double[] w, double[] permuted) {
    }

    private static void add(String name, int rows, int cols, double[] w) {
        CASES.add(new Case(name, rows, cols, w, Randomizer.permuted(w, new SplittableRandom(CASES.size()))));
    }

    @BeforeAll
    static void runReference(@TempDir Path dir) throws IOException, InterruptedException {
        add("gaussian 300x120", 300, 120, MpFitterTest.gaussian(300, 120, 0.05, 1));
        SplittableRandom r = new SplittableRandom(2);
        double[] t = new double[250 * 100];
        for (int i = 0; i < t.length; i++) {
            double chi = 0;
            for (int k = 0; k < 3; k++) {
                double g = r.nextGaussian();
                chi += g * g;
            }
            t[i] = 0.05 * r.nextGaussian() / Math.sqrt(chi / 3);
        }
        add("student-t(3) 250x100", 250, 100, t);
        add("square 80x80", 80, 80, MpFitterTest.gaussian(80, 80, 0.1, 3));
        double[] spiked = MpFitterTest.gaussian(100, 400, 1, 4);
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < 400; j++) {
                spiked[i * 400 + j] += 0.4 * Math.sin(i + 1.0) * Math.cos(j / 3.0);
            }
        }
        add("planted 100x400", 100, 400, spiked);
        add("output 128x10", 128, 10, MpFitterTest.gaussian(128, 10, 0.1, 5));

        List<Map<String, Object>> in = new ArrayList<>();
        for (Case c : CASES) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", c.rows());
            m.put("cols", c.cols());
            m.put("w", c.w());
            m.put("permuted", c.permuted());
            in.add(m);
        }
        Path input = dir.resolve("in.json");
        Path output = dir.resolve("out.json");
        JSON.writeValue(input.toFile(), in);
        Path script = Path.of("src/test/python/ww_reference.py").toAbsolutePath();
        Process p = new ProcessBuilder(python(), script.toString(), input.toString(), output.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("ww_reference.py failed:\n" + log);
        }
        reference = JSON.readTree(output.toFile());
    }

    /** @return a python3 that has numpy, scipy and scikit-learn */
    private static String python() throws IOException, InterruptedException {
        for (String candidate : new String[]{"python3", "/usr/bin/python3"}) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import numpy, scipy, sklearn")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() == 0) {
                    return candidate;
                }
            } catch (IOException absent) {
                // try the next candidate
            }
        }
        throw new IllegalStateException("no python3 with numpy, scipy and scikit-learn (Debian: apt-get install "
                + "python3-numpy python3-scipy python3-sklearn)");
    }

    private static double rel(double expected) {
        return 1e-9 * Math.max(1, Math.abs(expected));
    }

    @Test
    void esdPowerLawAndNormsMatchTheReference() {
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            JsonNode ref = reference.get(i);
            Esd esd = Esd.of(c.w(), c.rows(), c.cols());
            double[] evals = esd.eigenvalues();
            double[] expected = new double[evals.length];
            for (int k = 0; k < expected.length; k++) {
                expected[k] = ref.get("evals").get(k).asDouble();
            }
            assertArrayEquals(expected, evals, 1e-10 * expected[expected.length - 1], c.name());
            assertEquals(ref.get("rank_loss").asInt(), esd.rankLoss(), c.name());

            PowerLawTail fit = TailFitter.fit(evals);
            assertEquals(ref.get("alpha").asDouble(), fit.alpha(), rel(ref.get("alpha").asDouble()), c.name());
            assertEquals(ref.get("xmin").asDouble(), fit.xmin(), rel(ref.get("xmin").asDouble()), c.name());
            assertEquals(ref.get("D").asDouble(), fit.d(), 1e-9, c.name());
            assertEquals(ref.get("sigma").asDouble(), fit.sigma(), 1e-9, c.name());
            assertEquals(ref.get("num_pl_spikes").asInt(), fit.numPlSpikes(), c.name());

            NormMetrics n = NormMetrics.of(esd, fit.alpha());
            assertEquals(ref.get("log_norm").asDouble(), n.logNorm(), 1e-9, c.name());
            assertEquals(ref.get("log_spectral_norm").asDouble(), n.logSpectralNorm(), 1e-9, c.name());
            assertEquals(ref.get("alpha_weighted").asDouble(), n.alphaWeighted(), 1e-9, c.name());
            assertEquals(ref.get("log_alpha_norm").asDouble(), n.logAlphaNorm(), 1e-9, c.name());
            assertEquals(ref.get("stable_rank").asDouble(), n.stableRank(), rel(n.stableRank()), c.name());
            assertEquals(ref.get("matrix_rank").asInt(), n.matrixRank(), c.name());
            assertEquals(ref.get("entropy").asDouble(), n.entropy(), 1e-9, c.name());
        }
    }

    @Test
    void marchenkoPasturFitMatchesScikitLearnAndScipy() {
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            JsonNode ref = reference.get(i);
            Esd esd = Esd.of(c.w(), c.rows(), c.cols());
            MarchenkoPastur mp = MpFitter.fit(esd.eigenvalues(), esd.n(), esd.m());
            double sigma = ref.get("sigma_mp").asDouble();
            assertEquals(sigma, mp.sigmaMp(), 1e-7 * sigma, c.name() + ": " + mp);
            assertEquals(ref.get("num_spikes").asInt(), mp.numSpikes(), c.name());
            double[] data = esd.eigenvalues();
            double scale2 = mp.wScale() * mp.wScale();
            for (int k = 0; k < data.length; k++) {
                data[k] = esd.q() == 1 ? Math.sqrt(scale2 * data[k]) : scale2 * data[k];
            }
            double residual = ref.get("mp_residual").asDouble();
            assertEquals(residual, new MpFitter.Residual(data, esd.q()).sumOfSquares(mp.sigmaMp()), 1e-9 * residual,
                    c.name() + ": the density estimate and the law at the fitted sigma");
            assertEquals(ref.get("mp_softrank").asDouble(), mp.mpSoftrank(), 1e-6, c.name());
            assertEquals(ref.get("W_scale").asDouble(), mp.wScale(), rel(mp.wScale()), c.name());
            double bulkMax = ref.get("bulk_max").asDouble();
            assertEquals(bulkMax, mp.bulkMax(), 1e-6 * bulkMax, c.name());
            assertEquals(ref.get("bulk_min").asDouble(), mp.bulkMin(), 1e-6 * bulkMax, c.name());
        }
    }

    @Test
    void randDistanceMatchesScipysEntropy() {
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            double[] evals = Esd.of(c.w(), c.rows(), c.cols()).eigenvalues();
            double[] rand = Esd.of(c.permuted(), c.rows(), c.cols()).eigenvalues();
            assertEquals(reference.get(i).get("rand_distance").asDouble(),
                    Randomizer.jensenShannonDistance(evals, rand), 1e-9, c.name());
        }
    }
}
