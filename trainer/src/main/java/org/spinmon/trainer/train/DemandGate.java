package org.spinmon.trainer.train;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Blocks the producing thread while downstream has no outstanding demand, so that the trainer runs only as fast
 * as its subscriber asks. The demand is read from the sink; whoever changes it calls {@link #signal()}; closing
 * (cancellation) releases a waiting producer for good. The demand check and the wait happen under one lock that
 * {@link #signal()} also takes, so no request is missed between them.
 */
final class DemandGate {

    private final LongSupplier demand;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean closed;

    DemandGate(LongSupplier demand) {
        this.demand = demand;
    }

    /**
     * Waits until there is demand or the gate is closed. An interrupt closes the gate (and keeps the thread's
     * interrupt flag set).
     *
     * @return true when there is demand, false when the gate is closed
     */
    boolean awaitDemand() {
        lock.lock();
        try {
            while (!closed && demand.getAsLong() <= 0) {
                changed.await();
            }
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a waiting producer to look at the demand again. */
    void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the gate: every wait, present and future, returns false. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the gate is closed */
    boolean closed() {
        return closed;
    }
}
