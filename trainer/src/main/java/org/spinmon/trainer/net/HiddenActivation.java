package org.spinmon.trainer.net;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;

/**
 * The activation of the hidden layers: {@code relu} (max(0, x)) for the ordinary MLP, {@code sign} ({@link SignSte}:
 * sign forward, straight-through estimator backward) for the binarized one. The output layer is always softmax.
 */
public enum HiddenActivation {
    /** Rectified linear unit, max(0, x): DL4J's {@link ActivationReLU}. */
    RELU("relu"),
    /** Sign with the straight-through estimator: {@link SignSte}. */
    SIGN(SignSte.NAME);

    private final String label;

    HiddenActivation(String label) {
        this.label = label;
    }

    /** @return the name used on the command line, in snapshots and in run.json: {@code relu} or {@code sign} */
    public String label() {
        return label;
    }

    /** @return a new DL4J activation function computing this activation */
    public IActivation function() {
        return switch (this) {
            case RELU -> new ActivationReLU();
            case SIGN -> new SignSte();
        };
    }

    /**
     * @param name a {@link #label()}, case and surrounding blanks ignored
     * @throws IllegalArgumentException listing the allowed names when {@code name} is none of them
     */
    public static HiddenActivation parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("activation must be one of "
                        + Arrays.stream(values()).map(HiddenActivation::label).collect(Collectors.joining(", "))
                        + ", was \"" + name + "\""));
    }
}
