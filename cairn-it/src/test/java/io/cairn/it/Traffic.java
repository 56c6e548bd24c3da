package io.cairn.it;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a Netflix {@code DiscoveryClient} actually sent and got back, recorded inside its own Jersey 3 transport.
 *
 * <p>The client accepts extra JAX-RS filters ({@code AbstractDiscoveryClientOptionalArgs#setAdditionalFilters}) and
 * registers each filter object with its Jersey client, so one object implementing both filter interfaces sees every
 * request (even one that never gets an answer, e.g. to a closed port) and every response. Nothing is changed on the
 * wire, unlike a counting proxy.
 */
final class Traffic implements ClientRequestFilter, ClientResponseFilter {
    /** One request; {@code status} is -1 while (or if) no response came back. */
    record Exchange(long seq, String method, URI uri, int status) {
        String path() {
            return uri.getPath();
        }

        boolean is(String m, String p) {
            return method.equals(m) && path().equals(p);
        }
    }

    private static final String SEQ = Traffic.class.getName() + ".seq";
    private final AtomicLong seq = new AtomicLong();
    private final ConcurrentLinkedQueue<Exchange> requests = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Exchange> responses = new ConcurrentLinkedQueue<>();

    @Override
    public void filter(ClientRequestContext req) {
        long n = seq.incrementAndGet();
        req.setProperty(SEQ, n);
        requests.add(new Exchange(n, req.getMethod(), req.getUri(), -1));
    }

    @Override
    public void filter(ClientRequestContext req, ClientResponseContext res) {
        Object n = req.getProperty(SEQ);
        responses.add(new Exchange(n instanceof Long l ? l : -1, req.getMethod(), req.getUri(), res.getStatus()));
    }

    /** Every request sent, in order. */
    List<Exchange> requests() {
        return List.copyOf(requests);
    }

    /** Every response received, in order of arrival, with its status code. */
    List<Exchange> responses() {
        return List.copyOf(responses);
    }

    long responsesTo(String method, String path) {
        return responses.stream().filter(e -> e.is(method, path)).count();
    }

    long responsesTo(String method, String path, int status) {
        return responses.stream().filter(e -> e.is(method, path) && e.status() == status).count();
    }

    long requestsTo(String method, String path) {
        return requests.stream().filter(e -> e.is(method, path)).count();
    }
}
