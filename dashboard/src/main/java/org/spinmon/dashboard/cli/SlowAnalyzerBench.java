package org.spinmon.dashboard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import org.spinmon.analyzer.files.IoProblems;
import org.spinmon.analyzer.files.TemporaryDirectory;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.analyzer.stream.OverflowPolicy;
import org.spinmon.analyzer.stream.StreamCounters;
import org.spinmon.analyzer.stream.StreamSettings;
import org.spinmon.trainer.train.TrainingConfig;

/**
 * {@code spinmon bench --training --slow-analyzer F --stride K}: the "slow analyzer" fault, measured in one JVM on
 * MNIST training of the bench's network, with the default hand-off (capacity C = 8, one analysis at a time).
 *
 * <p><b>The slow analyzer.</b> A calibration run trains unmonitored for the run's N steps; its throughput r (it/s)
 * gives the snapshot interval I = K / r seconds, the time training takes between two of the steady
 * {@code --stride} snapshots when nothing else runs (the schedule's log-spaced snapshots below K and the epoch
 * ends come on top, only closer). Every analysis of the monitored runs is then delayed by D = F·I on the
 * analyzer thread ({@link SlowAnalyzer}: a sleep, not a busy wait) before the real analysis runs, so it takes
 * F·I plus its own time. The report gives the slowness reached: the mean analysis time over the mean interval
 * between consecutive stride snapshots of the monitored runs themselves.
 *
 * <p><b>Measured</b>, and checked (PASS/FAIL):
 * <ol>
 *   <li>throughput: a warm-up round, then {@code repeat} rounds of an unmonitored run and a monitored run
 *       (drop-oldest, slow analyzer), alternating; the median monitored it/s over the median unmonitored it/s
 *       must be ≥ {@value #TARGET}. Garbage collections (count, milliseconds) are given per run.</li>
 *   <li>the drop counters, in every monitored run: emitted = the schedule's snapshot count = written = snapshot
 *       files on disk; emitted = analysed + dropped; analysed = outcomes received = lines of
 *       {@code analyses.jsonl}; the analysed steps are scheduled steps in increasing order; and a scrape of
 *       {@code /metrics} after the run shows the same emitted, analysed, dropped and written.</li>
 *   <li>the heap: untimed runs watched by a {@link HeapProbe} (a full collection every
 *       {@value #HEAP_PERIOD_MILLIS} ms), unmonitored and monitored, of N and {@value #LONGER}·N steps. The
 *       snapshots still reachable after each collection must stay within C + concurrency + 3 plus the disk
 *       writer's backlog (the hand-off's C, those in analysis, the one arriving, the previous one and the step-0
 *       reference, which the analysis keeps); and monitoring's live heap (the median over a run's samples, minus
 *       that of the unmonitored run of the same length) must not grow from N to {@value #LONGER}·N steps by more
 *       than one snapshot or {@value #GROWTH_ALLOWED} of the shorter monitored run's median. (Medians: a peak
 *       catches the analysis' working set at its largest, a transient.)</li>
 *   <li>the block policy: one monitored run of N steps with {@code --policy block} and the slow analyzer: nothing
 *       dropped, every scheduled step analysed in order; its training time T is compared with the README's
 *       max(T_train, A0 + (S − C − 2)·A), S snapshots, T_train = N / unmonitored it/s, A0 the time to the first
 *       publication (step 0's analysis, the reference, which costs more) and A the mean time between later
 *       publications in that run, within ± {@value #BLOCK_TOLERANCE_PERCENT} %: the last snapshot can be handed over
 *       only once the analyzer has taken snapshot S − 1 − C, that is, once S − C − 1 analyses are done.</li>
 * </ol>
 */
final class SlowAnalyzerBench {

