package org.spinmon.dashboard.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Samples a run's live heap, for {@code spinmon bench --training --slow-analyzer}: a daemon thread that, every
 * {@code periodMillis}, asks for a full garbage collection ({@link System#gc()}) and, once the collector's
 * notification ({@link GarbageCollectorMXBean}, {@link GarbageCollectionNotificationInfo}) reports that full
 * collection done ("end of major GC", cause "System.gc()"), records
 * <ul>
 *   <li>the heap used right after it: the sum, over the heap's memory pools ({@link MemoryPoolMXBean} of type
 *       heap), of the notification's usage after the collection, bytes;</li>
 *   <li>the tracked objects (the run's snapshots, {@link #track}) still reachable: a full collection clears the
 *       weak reference of every one that was not;</li>
 *   <li>a figure read just before the request ({@code backlog}: the snapshots the disk writer still holds), so
 *       that a sample can be compared with a bound that depends on it.</li>
 * </ul>
 * A request that no full collection answers within {@value #WAIT_SECONDS} s (the JVM may skip it, for example
 * while a thread is in a JNI critical region) gives no sample and is counted ({@link #skipped()}): its weak
 * references would count garbage. The probe stalls the run it watches (a full collection a period), so its runs
 * are not timed. Between two samples the heap may hold more than the samples show (garbage not yet collected).
 */
final class HeapProbe implements AutoCloseable {

    /** How long a request waits for its full collection, seconds. */
    static final int WAIT_SECONDS = 10;

    /**
     * One sample.
     *
     * @param liveBytes heap used right after a full collection, bytes
     * @param retained  tracked objects still reachable then
     * @param backlog   the {@code backlog} figure read just before the collection
     */
    record Sample(long liveBytes, int retained, long backlog) {
    }

    private final long periodMillis;
    private final LongSupplier backlog;
    private final List<WeakReference<Object>> tracked = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private final LinkedBlockingQueue<Long> fullCollections = new LinkedBlockingQueue<>();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final NotificationListener listener = this::collected;
    private final Thread thread;
    private volatile boolean stopped;
    private int skipped;

    /**
     * Starts sampling.
     *
     * @param periodMillis between samples, ≥ 1
     * @param backlog      read just before each collection
     */
    HeapProbe(long periodMillis, LongSupplier backlog) {
        if (periodMillis < 1) {
            throw new IllegalArgumentException("period must be >= 1 ms, was " + periodMillis);
        }
        this.periodMillis = periodMillis;
        this.backlog = backlog;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
        this.thread = new Thread(this::loop, "spinmon-heap-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Tracks {@code o}: each later sample counts it while it is reachable. */
    void track(Object o) {
        synchronized (tracked) {
            tracked.add(new WeakReference<>(o));
        }
    }

    /** @return the samples so far, in time order */
    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** @return requests that no full collection answered (no sample taken) */
    int skipped() {
        synchronized (samples) {
            return skipped;
        }
    }

    private void collected(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        if (info.getGcAction().contains("major") && info.getGcCause().equals("System.gc()")) {
            long used = 0;
            for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                    MemoryUsage after = pool.getValue();
                    used += after.getUsed();
                }
            }
            fullCollections.add(used);
        }
    }

    /** Takes a sample now, on the calling thread (besides those of the probe's own thread). */
    void sample() throws InterruptedException {
        fullCollections.clear();
        long before = backlog.getAsLong();
        System.gc();
        Long live = fullCollections.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (live == null) {
            synchronized (samples) {
                skipped++;
            }
            return;
        }
        int retained = 0;
        synchronized (tracked) {
            for (WeakReference<Object> ref : tracked) {
                if (ref.get() != null) {
                    retained++;
                }
            }
        }
        synchronized (samples) {
            samples.add(new Sample(live, retained, before));
        }
    }

    private void loop() {
        try {
            while (!stopped) {
                Thread.sleep(periodMillis);
                sample();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops sampling, then takes a last sample on the calling thread (so that even a short run has one). */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join();
        sample();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException e) {
                throw new IllegalStateException("the heap probe's listener vanished", e);
            }
        }
    }
}
