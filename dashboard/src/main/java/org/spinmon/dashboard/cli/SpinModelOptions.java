package org.spinmon.dashboard.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.analysis.ViewSettings;
import org.spinmon.analyzer.heavytail.HeavyTailSettings;
import org.spinmon.analyzer.landscape.LandscapeSettings;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.analyzer.spin.SpinLayout;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.trainer.mnist.DeadPixels;
import org.spinmon.trainer.mnist.Mnist;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The analysis options shared by {@code analyze}, {@code train} and {@code replay}: the spin model
 * (spin-model.md §8.1), the WeightWatcher-compatible heavy-tail metrics (ecosystem.md §2) and the forward-pass
 * views (landscape-and-kernels.md).
 */
final class SpinModelOptions {

    /** The long names of these options, to tell whether any was given. */
    static final List<String> NAMES = List.of("--tau", "--no-tap", "--starts", "--scan-points", "--delta",
            "--no-input", "--no-output", "--biases", "--drop-dead-pixels", "--no-ww", "--no-mp-fit",
            "--ww-randomize-every", "--ww-min-evals", "--ww-max-evals", "--no-kernels", "--no-freezing",
            "--solid-epsilon", "--solid-window", "--no-landscape", "--landscape-every", "--landscape-classes",
            "--landscape-betas", "--landscape-replicas", "--landscape-burn-in", "--landscape-sampling");

    @Option(names = "--tau", converter = OptionTypes.Tau.class, split = ",", paramLabel = "T", description = "TAP temperatures as fractions of"
            + " tc_melt (default: ${DEFAULT-VALUE})", defaultValue = "0.9")
    double[] taus;

    @Option(names = "--no-tap", description = "skip the TAP states (the most expensive part)")
    boolean noTap;

    @Option(names = "--starts", converter = OptionTypes.TapStarts.class, paramLabel = "N", defaultValue = "8", description = "TAP starts, 1-"
            + SpinModelConfig.MAX_TAP_STARTS + " (default: ${DEFAULT-VALUE})")
    int starts;

    @Option(names = "--scan-points", converter = OptionTypes.ScanPoints.class, paramLabel = "N", defaultValue = "100",
            description = "points of the temperature scan, 2-" + OptionTypes.MAX_SCAN_POINTS + " (default: ${DEFAULT-VALUE})")
    int scanPoints;

    @Option(names = "--delta", converter = OptionTypes.Margin.class, paramLabel = "D", defaultValue = "0.02",
            description = "phase margin: hidden order needs T_c,order > (1+D)·T_SG (default: ${DEFAULT-VALUE})")
    double delta;

    @Option(names = "--no-input", description = "leave the input (pixel) spins out of H")
    boolean noInput;

    @Option(names = "--no-output", description = "leave the output (class) spins out of H")
    boolean noOutput;

    @Option(names = "--biases", description = "biases as local fields in H (breaks the Z2 symmetry)")
    boolean biases;

    @Option(names = "--drop-dead-pixels", description = "leave out the input pixels that are zero in every MNIST"
            + " training image (needs MNIST, see --data)")
    boolean dropDeadPixels;

    @Option(names = "--no-ww", description = "skip the WeightWatcher-compatible heavy-tail metrics (one SVD per"
            + " layer)")
    boolean noWw;

    @Option(names = "--no-mp-fit", description = "skip the Marchenko-Pastur fit of the heavy-tail metrics")
    boolean noMpFit;

    @Option(names = "--ww-randomize-every", converter = OptionTypes.NonNegativeLong.class, paramLabel = "STEPS", defaultValue = "1000", description = "randomise"
            + " the weights (correlation traps; doubles the SVD cost) at step 0, at epoch ends and at multiples of"
            + " STEPS; 0 = never (default: ${DEFAULT-VALUE})")
    long randomizeEvery;

    @Option(names = "--ww-min-evals", converter = OptionTypes.Positive.class, paramLabel = "N", defaultValue = "10", description = "skip layers with fewer"
            + " than N eigenvalues, min(n_in, n_out) (default: ${DEFAULT-VALUE}, WeightWatcher's)")
    int minEvals;

    @Option(names = "--ww-max-evals", converter = OptionTypes.Positive.class, paramLabel = "N", defaultValue = "15000", description = "skip layers with"
            + " more than N eigenvalues (default: ${DEFAULT-VALUE}, WeightWatcher's)")
    int maxEvals;

    @Option(names = "--no-kernels", description = "skip the layer kernels on the probe batch")
    boolean noKernels;

    @Option(names = "--no-freezing", description = "skip the layer freezing profile (self and replica overlaps)")
    boolean noFreezing;

    @Option(names = "--solid-epsilon", converter = OptionTypes.OpenUnit.class, paramLabel = "EPS", defaultValue = "0.01", description = "a layer is solid"
            + " when its spin self-overlap with the previous snapshot is >= 1 - EPS (default: ${DEFAULT-VALUE})")
    double solidEpsilon;

    @Option(names = "--solid-window", converter = OptionTypes.Positive.class, paramLabel = "N", defaultValue = "3", description = "... over the last N"
            + " analysed snapshots (default: ${DEFAULT-VALUE})")
    int solidWindow;

