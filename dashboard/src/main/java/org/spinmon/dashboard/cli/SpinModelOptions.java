package org.spinmon.dashboard.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.spinmon.analyzer.spin.SpinLayout;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.trainer.mnist.DeadPixels;
import org.spinmon.trainer.mnist.Mnist;
import picocli.CommandLine.Option;

/** The spin-model analysis options shared by {@code analyze}, {@code train} and {@code replay}. */
final class SpinModelOptions {

    /** The long names of these options, to tell whether any was given. */
    static final List<String> NAMES = List.of("--tau", "--no-tap", "--starts", "--scan-points", "--delta",
            "--no-input", "--no-output", "--biases", "--drop-dead-pixels");

    @Option(names = "--tau", split = ",", paramLabel = "T", description = "TAP temperatures as fractions of"
            + " tc_melt (default: ${DEFAULT-VALUE})", defaultValue = "0.9")
    double[] taus;

    @Option(names = "--no-tap", description = "skip the TAP states (the most expensive part)")
    boolean noTap;

    @Option(names = "--starts", paramLabel = "N", defaultValue = "8", description = "TAP starts (default: ${DEFAULT-VALUE})")
    int starts;

    @Option(names = "--scan-points", paramLabel = "N", defaultValue = "100",
            description = "points of the temperature scan (default: ${DEFAULT-VALUE})")
    int scanPoints;

    @Option(names = "--delta", paramLabel = "D", defaultValue = "0.02",
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

    /**
     * @param data the MNIST directory option, for the dead pixels
     * @param seed seed of the analysis' random starts
     * @throws IllegalArgumentException naming the bad option's rule
     */
    SpinModelConfig config(Path data, long seed) throws IOException {
        BitSet dead = new BitSet();
        if (dropDeadPixels) {
            Path dir = Mnist.locate(Optional.ofNullable(data), System.getenv(), Path.of(System.getProperty("user.home")));
            dead = DeadPixels.of(dir);
        }
        return SpinModelConfig.builder()
                .layout(new SpinLayout(!noInput, !noOutput, biases, dead))
                .taus(noTap ? new double[0] : taus)
                .tapStarts(starts)
                .nScan(scanPoints)
                .delta(delta)
                .seed(seed)
                .build();
    }
}
