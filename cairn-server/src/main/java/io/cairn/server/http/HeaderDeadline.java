package io.cairn.server.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes a connection whose first request's headers have not all arrived within the request timeout, so that a
 * client trickling headers (slowloris) cannot hold connections open. (Later requests on a kept-alive connection are
 * bounded by the idle timeout.) Needs HTTP/2 clear-text detection off: with it, Vert.x announces the connection only
 * once its first request head has arrived.
 */
public final class HeaderDeadline {
    private final Vertx vertx;
    private final long timeoutMs;
    private final Map<HttpConnection, Long> waiting = new ConcurrentHashMap<>();

    public HeaderDeadline(Vertx vertx, long timeoutMs) {
        this.vertx = vertx;
        this.timeoutMs = timeoutMs;
    }

    /** For {@code HttpServer#connectionHandler}: starts the clock on a new connection. */
    public Handler<HttpConnection> onConnection() {
        return conn -> {
            long timer = vertx.setTimer(timeoutMs, t -> {
                if (waiting.remove(conn) != null) {
                    conn.close();
                }
            });
            waiting.put(conn, timer);
            conn.closeHandler(v -> {
                Long pending = waiting.remove(conn);
                if (pending != null) {
                    vertx.cancelTimer(pending);
                }
            });
        };
    }

    /** Wraps the request handler: a request whose headers are complete stops its connection's clock. */
    public Handler<HttpServerRequest> onRequest(Handler<HttpServerRequest> next) {
        return req -> {
            Long pending = waiting.remove(req.connection());
            if (pending != null) {
                vertx.cancelTimer(pending);
            }
            next.handle(req);
        };
    }
}
