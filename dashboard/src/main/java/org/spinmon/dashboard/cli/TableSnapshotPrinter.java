package org.spinmon.dashboard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;

/** The human-readable inspection: a header line per snapshot, then one row per layer. */
final class TableSnapshotPrinter implements SnapshotPrinter {

    private final PrintWriter out;

    TableSnapshotPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void print(Path file, Snapshot s) {
        out.printf(Locale.ROOT, "%s%n  run %s  step %d  epoch %.4f  loss %s  accuracy %s  time %s%n", file,
                s.runId(), s.step(), s.epoch(), number(s.loss()), number(s.accuracy()), s.time());
        out.printf(Locale.ROOT, "  %5s  %-12s  %-10s  %-11s  %-4s  %12s%n", "layer", "name", "activation", "shape",
                "bias", "|W|_F");
        for (int k = 0; k < s.layers().size(); k++) {
            Layer l = s.layers().get(k);
            out.printf(Locale.ROOT, "  %5d  %-12s  %-10s  %-11s  %-4s  %12s%n", k + 1, l.name(), l.activation(),
                    l.nIn() + "x" + l.nOut(), l.hasBias() ? "yes" : "no", number(l.frobeniusNorm()));
        }
        long nonFinite = s.nonFiniteCount();
        if (nonFinite > 0) {
            out.printf(Locale.ROOT, "  warning: %d weights or biases are NaN or infinite%n", nonFinite);
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.6g", v);
    }
}
