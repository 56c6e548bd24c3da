package io.cairn.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every HTTP request by method, route and status, and counts heartbeats (a {@code PUT} on an instance answered
 * 200), wrapping the server's request handler so that no endpoint needs to know about metrics.
 */
final class HttpMeters {
    private static final Set<HttpMethod> KNOWN_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.OPTIONS);
    // Fixed buckets instead of a full percentile histogram: a few dozen routes times seventy buckets is too many series.
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry meters;
    private final RouteClassifier routes;
    private final String renewRoute;
    private final Counter renewals;
    // Heartbeats arrive by the thousand per second: a timer is looked up here rather than built each time.
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    HttpMeters(MeterRegistry meters, String basePath) {
        this.meters = meters;
        this.routes = new RouteClassifier(basePath);
        this.renewRoute = basePath + "/apps/{app}/{id}";
        this.renewals = Counter.builder("cairn.renewals")
                .description("Heartbeats accepted over HTTP (PUT on an instance answered 200), replicated ones included")
                .register(meters);
    }

    Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> next) {
        return req -> {
            long start = System.nanoTime();
            String route = routes.route(req.path());
            HttpMethod method = req.method();
            HttpServerResponse response = req.response();
            // Recorded as the head goes out: the status is final, a heartbeat counts before its client hears back,
            // and an event stream is timed to its first byte. Nothing else in the server sets this handler.
            response.headersEndHandler(v -> record(method, route, response.getStatusCode(),
                    System.nanoTime() - start));
            next.handle(req);
        };
    }

    private void record(HttpMethod method, String route, int status, long nanos) {
        if (status == 200 && method == HttpMethod.PUT && route.equals(renewRoute)) {
            renewals.increment();
        }
        String m = KNOWN_METHODS.contains(method) ? method.name() : "OTHER";
        timers.computeIfAbsent(m + ' ' + status + ' ' + route, k -> Timer.builder("cairn.http.server.requests")
                        .description("HTTP requests by method, route and status, timed until the answer's head is "
                                + "sent (long polls: the time held; event streams: until the first event)")
                        .tag("method", m)
                        .tag("route", route)
                        .tag("status", Integer.toString(status))
                        .serviceLevelObjectives(BUCKETS)
                        .register(meters))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