    /** The throughput target: monitored by a slow analyzer, at least this fraction of unmonitored it/s. */
    static final double TARGET = 0.95;
    /** How far the block run's time may be from the README's prediction, percent. */
    static final int BLOCK_TOLERANCE_PERCENT = 10;
    /** The heap probe's period, milliseconds. */
    static final long HEAP_PERIOD_MILLIS = 1000;
    /** The longer heap run is this many times the run's steps. */
    static final int LONGER = 4;
    /** Snapshots the stream may hold besides the hand-off's and those in analysis (see the class description). */
    static final int HELD_BESIDES = 3;

    /**
     * Monitoring's median live heap (over unmonitored) in the longer run may exceed the shorter run's by one
     * snapshot or this fraction of the shorter monitored run's median, the larger.
     */
    static final double GROWTH_ALLOWED = 0.10;

    private static final double MIB = 1024.0 * 1024.0;

    private final PrintWriter out;
    private final int repeat;
    private final double factor;
    private final LongFunction<TrainingConfig> configs;
    private final MonitoredTraining monitored;
    private final StreamSettings dropOldest = StreamSettings.DEFAULT;
    private final StreamSettings block = new StreamSettings(StreamSettings.DEFAULT.capacity(),
            StreamSettings.DEFAULT.concurrency(), OverflowPolicy.BLOCK);
    private final List<String> failures = new ArrayList<>();
    private final List<Double> plainCpu = new ArrayList<>();
    private final List<Double> slowCpu = new ArrayList<>();
    private final List<Double> analyzerCpu = new ArrayList<>();
    private final List<Double> gcMillis = new ArrayList<>();

    /**
     * @param repeat   timed rounds after the warm-up round, ≥ 1
     * @param analysis the analysis of the monitored runs
     * @param factor   F: each analysis is delayed by F snapshot intervals, &gt; 0
     * @param configs  the run of a given number of steps, with its stride &gt; 0
     */
    SlowAnalyzerBench(PrintWriter out, int repeat, SpinModelConfig analysis, double factor,
                      LongFunction<TrainingConfig> configs) {
        this.out = out;
        this.repeat = repeat;
        this.factor = factor;
        this.configs = configs;
        this.monitored = new MonitoredTraining(HttpClient.newHttpClient(), analysis);
    }

    /**
     * Runs every measurement of {@code steps}-step runs and prints the report.
     *
     * @return whether every check passed
     */
    boolean run(long steps) throws IOException, InterruptedException {
        TrainingConfig config = configs.apply(steps);
        long scheduled = config.schedule().steps().count();
        out.printf(Locale.ROOT, "slow analyzer: %d steps, a snapshot every %d steps (%d snapshots per run), analysis"
                        + " delayed by %s snapshot intervals; hand-off capacity %d, concurrency %d; %d timed rounds%n",
                steps, config.stride(), scheduled, number(factor), dropOldest.capacity(), dropOldest.concurrency(),
                repeat);
        out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
        out.printf(Locale.ROOT, "%-9s %-12s %6s %9s %9s %6s %8s  %s%n", "round", "variant", "steps", "seconds", "it/s",
                "gc", "gc_ms", "snapshots");
        out.flush();
        timed("warm-up", config);
        TrainingTiming calibration = timed("calibrate", config);
        double interval = config.stride() / calibration.iterationsPerSecond();
        Duration delay = Duration.ofNanos(Math.round(factor * interval * 1e9));
        out.printf(Locale.ROOT, "snapshot interval I = %d steps / %.2f it/s = %.3f s; analysis delay D = %s x I ="
                + " %.3f s%n", config.stride(), calibration.iterationsPerSecond(), interval, number(factor),
                delay.toNanos() / 1e9);
        out.flush();
        List<MonitoredTraining.Result> all = new ArrayList<>();
        all.add(slow("warm-up", config, dropOldest, delay));
        List<TrainingTiming> plain = new ArrayList<>();
        List<MonitoredTraining.Result> slow = new ArrayList<>();
        for (int round = 1; round <= repeat; round++) {
            plain.add(timed(Integer.toString(round), config));
            MonitoredTraining.Result r = slow(Integer.toString(round), config, dropOldest, delay);
            slow.add(r);
            all.add(r);
        }
        double unmonitored = median(plain.stream().map(TrainingTiming::iterationsPerSecond).toList());
        throughput(unmonitored, slow, config.stride(), interval);
        List<MonitoredTraining.Result> heapRuns = new ArrayList<>();
        List<Long> heapSteps = List.of(steps, LONGER * steps);
        List<HeapProbe> heap = heap(delay, heapSteps, heapRuns);
        all.addAll(heapRuns);
        MonitoredTraining.Result exact = slow("block", config, block, delay);
        accounting(all, exact);
        heapReport(heap, heapSteps, heapRuns);
        blockReport(config, exact, steps / unmonitored);
        out.printf(Locale.ROOT, "%nload average at end: %s%n", loadAverage());
        out.println(failures.isEmpty() ? "all checks PASS" : "FAIL: " + String.join("; ", failures));
        out.flush();
        return failures.isEmpty();
    }

