package org.spinmon.trainer.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class DeadPixelsTest {

    @Test
    void theCornersAreDeadAndTheCentreIsNot() throws Exception {
        BitSet dead = DeadPixels.of(TestMnist.dir());
        assertTrue(dead.get(0), "top-left corner");
        assertTrue(dead.get(27), "top-right corner");
        assertTrue(dead.get(28 * 28 - 1), "bottom-right corner");
        assertFalse(dead.get(14 * 28 + 14), "centre");
        // 67 of the 784 pixels are zero in all 60,000 training images.
        assertEquals(67, dead.cardinality());
    }
}
