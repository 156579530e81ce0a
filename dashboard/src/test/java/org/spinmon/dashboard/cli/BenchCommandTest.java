package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void timesEveryCaseAndFitsTheCostSlope() {
        SpinmonMainTest.Run r = SpinmonMainTest.run("bench", "--sizes", "40-30-20-10,80-60-40-10", "--repeat", "1");
        assertEquals(0, r.status(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.startsWith("40-30-20-10") || l.startsWith("80-60-40-10"))
                .toList();
        assertEquals(8, rows.size(), r.out());
        assertTrue(rows.stream().anyMatch(l -> l.matches("80-60-40-10\\s+7600 planted-order\\s+yes\\s+[0-9.]+"
                + " hidden_order .*tap [0-9.]+.*")), r.out());
        assertTrue(rows.stream().anyMatch(l -> l.matches("40-30-20-10\\s+2000 random-init\\s+no\\s+[0-9.]+ glass .*")),
                r.out());
        assertEquals(4, r.out().lines().filter(l -> l.startsWith("cost ~ weights^")).count(), r.out());
    }

    @Test
    void eigensolverComparisonFindsTheSameEigenvalues() {
        SpinmonMainTest.Run r = SpinmonMainTest.run("bench", "--eigensolvers", "--sizes", "60-40-30-10", "--repeat", "1");
        assertEquals(0, r.status(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.startsWith("60-40-30-10")).toList();
        assertEquals(3, rows.size(), r.out());
        for (String row : rows) {
            String[] cells = row.trim().split("\\s+");
            double diff = Double.parseDouble(cells[cells.length - 1]);
            assertTrue(diff < 1e-8, row);
        }
    }

    @Test
    void malformedSizesAreUsageErrors() {
        SpinmonMainTest.Run r = SpinmonMainTest.run("bench", "--sizes", "784x10");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--sizes entry \"784x10\""), r.err());
    }
}
