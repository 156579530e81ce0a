package org.spinmon.dashboard.server;

import java.time.Duration;

/**
 * What the server grants each client, so that many clients, slow ones and stalled ones cost bounded memory and
 * threads and never hold up the analysis or other clients.
 *
 * @param eventClients the most event streams ({@code /api/runs/{id}/events}) open at once; one more is answered
 *                     503 with {@code Retry-After}. Each open stream holds one server thread
 * @param eventQueue   the analyses queued for one event stream, not yet written to its client; a client that falls
 *                     this far behind gets {@code event: resync} and is closed (the queue holds references to the
 *                     run's analyses, which the run keeps anyway: 8 bytes an entry)
 * @param stall        the longest a client may leave one blocking step of its exchange without progress: a write
 *                     it takes no bytes of (its TCP window full), or a request body it announced and does not
 *                     send; then its connection is closed
 */
record ClientLimits(int eventClients, int eventQueue, Duration stall) {

    /** The limits of the commands: 256 event streams, 1024 queued analyses each, 30 s stalled. */
    static final ClientLimits DEFAULT = new ClientLimits(256, 1024, Duration.ofSeconds(30));

    /** Checks the limits. */
    ClientLimits {
        if (eventClients < 1 || eventQueue < 1 || stall.isNegative() || stall.isZero()) {
            throw new IllegalArgumentException("client limits must be positive: " + eventClients + ", " + eventQueue
                    + ", " + stall);
        }
    }
}