    private TrainingTiming timed(String round, TrainingConfig config) throws IOException {
        System.gc();
        Gc before = Gc.now();
        double cpu = processCpuSeconds();
        TrainingTiming t = PlainTraining.run(config, TrainingVariant.UNMONITORED, List.of());
        double used = processCpuSeconds() - cpu;
        row(round, "unmonitored", t, Gc.now().minus(before), String.format(Locale.ROOT, "CPU s in the window:"
                + " process %.2f", used));
        if (!round.equals("warm-up") && !round.equals("calibrate") && !round.equals("heap")) {
            plainCpu.add(used);
        }
        return t;
    }

    private MonitoredTraining.Result slow(String round, TrainingConfig config, StreamSettings settings, Duration delay)
            throws IOException {
        System.gc();
        StreamCounters counters = new StreamCounters();
        MonitoredTraining.Result r;
        Window start = new Window();
        Window end = new Window();
        try (TemporaryDirectory runs = TemporaryDirectory.create("spinmon-bench-");
             SlowAnalyzer analyzer = new SlowAnalyzer(delay, settings.concurrency())) {
            r = monitored.run(config, runs.path(), new MonitoredTraining.Wiring(settings, analyzer.scheduler(), s -> {
                if (s.step() == 0) {
                    start.read();
                }
            }, end::read, counters));
        }
        MonitoredTraining.Counts c = r.accounting().counters();
        Map<String, Double> cpu = end.threads.secondsSince(start.threads);
        double process = end.process - start.process;
        row(round, settings.policy().label(), r.timing(), end.gc.minus(start.gc), String.format(Locale.ROOT,
                "CPU s in the window: process %.2f, training %.2f, analyzer %.2f, writer %.2f, other %.2f; %.0f"
                        + " emitted, %.0f analysed, %.0f dropped", process, cpu.getOrDefault("training", 0.0),
                cpu.getOrDefault("analyzer", 0.0), cpu.getOrDefault("writer", 0.0), cpu.getOrDefault("other", 0.0),
                c.emitted(), c.analyzed(), c.dropped()));
        if (!round.equals("warm-up") && settings.policy() == OverflowPolicy.DROP_OLDEST) {
            slowCpu.add(process);
            analyzerCpu.add(cpu.getOrDefault("analyzer", 0.0));
            gcMillis.add((double) end.gc.minus(start.gc).millis());
        }
        return r;
    }

    /** What the JVM had used when a throughput window opened or closed. */
    private static final class Window {
        private ThreadCpu threads;
        private double process;
        private Gc gc;

        void read() {
            gc = Gc.now();
            threads = ThreadCpu.now();
            process = processCpuSeconds();
        }
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private void row(String round, String variant, TrainingTiming t, Gc gc, String snapshots) {
        out.printf(Locale.ROOT, "%-9s %-12s %6d %9.3f %9.2f %6d %8d  %s%n", round, variant, t.steps(), t.seconds(),
                t.iterationsPerSecond(), gc.count(), gc.millis(), snapshots);
        out.flush();
    }

