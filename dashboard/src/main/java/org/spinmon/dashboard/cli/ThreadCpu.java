package org.spinmon.dashboard.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time used so far by the JVM's live threads, grouped by what they do in a monitored run: {@code training}
 * (the trainer's thread), {@code analyzer} (the analysis threads), {@code writer} (the snapshot writer) and
 * {@code other} (DL4J's data prefetch, the HTTP server and client, Reactor's timers, …), in nanoseconds, from
 * {@link ThreadMXBean#getThreadCpuTime}. The garbage collector's own threads are not Java threads and are not
 * counted. Threads that ended between two readings drop out of the later one.
 */
final class ThreadCpu {

    private final Map<String, Long> nanos;

    private ThreadCpu(Map<String, Long> nanos) {
        this.nanos = nanos;
    }

    /** @return the CPU time of every live thread now, by group */
    static ThreadCpu now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> nanos = new TreeMap<>();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (infos[i] != null && cpu > 0) {
                nanos.merge(group(infos[i].getThreadName()), cpu, Long::sum);
            }
        }
        return new ThreadCpu(nanos);
    }

    private static String group(String name) {
        if (name.startsWith("spinmon-trainer")) {
            return "training";
        }
        if (name.startsWith(SlowAnalyzer.THREAD_NAME) || name.startsWith("spinmon-analyzer")) {
            return "analyzer";
        }
        if (name.startsWith("spinmon-writer")) {
            return "writer";
        }
        return "other";
    }

    /** @return the CPU seconds of each group between {@code before} and this reading */
    Map<String, Double> secondsSince(ThreadCpu before) {
        Map<String, Double> seconds = new TreeMap<>();
        nanos.forEach((group, n) -> seconds.put(group, (n - before.nanos.getOrDefault(group, 0L)) / 1e9));
        return seconds;
    }
}
