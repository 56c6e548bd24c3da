package io.cairn.client.transport;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Runs one call against the servers in the client's order, failing over to the next on an error: each call tries
 * at most {@code maxAttempts} different servers, skips quarantined ones, and quarantines every server that fails.
 * When every server is quarantined, they are tried anyway, the one whose quarantine ends first leading. Thread-safe.
 */
public final class FailoverClient {
    private static final System.Logger LOG = System.getLogger(FailoverClient.class.getName());

    private final List<ServiceEndpoint> endpoints;
    private final Exchange exchange;
    private final Quarantine quarantine;
    private final int maxAttempts;

    /**
     * @param endpoints   the servers in preference order, see {@link EndpointOrder}
     * @param maxAttempts how many different servers one call may try
     */
    public FailoverClient(List<ServiceEndpoint> endpoints, Exchange exchange, Quarantine quarantine, int maxAttempts) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no service URL configured");
        }
        this.endpoints = List.copyOf(endpoints);
        this.exchange = exchange;
        this.quarantine = quarantine;
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    /** Every configured server, in preference order. */
    public List<ServiceEndpoint> endpoints() {
        return endpoints;
    }

    /** The servers a call would try now, in order. */
    public List<ServiceEndpoint> candidates() {
        List<ServiceEndpoint> healthy = new ArrayList<>();
        for (ServiceEndpoint e : endpoints) {
            if (!quarantine.contains(e)) {
                healthy.add(e);
            }
        }
        if (!healthy.isEmpty()) {
            return healthy;
        }
        List<ServiceEndpoint> all = new ArrayList<>(endpoints);
        all.sort(Comparator.comparing(quarantine::endOf));
        return all;
    }

    /**
     * Sends {@code request} to one server after the other until one gives an accepted status.
     *
     * @param operation what the call does, for messages
     * @param accepted  the statuses that end the call (others count as a server failure and fail over)
     * @throws TransportException when no server gave an accepted answer; the thread's interrupt flag is kept
     */
    public Reply execute(String operation, Function<ServiceEndpoint, HttpRequest> request, IntPredicate accepted) {
        List<ServiceEndpoint> candidates = candidates();
        StringBuilder failures = new StringBuilder();
        Throwable last = null;
        int attempts = Math.min(maxAttempts, candidates.size());
        for (int i = 0; i < attempts; i++) {
            ServiceEndpoint e = candidates.get(i);
            try {
                Reply r = exchange.send(e, request.apply(e));
                if (accepted.test(r.status())) {
                    quarantine.remove(e);
                    return r;
                }
                failures.append(failures.length() == 0 ? "" : "; ").append(e).append(" answered ").append(r.status());
            } catch (IOException ex) {
                last = ex;
                failures.append(failures.length() == 0 ? "" : "; ").append(e).append(": ").append(describe(ex));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new TransportException(operation + " interrupted", ex);
            }
            reportFailure(e);
        }
        throw new TransportException(operation + " failed: " + failures, last);
    }

    /** Quarantines a server that failed a call made outside {@link #execute} (a watch). */
    public void reportFailure(ServiceEndpoint e) {
        LOG.log(Level.DEBUG, "quarantining {0}", e);
        quarantine.add(e);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " " + m);
    }
}
