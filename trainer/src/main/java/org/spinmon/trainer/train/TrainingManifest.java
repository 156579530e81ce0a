package org.spinmon.trainer.train;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spinmon.analyzer.SpinmonVersion;
import org.spinmon.analyzer.probe.ProbeFiles;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.trainer.mnist.ProbeBatches;
import org.spinmon.trainer.net.NetworkConfig;

/**
 * The {@link RunManifest} (run.json) of a training run: the architecture (widths, activations, bias), the seeds
 * {@code init} (weight initialisation), {@code shuffle} (training-set order) and, when the run has a probe batch,
 * {@code probe} (its draw), and the rest of the configuration under snake_case keys: optimizer ({@code adam}),
 * learning_rate, batch_size, epochs, max_steps (0 = no limit), steps_per_epoch, total_steps, schedule (in words),
 * stride (0 = off), test_at_snapshots, dataset ({@code mnist}), train_examples, test_examples, loss
 * ({@code mcxent}), weight_init ({@code xavier}), replicas (R, 1 without replicas; replica r's data order follows
 * from the shuffle seed by {@link TrainingConfig#shuffleSeed(int)}), probe_size (P, 0 = no probe batch) and, when
 * P ≥ 1, probe_source ({@value ProbeBatches#SOURCE}) and probe_file ({@value ProbeFiles#FILE_NAME}, next to run.json).
 */
public final class TrainingManifest {

    private TrainingManifest() {
    }

    /** @return the manifest of a run of {@code config} started at {@code created} */
    public static RunManifest of(TrainingConfig config, Instant created) {
        NetworkConfig network = config.network();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("optimizer", "adam");
        settings.put("learning_rate", network.learningRate());
        settings.put("batch_size", config.batchSize());
        settings.put("epochs", config.epochs());
        settings.put("max_steps", config.maxSteps());
        settings.put("steps_per_epoch", config.stepsPerEpoch());
        settings.put("total_steps", config.totalSteps());
        settings.put("schedule", config.schedule().description());
        settings.put("stride", config.stride());
        settings.put("test_at_snapshots", config.testAtSnapshots());
        settings.put("dataset", "mnist");
        settings.put("train_examples", config.trainExamples());
        settings.put("test_examples", config.testExamples());
        settings.put("loss", "mcxent");
        settings.put("weight_init", "xavier");
        settings.put("replicas", config.replicas());
        Map<String, Long> seeds = new LinkedHashMap<>();
        seeds.put("init", network.seed());
        seeds.put("shuffle", config.shuffleSeed());
        ProbeConfig probe = config.probe();
        settings.put("probe_size", probe.size());
        if (probe.enabled()) {
            seeds.put("probe", probe.seed());
            settings.put("probe_source", ProbeBatches.SOURCE);
            settings.put("probe_file", ProbeFiles.FILE_NAME);
        }
        return new RunManifest(RunDirectory.FORMAT_VERSION, config.runId(), created, SpinmonVersion.get(),
                new RunManifest.Architecture(network.widths(), network.activationNames(), network.bias()), seeds,
                settings);
    }
}
