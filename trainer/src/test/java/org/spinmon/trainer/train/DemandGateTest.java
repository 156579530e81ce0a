package org.spinmon.trainer.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinmon.trainer.train.ParkedThreads.awaitParkedInGate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DemandGateTest {

    @Test
    void withDemandItDoesNotWait() {
        assertTrue(new DemandGate(() -> 1).awaitDemand());
    }

    @Test
    void withoutDemandItWaitsUntilDemandIsSignalled() throws Exception {
        AtomicLong demand = new AtomicLong();
        DemandGate gate = new DemandGate(demand::get);
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread producer = new Thread(() -> result.complete(gate.awaitDemand()));
        producer.start();
        awaitParkedInGate(producer);
        gate.signal();
        awaitParkedInGate(producer);
        assertFalse(result.isDone(), "a signal without demand does not release it");
        demand.set(1);
        gate.signal();
        assertTrue(result.get(120, TimeUnit.SECONDS));
    }

    @Test
    void closingReleasesAWaitingProducerForGood() throws Exception {
        DemandGate gate = new DemandGate(() -> 0);
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread producer = new Thread(() -> result.complete(gate.awaitDemand()));
        producer.start();
        awaitParkedInGate(producer);
        gate.close();
        assertFalse(result.get(120, TimeUnit.SECONDS));
        assertTrue(gate.closed());

        DemandGate withDemand = new DemandGate(() -> 5);
        withDemand.close();
        assertFalse(withDemand.awaitDemand(), "closed wins over demand");
    }

    @Test
    void anInterruptClosesTheGateAndKeepsTheFlag() throws Exception {
        DemandGate gate = new DemandGate(() -> 0);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread producer = new Thread(() -> {
            result.complete(gate.awaitDemand());
            interrupted.complete(Thread.currentThread().isInterrupted());
        });
        producer.start();
        awaitParkedInGate(producer);
        producer.interrupt();
        assertFalse(result.get(120, TimeUnit.SECONDS));
        assertTrue(interrupted.get(120, TimeUnit.SECONDS));
        assertTrue(gate.closed());
    }
}
