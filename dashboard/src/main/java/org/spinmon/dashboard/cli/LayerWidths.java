package org.spinmon.dashboard.cli;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.spinmon.trainer.net.NetworkConfig;

/**
 * The spin-layer widths N_0 … N_L of an MLP as the command line gives them, {@code 784-512-256-128-10}: at least
 * two positive integers joined by '-', and every weight matrix N_k × N_{k+1} small enough for one Java array
 * ({@link NetworkConfig#MAX_LAYER_WEIGHTS}), as snapshots hold each layer's weights in one.
 *
 * @param widths the widths, input first
 */
record LayerWidths(List<Integer> widths) {

    private static final Pattern FORM = Pattern.compile("\\d+(-\\d+)+");
    private static final String RULE = "two or more integers >= 1 joined by '-', like 784-512-256-128-10, each"
            + " weight matrix at most " + NetworkConfig.MAX_LAYER_WEIGHTS + " weights";

    /** Copies the widths. */
    LayerWidths {
        widths = List.copyOf(widths);
    }

    /**
     * @return the widths {@code text} names
     * @throws picocli.CommandLine.TypeConversionException naming the form when it is not one
     */
    static LayerWidths parse(String text) {
        String t = text.strip();
        if (FORM.matcher(t).matches()) {
            try {
                List<Integer> w = Pattern.compile("-").splitAsStream(t).map(Integer::valueOf).toList();
                if (w.stream().allMatch(n -> n >= 1) && largestLayer(w) <= NetworkConfig.MAX_LAYER_WEIGHTS) {
                    return new LayerWidths(w);
                }
            } catch (NumberFormatException e) {
                throw OptionTypes.outside(RULE, text, "a width beyond " + Integer.MAX_VALUE);
            }
        }
        throw OptionTypes.outside(RULE, text);
    }

    /** @return the widths as an array */
    int[] array() {
        return widths.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return the number of weights, Σ N_k · N_{k+1} */
    long weights() {
        long sum = 0;
        for (int k = 0; k + 1 < widths.size(); k++) {
            sum += (long) widths.get(k) * widths.get(k + 1);
        }
        return sum;
    }

    /**
     * @param bytesPerWeight the least memory each weight takes while the command runs
     * @return why these widths cannot fit in this JVM's largest heap, or {@code null} when they may
     */
    String tooLargeForHeap(long bytesPerWeight) {
        long max = Runtime.getRuntime().maxMemory();
        double needed = (double) weights() * bytesPerWeight;
        if (needed <= max) {
            return null;
        }
        return String.format(Locale.ROOT, "%d weights need at least %.1f GiB of heap, this JVM has at most %.1f GiB;"
                + " choose smaller widths or raise the heap (SPINMON_JAVA_OPTS=-Xmx...)", weights(),
                needed / (1L << 30), max / (double) (1L << 30));
    }

    @Override
    public String toString() {
        return widths.stream().map(String::valueOf).collect(Collectors.joining("-"));
    }

    private static long largestLayer(List<Integer> w) {
        long largest = 0;
        for (int k = 0; k + 1 < w.size(); k++) {
            largest = Math.max(largest, (long) w.get(k) * w.get(k + 1));
        }
        return largest;
    }
}
