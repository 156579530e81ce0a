package org.spinmon.dashboard.server;

/**
 * A request the server refuses, with the status (a 4xx; 500 when a file of the runs directory cannot be read; 503 when a limit
 * is reached) and the one-line reason
 * it sends back as {@code {"error": "..."}}.
 */
final class HttpProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    HttpProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** @return the HTTP status to answer with */
    int status() {
        return status;
    }
}
