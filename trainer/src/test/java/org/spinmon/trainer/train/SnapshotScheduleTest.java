package org.spinmon.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotScheduleTest {

    @Test
    void powersOfTwoEpochEndsAndTheLastStep() {
        SnapshotSchedule schedule = new SnapshotSchedule(0, 10, 35);
        assertEquals(List.of(0L, 1L, 2L, 4L, 8L, 10L, 16L, 20L, 30L, 32L, 35L), schedule.steps().boxed().toList());
        assertFalse(schedule.at(-1));
        assertFalse(schedule.at(64), "nothing after the last step");
    }

    @Test
    void theStrideAddsItsMultiples() {
        SnapshotSchedule schedule = new SnapshotSchedule(3, 100, 13);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 6L, 8L, 9L, 12L, 13L), schedule.steps().boxed().toList());
    }

    @Test
    void aLongRunRecordsLogarithmicallyManySnapshots() {
        SnapshotSchedule schedule = new SnapshotSchedule(0, 938, 938);
        assertEquals(List.of(0L, 1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 938L),
                schedule.steps().boxed().toList());
    }

    @Test
    void epochsAreFractional() {
        SnapshotSchedule schedule = new SnapshotSchedule(0, 8, 40);
        assertEquals(0.0, schedule.epoch(0));
        assertEquals(0.375, schedule.epoch(3));
        assertEquals(5.0, schedule.epoch(40));
        assertTrue(schedule.epochEnd(16));
        assertFalse(schedule.epochEnd(0), "step 0 ends no epoch");
        assertFalse(schedule.epochEnd(12));
    }

    @Test
    void theDescriptionNamesEveryRule() {
        assertEquals("step 0 and every power of two, every epoch end (every 938 steps), every 100 steps, and the"
                + " last step 1876", new SnapshotSchedule(100, 938, 1876).description());
        assertEquals("step 0 and every power of two, every epoch end (every 938 steps), and the last step 500",
                new SnapshotSchedule(0, 938, 500).description());
    }

    @Test
    void invalidFieldsAreRejected() {
        assertEquals("stride must be >= 0 (0 = off), was -1",
                assertThrows(IllegalArgumentException.class, () -> new SnapshotSchedule(-1, 1, 1)).getMessage());
        assertEquals("steps per epoch must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new SnapshotSchedule(0, 0, 1)).getMessage());
        assertEquals("last step must be >= 0, was -1",
                assertThrows(IllegalArgumentException.class, () -> new SnapshotSchedule(0, 1, -1)).getMessage());
    }
}
