package org.spinmon.analyzer.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.spinmon.analyzer.stream.AnalysisOutcome;
import org.spinmon.analyzer.stream.StreamCounters;

/**
 * Publishes outcomes to a Micrometer registry (for {@code /metrics}, a {@code PrometheusMeterRegistry}): one
 * gauge per series of {@link MetricSamples}, registered on first sight with a strong reference to its holder
 * (Micrometer gauges hold their state weakly); the stream counters as function counters that read
 * {@link StreamCounters} (so the exposed counts are exact at every scrape); the timer {@code spinmon.analysis}
 * ({@code spinmon_analysis_seconds_count/_sum/_max}) of the analysis times. Every meter has the family's
 * description as its help. Thread-safe; outcomes are published in step order by the stream.
 */
public final class MicrometerPublisher implements AnalysisPublisher {

    private final MeterRegistry registry;
    private final String run;
    private final String mode;
    private final Map<String, Holder> gauges = new LinkedHashMap<>();
    private final Timer timer;

    private MicrometerPublisher(Builder b) {
        this.registry = b.registry;
        this.run = b.run;
        this.mode = b.mode;
        Tags tags = Tags.of("run", run, "mode", mode);
        this.timer = Timer.builder("spinmon.analysis").tags(tags)
                .description("Wall-clock time of one snapshot's analysis").register(registry);
        if (b.counters != null) {
            StreamCounters c = b.counters;
            counter(MetricFamily.SNAPSHOTS_EMITTED, tags, c, StreamCounters::emitted);
            counter(MetricFamily.SNAPSHOTS_ANALYZED, tags, c, StreamCounters::analyzed);
            counter(MetricFamily.SNAPSHOTS_DROPPED, tags, c, StreamCounters::dropped);
            counter(MetricFamily.SNAPSHOTS_WRITTEN, tags, c, StreamCounters::written);
            counter(MetricFamily.SNAPSHOT_WRITE_FAILURES, tags, c, StreamCounters::writeFailures);
            counter(MetricFamily.ANALYSIS_FAILURES, tags, c, StreamCounters::analysisFailures);
            counter(MetricFamily.SNAPSHOTS_NONFINITE, tags, c, StreamCounters::nonFinite);
            counter(MetricFamily.LAYER_FIT_FAILURES, tags, c, StreamCounters::fitFailures);
        }
    }

    private void counter(MetricFamily family, Tags tags, StreamCounters c, ToDoubleFunction<StreamCounters> f) {
        FunctionCounter.builder(family.micrometerName(), c, f).tags(tags).description(family.help()).register(registry);
    }

    /** @return a builder publishing to {@code registry} */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public synchronized void publish(AnalysisOutcome outcome) {
        List<MetricSample> samples = MetricSamples.of(outcome, run, mode);
        Set<String> present = new HashSet<>();
        for (MetricSample s : samples) {
            String key = s.series();
            present.add(key);
            gauges.computeIfAbsent(key, k -> register(s)).value = s.value();
        }
        gauges.forEach((key, holder) -> {
            if (!present.contains(key) && !holder.family.periodic()) {
                holder.value = Double.NaN;
            }
        });
        timer.record(Duration.ofNanos(Math.round(outcome.seconds() * 1e9)));
    }

    private Holder register(MetricSample s) {
        Holder holder = new Holder(s.family());
        Gauge.builder(s.family().micrometerName(), holder, h -> h.value)
                .tags(s.labels().entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue()))
                        .toArray(String[]::new))
                .description(s.family().help())
                .strongReference(true)
                .register(registry);
        return holder;
    }

    /** The state of one gauge. */
    private static final class Holder {
        final MetricFamily family;
        volatile double value = Double.NaN;

        Holder(MetricFamily family) {
            this.family = family;
        }
    }

    /** Settings of a {@link MicrometerPublisher}. */
    public static final class Builder {
        private final MeterRegistry registry;
        private String run = "run";
        private String mode = "live";
        private StreamCounters counters;

        private Builder(MeterRegistry registry) {
            this.registry = registry;
        }

        /** The {@code run} label (default {@code run}). */
        public Builder run(String run) {
            this.run = Objects.requireNonNull(run, "run");
            return this;
        }

        /** The {@code mode} label: {@code live} (default) or {@code replay}. */
        public Builder mode(String mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** The stream's counters, exposed as {@code spinmon_snapshots_*_total} and friends (default: none). */
        public Builder counters(StreamCounters counters) {
            this.counters = Objects.requireNonNull(counters, "counters");
            return this;
        }

        /** @return the publisher, with the timer and counters registered */
        public MicrometerPublisher build() {
            return new MicrometerPublisher(this);
        }
    }
}
