package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.trainer.mnist.TestMnist;
import org.spinmon.trainer.net.HiddenActivation;
import org.spinmon.trainer.net.NetworkConfig;
import org.spinmon.trainer.train.ProbeConfig;
import org.spinmon.trainer.train.TrainingConfig;

/**
 * {@code spinmon train} against a runs directory it cannot use, in process, as any user (RELIABILITY.md, "Disk
 * trouble"; {@code DiskFaultsIT} has the cases that need a file system of their own). Permissions cannot make a
 * directory unwritable for root, who runs these tests in CI, so the unwritable directory is one whose parent is
 * a regular file: the same error path (the run directory cannot be created) for every user.
 */
class DiskFaultsTest {

    @TempDir
    Path dir;

    private SpinmonMainTest.Run train(String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--widths", "784-32-16-10", "--no-tap", "--port",
                "0", "--no-progress", "--probe-size", "16", "--data", TestMnist.unpacked().toString()));
        args.addAll(List.of(more));
        return SpinmonMainTest.run(args.toArray(String[]::new));
    }

    @Test
    void aRunsDirectoryThatCannotBeCreatedIsAClearErrorBeforeTraining() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        SpinmonMainTest.Run r = train("--max-steps", "20", "--runs", file.resolve("runs").toString());
        assertEquals(1, r.status(), r.err());
        assertEquals("spinmon train: cannot create the run directory under " + file.resolve("runs") + ": "
                + file.resolve("runs") + ": Not a directory\n", r.err());
        assertFalse(r.out().contains("metrics at"), r.out());
    }

    @Test
    void aRunTooLargeForTheDiskIsRefusedBeforeAnythingIsWritten() throws Exception {
        // 1000 epochs with a snapshot at every step: 938,001 snapshots of 100 kB, about 90 GiB, on no test machine.
        SpinmonMainTest.Run r = train("--epochs", "1000", "--stride", "1", "--runs", dir.resolve("runs").toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().startsWith("spinmon train: not enough space for the run's record under "
                + dir.resolve("runs") + ": its 938001 snapshots and probe batch need 93.6 GiB, the file system has "),
                r.err());
        assertTrue(r.err().endsWith(" free; free space, choose another --runs, snapshot less often (--stride), or"
                + " train with --no-record\n"), r.err());
        assertFalse(Files.exists(dir.resolve("runs")), "nothing written");
    }

    @Test
    void theEstimateIsTheSizeOfTheFilesARunWrites() {
        NetworkConfig network = new NetworkConfig(List.of(784, 32, 16, 10), HiddenActivation.RELU, false, 1e-3, 1);
        TrainingConfig config = new TrainingConfig(network, 64, 1, 20, 0, false, 1, "space", dir, 60000, 10000, 2,
                ProbeConfig.forRun(16, 1));
        // steps 0, 1, 2, 4, 8, 16, 20; 25,760 weights of 2 replicas in float32; 16 probe images and labels
        long snapshot = 4L * 25_760 * 2 + RunSpace.HEADER_ALLOWANCE;
        assertEquals(7 * snapshot + 4L * 16 * 785 + RunSpace.HEADER_ALLOWANCE, RunSpace.needed(config));
    }

    @Test
    void repeatedFailuresAreReportedUpToTheLimitThenOnceSummarised() {
        StringWriter text = new StringWriter();
        LimitedReport report = new LimitedReport(new PrintWriter(text), 2, "and more");
        for (int i = 1; i <= 5; i++) {
            report.report("failure " + i);
        }
        assertEquals("failure 1\nfailure 2\nand more\n", text.toString().replace(System.lineSeparator(), "\n"));
    }
}