    private void throughput(double unmonitored, List<MonitoredTraining.Result> slow, long stride, double interval) {
        double monitoredMedian = median(slow.stream().map(r -> r.timing().iterationsPerSecond()).toList());
        double ratio = monitoredMedian / unmonitored;
        boolean pass = ratio >= TARGET;
        out.printf(Locale.ROOT, "%nthroughput, median of %d rounds: unmonitored %.2f it/s, drop-oldest with the slow"
                        + " analyzer %.2f it/s, ratio %.3f: %s (target >= %.2f)%n", slow.size(), unmonitored,
                monitoredMedian, ratio, pass ? "PASS" : "FAIL", TARGET);
        if (!pass) {
            failures.add(String.format(Locale.ROOT, "throughput ratio %.3f < %.2f", ratio, TARGET));
        }
        out.printf(Locale.ROOT, "in the training window (medians of the timed rounds): the process used %.2f CPU s"
                        + " unmonitored, %.2f monitored, of which the analyzer threads %.2f; garbage collection"
                        + " paused it %.0f ms monitored%n", median(plainCpu), median(slowCpu), median(analyzerCpu),
                median(gcMillis));
        List<Double> seconds = new ArrayList<>();
        List<Double> intervals = new ArrayList<>();
        for (MonitoredTraining.Result r : slow) {
            MonitoredTraining.Accounting a = r.accounting();
            for (int i = 0; i < a.steps().size(); i++) {
                if (a.steps().get(i) != 0) {
                    seconds.add(a.seconds().get(i));
                }
            }
            a.snapshotTimes().forEach((step, time) -> {
                Instant next = a.snapshotTimes().get(step + stride);
                if (step % stride == 0 && step > 0 && next != null) {
                    intervals.add(Duration.between(time, next).toNanos() / 1e9);
                }
            });
        }
        double analysis = mean(seconds);
        double observed = mean(intervals);
        out.printf(Locale.ROOT, "slowness reached: mean analysis %.3f s (%d analyses after step 0's), mean interval"
                        + " between stride snapshots while monitored %.3f s (%d intervals; calibrated I = %.3f s):"
                        + " the analyzer is %.1f times slower than the snapshot rate%n", analysis, seconds.size(),
                observed, intervals.size(), interval, analysis / observed);
    }

    /** @return the probes of the unmonitored runs, then of the monitored ones, one per length each */
    private List<HeapProbe> heap(Duration delay, List<Long> lengths, List<MonitoredTraining.Result> runs)
            throws IOException, InterruptedException {
        List<HeapProbe> samples = new ArrayList<>();
        for (long length : lengths) {
            HeapProbe plainProbe = new HeapProbe(HEAP_PERIOD_MILLIS, () -> 0);
            try (plainProbe) {
                timed("heap", configs.apply(length));
            }
            samples.add(plainProbe);
        }
        for (long length : lengths) {
            runs.add(slowWatched(configs.apply(length), delay, samples));
        }
        return samples;
    }

    private MonitoredTraining.Result slowWatched(TrainingConfig config, Duration delay, List<HeapProbe> samples)
            throws IOException, InterruptedException {
        System.gc();
        Gc before = Gc.now();
        StreamCounters counters = new StreamCounters();
        HeapProbe probe = new HeapProbe(HEAP_PERIOD_MILLIS,
                () -> counters.emitted() - counters.written() - counters.writeFailures());
        MonitoredTraining.Result r;
        // Closed in reverse: the analyzer, then the probe (a last sample), then the run's temporary directory.
        try (TemporaryDirectory runs = TemporaryDirectory.create("spinmon-bench-"); probe;
             SlowAnalyzer analyzer = new SlowAnalyzer(delay, dropOldest.concurrency())) {
            r = monitored.run(config, runs.path(), new MonitoredTraining.Wiring(dropOldest, analyzer.scheduler(),
                    probe::track, () -> { }, counters));
        }
        samples.add(probe);
        MonitoredTraining.Counts c = r.accounting().counters();
        row("heap", dropOldest.policy().label(), r.timing(), Gc.now().minus(before), String.format(Locale.ROOT,
                "%.0f emitted, %.0f analysed, %.0f dropped (timing stalled by the heap probe)", c.emitted(),
                c.analyzed(), c.dropped()));
        return r;
    }

