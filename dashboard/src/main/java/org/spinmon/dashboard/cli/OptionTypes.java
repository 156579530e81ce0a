package org.spinmon.dashboard.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.spinmon.analyzer.landscape.LandscapeSettings;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.analyzer.stream.OverflowPolicy;
import org.spinmon.trainer.mnist.MnistFile;
import org.spinmon.trainer.mnist.ProbeBatches;
import org.spinmon.trainer.net.HiddenActivation;
import org.spinmon.trainer.train.TrainingConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value types of spinmon's options: picocli converters that parse one command-line value and check it against
 * the option's allowed values, without looking at other options or at files. A value that does not fit throws a
 * {@link TypeConversionException} whose message is the rule and the value, {@code must be <allowed values>, was
 * '<value>'}; {@link UsageErrors} puts the command and the option's name in front of it. Rules between options and
 * rules about files are checked once the command line is parsed ({@link CheckedCommand}).
 *
 * <p>Upper bounds are where a larger value cannot work rather than where it is merely slow: the data there is
 * (MNIST has 60,000 training and 10,000 test images), what the analysis allocates per value (a scan point, a
 * landscape replica pair and sampling step, a waiting snapshot, an analysis thread), and the largest Java array
 * (a dense N × N matrix needs N ≤ 46,340).
 */
final class OptionTypes {

    /** The largest N whose N × N matrix fits in one Java array: ⌊√(2³¹ − 1)⌋. */
    static final int MAX_DENSE = SpinModelConfig.MAX_DENSE_LIMIT;
    /** The most snapshots that may wait for the analyzer (--capacity). */
    static final int MAX_CAPACITY = 1024;
    /** The most snapshots analysed at once, each on its own thread (--concurrency). */
    static final int MAX_CONCURRENCY = 64;
    /** The most temperature-scan points (--scan-points): each is one definiteness test of a Hessian. */
    static final int MAX_SCAN_POINTS = SpinModelConfig.MAX_SCAN_POINTS;
    /** The most landscape replicas (--landscape-replicas): R(R − 1)/2 overlap series are kept. */
    static final int MAX_LANDSCAPE_REPLICAS = LandscapeSettings.MAX_REPLICAS;
    /** The most measured sampler steps (--landscape-sampling): every pair's overlap at every step is kept. */
    static final int MAX_LANDSCAPE_SAMPLING = LandscapeSettings.MAX_SAMPLING_STEPS;

    private OptionTypes() {
    }

    /** @return the exception of a value outside {@code rule}: "must be RULE, was 'VALUE'" */
    static TypeConversionException outside(String rule, String value) {
        return new TypeConversionException("must be " + rule + ", was '" + value + "'");
    }

    /** @return the exception of a value outside {@code rule}, with why: "must be RULE, was 'VALUE' (WHY)" */
    static TypeConversionException outside(String rule, String value, String why) {
        return new TypeConversionException("must be " + rule + ", was '" + value + "' (" + why + ")");
    }