    @Option(names = "--no-landscape", description = "skip the input landscape (Gibbs sampling of inputs; the most"
            + " expensive view)")
    boolean noLandscape;

    @Option(names = "--landscape-every", converter = OptionTypes.Positive.class, paramLabel = "K", defaultValue = "4", description = "sample the input"
            + " landscape on every K-th snapshot of the run (default: ${DEFAULT-VALUE})")
    int landscapeEvery;

    @Option(names = "--landscape-classes", converter = OptionTypes.NonNegative.class, split = ",", paramLabel = "C", defaultValue = "0", description = "output"
            + " classes c of H_c(x) = -z_c(x) (default: ${DEFAULT-VALUE})")
    int[] landscapeClasses;

    @Option(names = "--landscape-betas", converter = OptionTypes.PositiveReal.class, split = ",", paramLabel = "B", defaultValue = "8,32,128", description =
            "inverse temperatures, in inverse logit units (default: ${DEFAULT-VALUE})")
    double[] landscapeBetas;

    @Option(names = "--landscape-replicas", converter = OptionTypes.LandscapeReplicas.class, paramLabel = "R", defaultValue = "8", description = "independent"
            + " replicas per point, 2-" + OptionTypes.MAX_LANDSCAPE_REPLICAS + " (default: ${DEFAULT-VALUE})")
    int landscapeReplicas;

    @Option(names = "--landscape-burn-in", converter = OptionTypes.LandscapeBurnIn.class, paramLabel = "N", defaultValue = "1500", description = "sampler steps"
            + " discarded (step size adapted) (default: ${DEFAULT-VALUE})")
    int landscapeBurnIn;

    @Option(names = "--landscape-sampling", converter = OptionTypes.LandscapeSampling.class, paramLabel = "N", defaultValue = "2500", description = "sampler steps"
            + " measured, 4-" + OptionTypes.MAX_LANDSCAPE_SAMPLING + " (default: ${DEFAULT-VALUE})")
    int landscapeSampling;

    /**
     * Checks the rules between these options, and the settings as the analyzer's records take them, without
     * reading anything (the dead pixels are left out).
     *
     * @param spec    the command, for its errors
     * @param outputs the network's output width when the command knows it (10 for MNIST), else 0
     * @throws picocli.CommandLine.ParameterException naming the option and the allowed values
     */
    void check(CommandSpec spec, int outputs) {
        if (maxEvals < minEvals) {
            throw UsageErrors.outside(spec, "--ww-max-evals", ">= --ww-min-evals (" + minEvals + ")", maxEvals);
        }
        String classes = Arrays.stream(landscapeClasses).mapToObj(String::valueOf).collect(Collectors.joining(","));
        if (Arrays.stream(landscapeClasses).distinct().count() != landscapeClasses.length) {
            throw UsageErrors.outside(spec, "--landscape-classes", "distinct classes", classes);
        }
        if (outputs > 0 && Arrays.stream(landscapeClasses).anyMatch(c -> c >= outputs)) {
            throw UsageErrors.outside(spec, "--landscape-classes", "output classes from 0 to " + (outputs - 1),
                    classes);
        }
        try {
            settings(new BitSet(), 1);
        } catch (IllegalArgumentException e) {
            throw UsageErrors.error(spec, "analysis options: " + e.getMessage());
        }
    }

    /**
     * @param data  the MNIST directory option, for the dead pixels
     * @param seed  seed of the analysis' random starts and permutations
     * @param probe the run's probe batch, or {@code null} without one
     * @return the analyzer these options describe
     * @throws IllegalArgumentException naming the bad setting (none after {@link #check})
     */
    SnapshotAnalyzer analyzer(Path data, long seed, ProbeBatch probe) throws IOException {
        BitSet dead = new BitSet();
        if (dropDeadPixels) {
            dead = DeadPixels.of(Mnist.locate(Optional.ofNullable(data), System.getenv(),
                    Path.of(System.getProperty("user.home"))));
        }
        return settings(dead, seed).probe(probe).build();
    }

    private SnapshotAnalyzer.Builder settings(BitSet dead, long seed) {
        LandscapeSettings d = LandscapeSettings.DEFAULT;
        LandscapeSettings landscape = new LandscapeSettings(!noLandscape, landscapeClasses, landscapeBetas,
                landscapeReplicas, landscapeBurnIn, landscapeSampling, d.bins(),
                Math.min(d.lowestKept(), landscapeReplicas), landscapeEvery, seed);
        HeavyTailSettings heavyTail = new HeavyTailSettings(!noWw, minEvals, maxEvals, HeavyTailSettings.DEFAULT.maxN(),
                !noMpFit, randomizeEvery, seed);
        SpinModelConfig config = SpinModelConfig.builder()
                .layout(new SpinLayout(!noInput, !noOutput, biases, dead))
                .taus(noTap ? new double[0] : taus)
                .tapStarts(starts)
                .nScan(scanPoints)
                .delta(delta)
                .seed(seed)
                .build();
        return SnapshotAnalyzer.builder(config).heavyTail(heavyTail)
                .views(new ViewSettings(!noKernels, !noFreezing, solidEpsilon, solidWindow, landscape));
    }
}