    private void accounting(List<MonitoredTraining.Result> dropRuns,
                            MonitoredTraining.Result exact) {
        out.printf(Locale.ROOT, "%ndrop counters of every monitored run (independent counts: the schedule, files on"
                + " disk, outcomes received, analyses.jsonl lines, a scrape of /metrics after the run):%n");
        out.printf(Locale.ROOT, "%-12s %6s %9s %7s %5s %8s %8s %5s %7s  %-22s %s%n", "policy", "steps", "scheduled",
                "emitted", "files", "analysed", "outcomes", "lines", "dropped", "/metrics e/a/d/w", "check");
        for (MonitoredTraining.Result r : dropRuns) {
            check(r, OverflowPolicy.DROP_OLDEST);
        }
        check(exact, OverflowPolicy.BLOCK);
    }

    private void check(MonitoredTraining.Result r, OverflowPolicy policy) {
        MonitoredTraining.Accounting a = r.accounting();
        MonitoredTraining.Counts c = a.counters();
        TrainingConfig config = configs.apply(r.timing().steps());
        List<Long> scheduled = config.schedule().steps().boxed().toList();
        List<String> problems = new ArrayList<>();
        expect(problems, "emitted = scheduled", c.emitted(), scheduled.size());
        expect(problems, "written = emitted", c.written(), c.emitted());
        expect(problems, "files = emitted", a.files(), c.emitted());
        expect(problems, "emitted = analysed + dropped", c.emitted(), c.analyzed() + c.dropped());
        expect(problems, "analysed = outcomes", c.analyzed(), a.steps().size());
        expect(problems, "analysed = log lines", c.analyzed(), a.logLines());
        if (!a.scraped().equals(c)) {
            problems.add("/metrics shows " + a.scraped() + ", the counters " + c);
        }
        if (!scheduled.containsAll(a.steps()) || !increasing(a.steps())) {
            problems.add("analysed steps not scheduled steps in order: " + a.steps());
        }
        if (policy == OverflowPolicy.BLOCK) {
            expect(problems, "dropped = 0 under block", c.dropped(), 0);
            if (!a.steps().equals(scheduled)) {
                problems.add("not every scheduled step analysed in order: " + a.steps());
            }
        } else if (c.dropped() == 0) {
            problems.add("nothing dropped: the analyzer was not behind");
        }
        MonitoredTraining.Counts m = a.scraped();
        out.printf(Locale.ROOT, "%-12s %6d %9d %7.0f %5d %8.0f %8d %5d %7.0f  %-22s %s%n", policy.label(),
                r.timing().steps(), scheduled.size(), c.emitted(), a.files(), c.analyzed(), a.steps().size(),
                a.logLines(), c.dropped(), String.format(Locale.ROOT, "%.0f/%.0f/%.0f/%.0f", m.emitted(), m.analyzed(),
                        m.dropped(), m.written()), problems.isEmpty() ? "PASS" : "FAIL " + problems);
        if (!problems.isEmpty()) {
            failures.add("counters of a " + policy.label() + " run: " + problems);
        }
    }

