package org.spinmon.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.probe.ProbeBatch;
import org.spinmon.trainer.mnist.ProbeBatches;
import org.spinmon.trainer.mnist.TestMnist;
import org.spinmon.trainer.net.HiddenActivation;
import org.spinmon.trainer.net.NetworkConfig;

class ProbeConfigTest {

    @Test
    void theProbeSeedIsTheRunSeedXorTheBytesOfProbe() {
        assertEquals(new ProbeConfig(512, 0x70726F6265L), ProbeConfig.forRun(512, 0));
        assertEquals(new ProbeConfig(64, 1 ^ 0x70726F6265L), ProbeConfig.forRun(64, 1));
        assertNotEquals(ProbeConfig.forRun(64, 1).seed(), ProbeConfig.forRun(64, 2).seed());
        assertNotEquals(1, ProbeConfig.forRun(64, 1).seed(), "not the run's own seed");
        assertTrue(ProbeConfig.forRun(1, 1).enabled());
        assertFalse(ProbeConfig.forRun(0, 1).enabled());
        assertFalse(ProbeConfig.NONE.enabled());
    }

    @Test
    void theSizeIsZeroToTenThousand() {
        new ProbeConfig(10_000, 1);
        for (int size : new int[]{-1, 10_001}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProbeConfig(size, 1));
            assertEquals("probe size must be between 0 (no probe batch) and 10000, was " + size, e.getMessage());
        }
    }

    @Test
    void theTrainerDrawsTheConfiguredBatchFromTheTestSet() throws Exception {
        NetworkConfig network = NetworkConfig.defaults(HiddenActivation.RELU, 9);
        TrainingConfig defaults = TrainingConfig.defaults(network, "probe", TestMnist.dir());
        ProbeBatch batch = new Trainer(defaults).probeBatch().orElseThrow();
        assertEquals(ProbeBatches.fromTestSet(TestMnist.dir(), 512, 9 ^ ProbeConfig.SEED_SALT), batch);
        assertEquals(512, batch.size());
        TrainingConfig none = new TrainingConfig(network, 64, 1, 0, 0, false, 9, "probe", TestMnist.dir(), 60_000,
                10_000, ProbeConfig.NONE);
        assertEquals(Optional.empty(), new Trainer(none).probeBatch());
    }
}
