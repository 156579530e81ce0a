package org.spinmon.dashboard.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's account of its clients on {@code /metrics}, so that no refused or dropped client goes unnoticed:
 * {@code spinmon_http_event_clients} (event streams open now),
 * {@code spinmon_http_event_clients_refused_total} (answered 503: {@link ClientLimits#eventClients()} were open) and
 * {@code spinmon_http_clients_dropped_total{reason}}: {@code stalled} (a connection closed because its client took
 * or sent no bytes for {@link ClientLimits#stall()}), {@code behind} (an event stream closed after
 * {@code event: resync} because its client fell {@link ClientLimits#eventQueue()} analyses behind).
 */
final class ClientCounters {

    final AtomicInteger eventClients;
    final Counter refused;
    final Counter stalled;
    final Counter behind;

    ClientCounters(MeterRegistry registry) {
        eventClients = new AtomicInteger();
        Gauge.builder("spinmon.http.event.clients", eventClients, AtomicInteger::get)
                .description("event streams open now").strongReference(true).register(registry);
        refused = Counter.builder("spinmon.http.event.clients.refused")
                .description("event streams refused with 503 because the most allowed were open").register(registry);
        stalled = dropped(registry, "stalled");
        behind = dropped(registry, "behind");
    }

    private static Counter dropped(MeterRegistry registry, String reason) {
        return Counter.builder("spinmon.http.clients.dropped").tag("reason", reason)
                .description("client connections the server closed: stalled (took or sent no bytes for the stall"
                        + " limit) or behind (an event stream too far behind, told to resync)").register(registry);
    }
}
