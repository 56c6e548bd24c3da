package io.cairn.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Times every HTTP request by method, route and status, wrapping the server's request handler so that no endpoint
 * needs to know about metrics. Heartbeats arrive by the ten thousand per second, so the timer of a request is found
 * by two array lookups and one map lookup on an already hashed string, allocating nothing.
 */
final class HttpMeters {
    private static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.OPTIONS);
    private static final int OTHER_METHOD = METHODS.size();
    private static final int STATUSES = 600;
    // Fixed buckets instead of a full percentile histogram: a few dozen routes times seventy buckets is too many series.
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry meters;
    private final RouteClassifier routes;
    /** Per route template, the timers by method and status, made on first use. */
    private final ConcurrentHashMap<String, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();

    HttpMeters(MeterRegistry meters, String basePath) {
        this.meters = meters;
        this.routes = new RouteClassifier(basePath);
    }

    Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> next) {
        return req -> {
            long start = System.nanoTime();
            String route = routes.route(req.path());
            int method = methodIndex(req.method());
            HttpServerResponse response = req.response();
            // Recorded as the head goes out: the status is final, and an event stream is timed to its first byte.
            // Nothing else in the server sets this handler.
            response.headersEndHandler(v -> record(method, route, response.getStatusCode(),
                    System.nanoTime() - start));
            next.handle(req);
        };
    }

    private static int methodIndex(HttpMethod m) {
        int i = METHODS.indexOf(m);
        return i < 0 ? OTHER_METHOD : i;
    }

    private void record(int method, String route, int status, long nanos) {
        int s = status >= 100 && status < STATUSES ? status : 0;
        AtomicReferenceArray<Timer> byRoute = timers.computeIfAbsent(route,
                r -> new AtomicReferenceArray<>((OTHER_METHOD + 1) * STATUSES));
        int slot = method * STATUSES + s;
        Timer t = byRoute.get(slot);
        if (t == null) {
            t = Timer.builder("cairn.http.server.requests")
                    .description("HTTP requests by method, route and status, timed until the answer's head is "
                            + "sent (long polls: the time held; event streams: until the first event)")
                    .tag("method", method == OTHER_METHOD ? "OTHER" : METHODS.get(method).name())
                    .tag("route", route)
                    .tag("status", Integer.toString(status))
                    .serviceLevelObjectives(BUCKETS)
                    .register(meters);
            byRoute.set(slot, t);
        }
        t.record(nanos, TimeUnit.NANOSECONDS);
    }
}
