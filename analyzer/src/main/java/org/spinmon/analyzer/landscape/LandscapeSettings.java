package org.spinmon.analyzer.landscape;

import java.util.Arrays;
import java.util.Objects;

/**
 * The settings of the input-landscape sampler (landscape-and-kernels.md §1, after Hanin and Winer 2025, "Deep
 * Neural Nets as Hamiltonians"): which classes c and inverse temperatures β to sample p(x) ∝ exp(−β H_c(x)) at,
 * on the sphere |x|² = N_0, with H_c(x) = −z_c(x) the negative pre-softmax output of class c.
 *
 * <p><b>Default β.</b> What sets how strongly the measure localises is g = β|∇z_c|/√N_0, the analogue of the
 * linear network's g = β|h|/√N_0 (for H = −h·x, p is a von Mises–Fisher law with magnetisation along h
 * t = (√(1+4g²) − 1)/(2g) and replica overlap q = t²). Measured |∇_x z_c| on the sphere |x|² = 784 (mean over 64
 * uniform points; the range over the ten classes) for 784-512-256-128-10 ReLU networks without biases:
 * Xavier-initialised (W ~ N(0, 2/(n_in + n_out))) 0.56 – 0.75; a trainer run at step 0 0.57 – 0.72, after 128 steps
 * 1.16 – 1.54, after one MNIST epoch (938 Adam steps, test accuracy 0.944) 2.03 – 2.91. The defaults β = 8, 32, 128
 * (inverse output units, a factor 4 apart) give at |∇z| ≈ 0.68 (random) g ≈ 0.19, 0.78, 3.1 and at ≈ 2.4 (trained)
 * g ≈ 0.69, 2.7, 11: weak (t ≈ 0.2 – 0.5), intermediate and strong (t ≈ 0.85 – 0.96) localisation for both. Sampled
 * with these defaults (class 0): the trained network gives overlap means 0.225, 0.666, 0.902 (class 7: 0.283,
 * 0.721, 0.920), the von Mises–Fisher values of g = 0.61, 2.4, 9.7, where its |∇z_0| = 2.11 predicts 0.60, 2.4,
 * 9.7: a trained network's landscape is, to this accuracy, a linear field along its input gradient. The Xavier
 * network gives 0.013 and 0.293 at β = 8 and 32 (the von Mises–Fisher values of g = 0.12 and 0.77, where its
 * |∇z_0| = 0.68 predicts 0.20 and 0.78) and is refused at β = 128 (τ ≈ 340 steps, R̂ 2.6; with 2000 + 6000 steps
 * still τ ≈ 760, R̂ 1.8).
 *
 * <p><b>Default chain lengths.</b> 1500 burn-in and 2500 sampling steps: every point above except the random
 * network's β = 128 passes the equilibration tests with them (τ up to 90 steps). With 1000 + 2000 the random
 * network's β = 32 was refused (split-R̂ 1.104); 2000 + 2000 passed it with R̂ 1.053, 1500 + 2500 with 1.035.
 * About 4000 passes over R = 8 inputs: 15 – 30 s per point on two shared cores.
 *
 * @param enabled       run the sampler at all (default true; mind the cost above and {@code every})
 * @param classes       the classes c sampled, each an output unit 0 … N_L − 1, at least one, no repeats
 *                      (default {0})
 * @param betas         the inverse temperatures β, in inverse output (logit) units, each &gt; 0 and finite, at
 *                      least one (default {8, 32, 128}, see above)
 * @param replicas      R, the number of independent replicas, 2 … {@value #MAX_REPLICAS} (default 8)
 * @param burnIn        sampler steps discarded before measuring, during which the step size is adapted
 *                      (default {@value #DEFAULT_BURN_IN}), 0 … {@value #MAX_BURN_IN}
 * @param samplingSteps sampler steps measured, 4 … {@value #MAX_SAMPLING_STEPS} (split-R̂ splits each replica in two
 *                      halves of at least 2; default {@value #DEFAULT_SAMPLING_STEPS})
 * @param bins          the number of equal bins of the overlap histogram P(q) over [−1, 1], 2 … {@value #MAX_BINS}
 *                      (default 40)
 * @param lowestKept    how many lowest-energy samples are kept, one per replica, so 0 … R (default 4)
 * @param every         cadence: sample every {@code every}-th snapshot, at least 1 (default 4); stored for the
 *                      caller, which decides on which snapshots to run
 * @param seed          base seed; the point (class index, β index) of the snapshot at {@code step} is seeded
 *                      with {@link #pointSeed(long, int, int)}
 */