    private void heapReport(List<HeapProbe> heap, List<Long> lengths,
                            List<MonitoredTraining.Result> runs) {
        double snapshotBytes = snapshotBytes(configs.apply(1));
        int held = dropOldest.capacity() + dropOldest.concurrency() + HELD_BESIDES;
        out.printf(Locale.ROOT, "%nheap (a full collection every %d ms; live = used right after it):%n",
                HEAP_PERIOD_MILLIS);
        out.printf(Locale.ROOT, "%-12s %6s %8s %8s %13s %13s %9s %13s %12s %s%n", "run", "steps", "samples", "skipped",
                "live_peak_MiB", "live_med_MiB", "analyses", "held_snapshots", "max_backlog", "check");
        List<Double> medians = new ArrayList<>();
        int n = lengths.size();
        for (int i = 0; i < heap.size(); i++) {
            List<HeapProbe.Sample> samples = heap.get(i).samples();
            boolean plain = i < n;
            long steps = lengths.get(i % n);
            double peak = samples.stream().mapToLong(HeapProbe.Sample::liveBytes).max().orElse(0) / MIB;
            double median = median(samples.stream().map(s -> s.liveBytes() / MIB).toList());
            medians.add(median);
            int maxHeld = samples.stream().mapToInt(HeapProbe.Sample::retained).max().orElse(0);
            long maxBacklog = samples.stream().mapToLong(HeapProbe.Sample::backlog).max().orElse(0);
            boolean within = samples.stream().allMatch(s -> s.retained() <= held + s.backlog());
            String check = plain ? "-" : within ? "PASS (<= " + held + " + backlog)" : "FAIL (> " + held + " + backlog)";
            if (!plain && !within) {
                failures.add("more snapshots held than " + held + " + the writer's backlog");
            }
            if (samples.isEmpty()) {
                check = "FAIL (no sample)";
                failures.add("no heap sample in a run of " + steps + " steps");
            }
            out.printf(Locale.ROOT, "%-12s %6d %8d %8d %13.1f %13.1f %9s %13s %12s %s%n",
                    plain ? "unmonitored" : dropOldest.policy().label(), steps, samples.size(), heap.get(i).skipped(),
                    peak, median, plain ? "-" : Long.toString(runs.get(i - n).accounting().steps().size()),
                    plain ? "-" : Integer.toString(maxHeld), plain ? "-" : Long.toString(maxBacklog), check);
        }
        double shorter = medians.get(n) - medians.get(0);
        double longer = medians.get(2 * n - 1) - medians.get(n - 1);
        double growth = longer - shorter;
        double allowed = Math.max(snapshotBytes / MIB, GROWTH_ALLOWED * medians.get(n));
        long extra = configs.apply(lengths.get(n - 1)).schedule().steps().count()
                - configs.apply(lengths.get(0)).schedule().steps().count();
        boolean bounded = growth <= allowed;
        out.printf(Locale.ROOT, "one snapshot %.2f MiB (8 bytes x weights x replicas); analytic bound on the"
                        + " snapshots held: (C + concurrency + %d) x %.2f = %.1f MiB plus the writer's backlog%n",
                snapshotBytes / MIB, HELD_BESIDES, snapshotBytes / MIB, held * snapshotBytes / MIB);
        out.printf(Locale.ROOT, "monitoring's live heap (median, monitored - unmonitored of the same length), %d"
                        + " steps -> %d steps: %.1f -> %.1f MiB (%+.1f MiB): %s (at most %.1f MiB more: one snapshot"
                        + " or %.0f %% of the shorter monitored run's median; a stream that kept its snapshots would"
                        + " hold the %d more the longer run emits, %.1f MiB)%n", lengths.get(0), lengths.get(n - 1),
                shorter, longer, growth, bounded ? "PASS" : "FAIL", allowed, 100 * GROWTH_ALLOWED, extra,
                extra * snapshotBytes / MIB);
        if (!bounded) {
            failures.add(String.format(Locale.ROOT, "monitoring's live heap grew %.1f MiB with a %d times longer run",
                    growth, LONGER));
        }
    }