    /** @return {@code text} as an integer in [min, max] */
    static long integer(String text, long min, long max) {
        String rule = "an integer from " + min + " to " + max;
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            // not an integer, or beyond the range of long: the same answer as out of [min, max]
            throw outside(rule, text);
        }
        if (value < min || value > max) {
            throw outside(rule, text);
        }
        return value;
    }

    /** @return the attached value of a flag, {@code true} or {@code false} (case ignored) */
    static Boolean flag(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw notAFlagValue(text);
    }

    /** @return the exception of a flag given a value other than true or false */
    static TypeConversionException notAFlagValue(String text) {
        return outside("given without a value (a flag), or with =true or =false", text);
    }

    /** An integer in a closed range. */
    abstract static class IntIn implements ITypeConverter<Integer> {
        private final int min;
        private final int max;

        IntIn(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Integer convert(String text) {
            return (int) integer(text, min, max);
        }
    }

    /** A 64-bit integer in a closed range. */
    abstract static class LongIn implements ITypeConverter<Long> {
        private final long min;
        private final long max;

        LongIn(long min, long max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Long convert(String text) {
            return integer(text, min, max);
        }
    }

    /**
     * A finite real number in an interval; NaN and ±Infinity never fit, nor does {@code 1d} or {@code 0x1p3}
     * (decimal notation only).
     */
    abstract static class RealIn implements ITypeConverter<Double> {
        private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
        private final double low;
        private final boolean lowIncluded;
        private final double high;
        private final boolean highIncluded;

        /** @param high {@code Double.POSITIVE_INFINITY} for no upper bound (the value must still be finite) */
        RealIn(double low, boolean lowIncluded, double high, boolean highIncluded) {
            this.low = low;
            this.lowIncluded = lowIncluded;
            this.high = high;
            this.highIncluded = highIncluded;
        }

        @Override
        public Double convert(String text) {
            String t = text.strip();
            if (DECIMAL.matcher(t).matches()) {
                double v = Double.parseDouble(t);
                if (Double.isFinite(v) && (lowIncluded ? v >= low : v > low)
                        && (highIncluded ? v <= high : v < high)) {
                    return v;
                }
            }
            throw outside(rule(), text);
        }

        private String rule() {
            if (high == Double.POSITIVE_INFINITY) {
                return "a finite number " + (lowIncluded ? ">= " : "> ") + plain(low);
            }
            return "a number in " + (lowIncluded ? "[" : "(") + plain(low) + ", " + plain(high)
                    + (highIncluded ? "]" : ")");
        }

        private static String plain(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }
    }

    /** One of a fixed set of names, case and surrounding blanks ignored. */
    abstract static class OneOf<T> implements ITypeConverter<T> {
        private final T[] values;
        private final Function<T, String> name;

        OneOf(T[] values, Function<T, String> name) {
            this.values = values;
            this.name = name;
        }

        @Override
        public T convert(String text) {
            String wanted = text.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values).filter(v -> name.apply(v).equals(wanted)).findFirst()
                    .orElseThrow(() -> outside("one of " + Arrays.stream(values).map(name)
                            .collect(Collectors.joining(", ")), text));
        }
    }

    /** Any 64-bit integer (seeds). */
    static final class AnyLong extends LongIn {
        AnyLong() {
            super(Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    /** An integer ≥ 1 (counts, periods). */
    static final class Positive extends IntIn {
        Positive() {
            super(1, Integer.MAX_VALUE);
        }
    }

    /** An integer ≥ 0. */
    static final class NonNegative extends IntIn {
        NonNegative() {
            super(0, Integer.MAX_VALUE);
        }
    }

    /** A 64-bit integer ≥ 1 (optimizer steps). */
    static final class PositiveLong extends LongIn {
        PositiveLong() {
            super(1, Long.MAX_VALUE);
        }
    }

    /** A 64-bit integer ≥ 0 (steps; 0 often means "off" or "no limit"). */
    static final class NonNegativeLong extends LongIn {
        NonNegativeLong() {
            super(0, Long.MAX_VALUE);
        }
    }

    /** A number of MNIST training images, 1 … 60,000 (a minibatch, a training subset). */
    static final class TrainImages extends IntIn {
        TrainImages() {
            super(1, MnistFile.TRAIN_IMAGES.count());
        }
    }

    /** Replicas trained side by side, 1 … {@value TrainingConfig#MAX_REPLICAS}. */
    static final class Replicas extends IntIn {
        Replicas() {
            super(1, TrainingConfig.MAX_REPLICAS);
        }
    }

    /** A run's probe batch, 0 (none) … 10,000 MNIST test images. */
    static final class ProbeSize extends IntIn {
        ProbeSize() {
            super(0, ProbeBatches.MAX_SIZE);
        }
    }

    /** A synthetic probe batch, 1 … 10,000 inputs. */
    static final class SyntheticProbeSize extends IntIn {
        SyntheticProbeSize() {
            super(1, ProbeBatches.MAX_SIZE);
        }
    }

    /** Temperature-scan points, 2 … {@value #MAX_SCAN_POINTS}. */
    static final class ScanPoints extends IntIn {
        ScanPoints() {
            super(2, MAX_SCAN_POINTS);
        }
    }

    /** TAP starts, 1 … {@value SpinModelConfig#MAX_TAP_STARTS}: each keeps a magnetisation vector. */
    static final class TapStarts extends IntIn {
        TapStarts() {
            super(1, SpinModelConfig.MAX_TAP_STARTS);
        }
    }

    /** Landscape burn-in steps, 0 … {@value LandscapeSettings#MAX_BURN_IN}. */
    static final class LandscapeBurnIn extends IntIn {
        LandscapeBurnIn() {
            super(0, LandscapeSettings.MAX_BURN_IN);
        }
    }

    /** Landscape replicas, 2 (one overlap) … {@value #MAX_LANDSCAPE_REPLICAS}. */
    static final class LandscapeReplicas extends IntIn {
        LandscapeReplicas() {
            super(2, MAX_LANDSCAPE_REPLICAS);
        }
    }

    /** Measured sampler steps, 4 (two halves of two for split-R̂) … {@value #MAX_LANDSCAPE_SAMPLING}. */
    static final class LandscapeSampling extends IntIn {
        LandscapeSampling() {
            super(4, MAX_LANDSCAPE_SAMPLING);
        }
    }

    /** Snapshots waiting for the analyzer, 1 … {@value #MAX_CAPACITY}. */
    static final class Capacity extends IntIn {
        Capacity() {
            super(1, MAX_CAPACITY);
        }
    }

    /** Snapshots analysed at once, 1 … {@value #MAX_CONCURRENCY}. */
    static final class Concurrency extends IntIn {
        Concurrency() {
            super(1, MAX_CONCURRENCY);
        }
    }

    /** A TCP port, 0 (any free one) … 65535. */
    static final class Port extends IntIn {
        Port() {
            super(0, 65535);
        }
    }

    /** The largest N_tot of a dense definiteness test, 0 (never) … {@value #MAX_DENSE}. */
    static final class DenseLimit extends IntIn {
        DenseLimit() {
            super(0, MAX_DENSE);
        }
    }

    /** A finite number > 0 (a learning rate, an inverse temperature). */
    static final class PositiveReal extends RealIn {
        PositiveReal() {
            super(0, false, Double.POSITIVE_INFINITY, false);
        }
    }

    /** How many snapshot intervals an analysis is delayed by (bench --slow-analyzer), in (0, 1000]. */
    static final class Slowness extends RealIn {
        Slowness() {
            super(0, false, BenchCommand.MAX_SLOWNESS, true);
        }
    }

    /** A number in [0, 1) (a margin). */
    static final class Margin extends RealIn {
        Margin() {
            super(0, true, 1, false);
        }
    }

    /** A number in (0, 1) (a tolerance). */
    static final class OpenUnit extends RealIn {
        OpenUnit() {
            super(0, false, 1, false);
        }
    }

    /** A TAP temperature as a fraction of tc_melt, in (0, 2]. */
    static final class Tau extends RealIn {
        Tau() {
            super(0, false, 2, true);
        }
    }

    /** A hidden activation by its label. */
    static final class Activation extends OneOf<HiddenActivation> {
        Activation() {
            super(HiddenActivation.values(), HiddenActivation::label);
        }
    }

    /** An overflow policy by its label. */
    static final class Policy extends OneOf<OverflowPolicy> {
        Policy() {
            super(OverflowPolicy.values(), OverflowPolicy::label);
        }
    }

    /** Replay pace: {@code max} (+∞), {@code realtime} (1) or a finite factor > 0. */
    static final class Speed implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            if (t.equals("max")) {
                return Double.POSITIVE_INFINITY;
            }
            if (t.equals("realtime")) {
                return 1.0;
            }
            try {
                return new PositiveReal().convert(text);
            } catch (TypeConversionException e) {
                throw outside("max, realtime or a finite factor > 0", text);
            }
        }
    }

    /** Layer widths, input first, dash-separated. */
    static final class Widths implements ITypeConverter<LayerWidths> {
        @Override
        public LayerWidths convert(String text) {
            return LayerWidths.parse(text);
        }
    }

    /** A run id as snapshots and run directories allow it: it becomes a directory name, so no separators. */
    static final class RunId implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                return Snapshot.checkRunId(text);
            } catch (IllegalArgumentException e) {
                throw outside("1-128 characters from [A-Za-z0-9._-], not starting with a dot", text);
            }
        }
    }

    /** A path: not empty, and one the file system can name (no NUL character). */
    static final class FilePath implements ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            if (!text.isBlank()) {
                try {
                    return Path.of(text);
                } catch (InvalidPathException e) {
                    throw outside("a non-empty file system path", text, e.getReason());
                }
            }
            throw outside("a non-empty file system path", text);
        }
    }

    /**
     * A host to listen on: an IP address, or a host name (RFC 1123 labels) that resolves. Names under the reserved
     * top-level domain {@code .invalid} are refused without a lookup, as RFC 6761 §6.4 asks.
     */
    static final class Host implements ITypeConverter<String> {
        private static final Pattern NAME = Pattern.compile(
                "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
        private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
        private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9]+)?]?");
        private static final String RULE = "an IP address or a host name that resolves";

        @Override
        public String convert(String text) {
            String t = text.strip();
            boolean v4 = IPV4.matcher(t).matches();
            if (v4 && Arrays.stream(t.split("\\.")).anyMatch(o -> Integer.parseInt(o) > 255)) {
                throw outside(RULE, text);
            }
            if (!v4 && !IPV6.matcher(t).matches() && !NAME.matcher(t).matches()) {
                throw outside(RULE, text);
            }
            String name = t.toLowerCase(Locale.ROOT);
            if (name.endsWith(".invalid") || name.endsWith(".invalid.") || name.equals("invalid")) {
                throw outside(RULE, text, "the reserved domain .invalid never resolves");
            }
            try {
                InetAddress.getByName(t);
                return t;
            } catch (UnknownHostException | SecurityException e) {
                throw outside(RULE, text, "it does not resolve");
            }
        }
    }
}
