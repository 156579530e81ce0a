package org.spinmon.dashboard.audit;

import java.util.Optional;

/**
 * One place where the main code receives an exception: a catch block, an error-path lambda or a finally block,
 * with the verdict of {@link ExceptionHandlerAudit}.
 *
 * @param file    the source file, relative to the repository root (or a snippet's name)
 * @param line    the line where the handler starts, 1-based
 * @param kind    what the site is ({@link Kind})
 * @param key     stable name of the site, independent of line numbers: {@code Type.member: handler}, e.g.
 *                {@code MonitoredRun.await: catch (IllegalStateException shuttingDown)}; allow-list entries use it
 * @param problem why the site swallows the exception, empty when it passes the rule
 * @param how     how the site passes the rule (e.g. "throws", "passes e on", "counts"), or the problem again
 * @param lossy   why the report loses what went wrong (the message of an IOException, which can be a bare path),
 *                empty when it does not
 */
record HandlerSite(String file, int line, Kind kind, String key, Optional<String> problem, String how,
                   Optional<String> lossy) {

    /** The kinds of sites. */
    enum Kind {
        /** a {@code catch} clause */
        CATCH,
        /** a lambda (or method) that receives an error: Reactor, CompletableFuture, Thread, error consumers */
        ERROR_CALLBACK,
        /** an error path that cannot swallow (the error goes on downstream) or always swallows (no handler) */
        ERROR_OPERATOR,
        /** a {@code finally} block, which swallows the pending exception if it returns or throws */
        FINALLY
    }

    /** @return whether the site swallows the exception it receives */
    boolean swallows() {
        return problem.isPresent();
    }

    /** @return {@code file:line: key: problem}, for failure messages */
    String describe() {
        return file + ":" + line + ": " + key + ": " + problem.orElse(how);
    }

    /** @return {@code file:line: key: lossy}, for failure messages */
    String describeLossy() {
        return file + ":" + line + ": " + key + ": " + lossy.orElse("keeps what went wrong");
    }
}