public record LandscapeSettings(boolean enabled, int[] classes, double[] betas, int replicas, int burnIn,
                                int samplingSteps, int bins, int lowestKept, int every, long seed) {

    /** Default burn-in, in sampler steps. */
    public static final int DEFAULT_BURN_IN = 1500;

    /** Default sampling-phase length, in sampler steps. */
    public static final int DEFAULT_SAMPLING_STEPS = 2500;

    /** The most replicas: R(R − 1)/2 overlap series are kept. */
    public static final int MAX_REPLICAS = 32;

    /** The most measured sampler steps: every replica pair's overlap at every step is kept. */
    public static final int MAX_SAMPLING_STEPS = 100_000;

    /** The most burn-in steps (a point's cost grows with them; 10⁶ is 400 times the default). */
    public static final int MAX_BURN_IN = 1_000_000;

    /** The most histogram bins. */
    public static final int MAX_BINS = 10_000;

    /** The most classes (each class × β is one sampled point). */
    public static final int MAX_CLASSES = 10_000;

    /** The most inverse temperatures (each class × β is one sampled point). */
    public static final int MAX_BETAS = 1_000;

    /** On; class 0 at β = 8, 32, 128; 8 replicas; 1500 + 2500 steps; 40 bins; 4 lowest samples; every 4th snapshot. */
    public static final LandscapeSettings DEFAULT = new LandscapeSettings(true, new int[]{0},
            new double[]{8, 32, 128}, 8, DEFAULT_BURN_IN, DEFAULT_SAMPLING_STEPS, 40, 4, 4, 1);

    /** Validates every knob and copies the arrays in. */
    public LandscapeSettings {
        Objects.requireNonNull(classes, "classes");
        Objects.requireNonNull(betas, "betas");
        if (classes.length == 0 || betas.length == 0) {
            throw new IllegalArgumentException("need at least one class and one beta");
        }
        if (classes.length > MAX_CLASSES || betas.length > MAX_BETAS) {
            throw new IllegalArgumentException("need at most " + MAX_CLASSES + " classes and " + MAX_BETAS
                    + " betas, were " + classes.length + " and " + betas.length);
        }
        if (Arrays.stream(classes).anyMatch(c -> c < 0) || Arrays.stream(classes).distinct().count() != classes.length) {
            throw new IllegalArgumentException("classes must be distinct and >= 0, were " + Arrays.toString(classes));
        }
        if (Arrays.stream(betas).anyMatch(b -> !(b > 0) || Double.isInfinite(b))) {
            throw new IllegalArgumentException("betas must be > 0 and finite, were " + Arrays.toString(betas));
        }
        if (replicas < 2 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas must be in 2 ... " + MAX_REPLICAS + " (2 for an overlap), was "
                    + replicas);
        }
        if (burnIn < 0 || burnIn > MAX_BURN_IN || samplingSteps < 4 || samplingSteps > MAX_SAMPLING_STEPS) {
            throw new IllegalArgumentException("need burnIn in 0 ... " + MAX_BURN_IN + " and samplingSteps in 4 ... "
                    + MAX_SAMPLING_STEPS + ", were " + burnIn + " and " + samplingSteps);
        }
        if (bins < 2 || bins > MAX_BINS) {
            throw new IllegalArgumentException("bins must be in 2 ... " + MAX_BINS + ", was " + bins);
        }
        if (lowestKept < 0 || lowestKept > replicas) {
            throw new IllegalArgumentException("lowestKept must be in 0 ... replicas (" + replicas + "), was "
                    + lowestKept);
        }
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, was " + every);
        }
        classes = classes.clone();
        betas = betas.clone();
    }

    /** @return a fresh copy of the classes */
    @Override
    public int[] classes() {
        return classes.clone();
    }

    /** @return a fresh copy of the inverse temperatures */
    @Override
    public double[] betas() {
        return betas.clone();
    }

    /** @return these settings with the sampler switched on or off */
    public LandscapeSettings withEnabled(boolean on) {
        return new LandscapeSettings(on, classes, betas, replicas, burnIn, samplingSteps, bins, lowestKept, every,
                seed);
    }

    /** @return these settings sampling {@code cs} at {@code bs} */
    public LandscapeSettings withPoints(int[] cs, double[] bs) {
        return new LandscapeSettings(enabled, cs, bs, replicas, burnIn, samplingSteps, bins, lowestKept, every, seed);
    }

    /**
     * @return these settings with R = {@code r} replicas, {@code burn} burn-in and {@code sampling} measured steps,
     *         and the lowest samples kept capped at {@code r}
     */
    public LandscapeSettings withChains(int r, int burn, int sampling) {
        return new LandscapeSettings(enabled, classes, betas, r, burn, sampling, bins, Math.min(lowestKept, r), every,
                seed);
    }

    /** @return these settings with another base seed */
    public LandscapeSettings withSeed(long s) {
        return new LandscapeSettings(enabled, classes, betas, replicas, burnIn, samplingSteps, bins, lowestKept, every,
                s);
    }

    /**
     * @param step       the snapshot's optimizer step
     * @param classIndex the position of the class in {@link #classes()}
     * @param betaIndex  the position of β in {@link #betas()}
     * @return the seed of that point's replicas: a SplitMix64 mix of the base seed and the three
     */
    public long pointSeed(long step, int classIndex, int betaIndex) {
        long z = seed + 0x9E3779B97F4A7C15L * (step + 1) + 0xBF58476D1CE4E5B9L * classIndex
                + 0x94D049BB133111EBL * betaIndex;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LandscapeSettings other
                && enabled == other.enabled
                && Arrays.equals(classes, other.classes)
                && Arrays.equals(betas, other.betas)
                && replicas == other.replicas
                && burnIn == other.burnIn
                && samplingSteps == other.samplingSteps
                && bins == other.bins
                && lowestKept == other.lowestKept
                && every == other.every
                && seed == other.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, Arrays.hashCode(classes), Arrays.hashCode(betas), replicas, burnIn, samplingSteps,
                bins, lowestKept, every, seed);
    }

    @Override
    public String toString() {
        return "LandscapeSettings[enabled=" + enabled + ", classes=" + Arrays.toString(classes) + ", betas="
                + Arrays.toString(betas) + ", replicas=" + replicas + ", burnIn=" + burnIn + ", samplingSteps="
                + samplingSteps + ", bins=" + bins + ", lowestKept=" + lowestKept + ", every=" + every + ", seed="
                + seed + "]";
    }
}