    private void blockReport(TrainingConfig config, MonitoredTraining.Result exact, double trainSeconds) {
        MonitoredTraining.Accounting a = exact.accounting();
        long s = config.schedule().steps().count();
        int c = block.capacity();
        List<Instant> published = a.published();
        Instant start = a.snapshotTimes().get(0L);
        double first = seconds(start, published.get(0));
        double cycle = seconds(published.get(0), published.get(published.size() - 1)) / (published.size() - 1);
        int released = (int) (s - c - 1);
        double predicted = Math.max(trainSeconds, released < 1 ? 0 : first + (released - 1) * cycle);
        double measured = exact.timing().seconds();
        double error = measured / predicted - 1;
        boolean pass = Math.abs(error) * 100 <= BLOCK_TOLERANCE_PERCENT;
        out.printf(Locale.ROOT, "%nblock policy, %d steps, S = %d snapshots, C = %d: %.0f dropped; the analyzer took"
                        + " A0 = %.3f s for step 0's snapshot (the reference) and A = %.3f s per later snapshot (mean"
                        + " between publications); training took %.2f s (%.2f it/s) against T_train = %.2f s"
                        + " unmonitored: %.2f times slower%n", exact.timing().steps(), s, c, a.counters().dropped(),
                first, cycle, measured, exact.timing().iterationsPerSecond(), trainSeconds, measured / trainSeconds);
        out.printf(Locale.ROOT, "README: max(T_train, A0 + (S - C - 2) x A) = max(%.2f, %.3f + %d x %.3f) = %.2f s;"
                        + " measured %.2f s (%+.1f %%): %s (within +-%d %%)%n", trainSeconds, first, released - 1,
                cycle, predicted, measured, 100 * error, pass ? "PASS" : "FAIL", BLOCK_TOLERANCE_PERCENT);
        if (released >= 1 && released <= published.size()) {
            out.printf(Locale.ROOT, "the hand-off's window: analysis %d of %d was published %.2f s after step 0's"
                    + " snapshot, from when the last snapshot could be handed over; training ended %.2f s after it%n",
                    released, published.size(), seconds(start, published.get(released - 1)), measured);
        }
        if (!pass) {
            failures.add(String.format(Locale.ROOT, "block run %.2f s against the README's %.2f s", measured,
                    predicted));
        }
    }

    /** @return the bytes of one snapshot's weights on the heap (float64; biases, off by default, left out) */
    private static double snapshotBytes(TrainingConfig config) {
        List<Integer> w = config.network().widths();
        long weights = 0;
        for (int l = 1; l < w.size(); l++) {
            weights += (long) w.get(l - 1) * w.get(l);
        }
        return 8.0 * weights * config.replicas();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static boolean increasing(List<Long> steps) {
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i) <= steps.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    private static void expect(List<String> problems, String what, double actual, double expected) {
        if (actual != expected) {
            problems.add(what + " (" + number(actual) + " vs " + number(expected) + ")");
        }
    }

    private static String number(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.3g", x);
    }

    private static double median(List<Double> values) {
        return values.isEmpty() ? Double.NaN : Quantiles.of(values, 0.5);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min)";
        } catch (IOException e) {
            return systemLoadAverage(IoProblems.describe(e));
        } catch (RuntimeException e) {
            return systemLoadAverage("/proc/loadavg: " + e);
        }
    }

    /** The JVM's one-minute load average, with why /proc/loadavg was not read. */
    private static String systemLoadAverage(String why) {
        return String.format(Locale.ROOT, "%.2f (1 min; %s)",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), why);
    }

    /** Garbage collections so far, over every collector: count and milliseconds. */
    private record Gc(long count, long millis) {

        static Gc now() {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            return new Gc(count, millis);
        }

        Gc minus(Gc before) {
            return new Gc(count - before.count, millis - before.millis);
        }
    }
}
