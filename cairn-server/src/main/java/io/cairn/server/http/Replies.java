package io.cairn.server.http;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * How the Eureka API answers: content negotiation as Eureka does it (JSON only when {@code Accept} mentions json,
 * gzip only when asked), the registry index on every answer, and errors as short plain text.
 */
final class Replies {
    static final String INDEX_HEADER = "X-Cairn-Index";
    private static final CharSequence INDEX = io.vertx.core.http.HttpHeaders.createOptimized(INDEX_HEADER);
    static final String JSON = "application/json";
    static final String XML = "application/xml";
    private static final int STREAM_CHUNK = 64 * 1024;
    private static final long LINGER_MS = 2_000;
    private static final long LINGER_MAX_BYTES = 4L * 1024 * 1024;

    /** Eureka's rule for its cached reads: JSON iff the Accept header contains "json", else XML. */
    static boolean wantsJson(HttpServerRequest req) {
        String accept = req.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("json");
    }

    static boolean wantsGzip(HttpServerRequest req) {
        String ae = req.getHeader("Accept-Encoding");
        return ae != null && ae.toLowerCase(Locale.ROOT).contains("gzip");
    }

    static boolean wantsCompact(HttpServerRequest req) {
        return "compact".equalsIgnoreCase(req.getHeader("X-Eureka-Accept"));
    }

    /**
     * An answer with no body. Eureka clients must get an empty 404: a body on a renew 404 stops the Netflix client
     * from registering again.
     */
    void empty(HttpServerRequest req, int status, long index) {
        HttpServerResponse r = req.response().setStatusCode(status);
        r.putHeader(INDEX, Long.toString(index));
        r.end();
    }

    void bytes(HttpServerRequest req, int status, String contentType, byte[] body, boolean gzipped, long index) {
        HttpServerResponse r = req.response().setStatusCode(status);
        r.putHeader("Content-Type", contentType);
        r.putHeader(INDEX_HEADER, Long.toString(index));
        if (gzipped) {
            r.putHeader("Content-Encoding", "gzip");
        }
        r.putHeader("Vary", "Accept, Accept-Encoding");
        r.end(Buffer.buffer(Unpooled.wrappedBuffer(body)));
    }

    /**
     * A large answer read from {@code in} as the client takes it: chunks are read (inflated) only while the
     * connection's write queue has room, so neither the event loop nor memory is held by a slow reader.
     */
    void stream(HttpServerRequest req, int status, String contentType, InputStream in, long length, long index) {
        HttpServerResponse r = req.response().setStatusCode(status);
        r.putHeader("Content-Type", contentType);
        r.putHeader(INDEX, Long.toString(index));
        r.putHeader("Vary", "Accept, Accept-Encoding");
        r.putHeader("Content-Length", Long.toString(length));
        r.closeHandler(v -> closeQuietly(in));
        pump(r, in);
    }

    private static void pump(HttpServerResponse r, InputStream in) {
        try {
            while (!r.closed()) {
                if (r.writeQueueFull()) {
                    r.drainHandler(v -> pump(r, in));
                    return;
                }
                byte[] chunk = in.readNBytes(STREAM_CHUNK);
                if (chunk.length > 0) {
                    r.write(Buffer.buffer(Unpooled.wrappedBuffer(chunk)));
                }
                if (chunk.length < STREAM_CHUNK) {
                    r.end();
                    closeQuietly(in);
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(in);
            r.reset();
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was left to free
        }
    }

    /** A 4xx or 5xx with a short plain-text reason (none for 404, see {@link #empty}). */
    void error(HttpServerRequest req, int status, String message) {
        HttpServerResponse r = req.response();
        if (r.ended() || r.closed()) {
            return;
        }
        r.setStatusCode(status);
        if (status == 404 || message == null) {
            r.end();
            return;
        }
        r.putHeader("Content-Type", "text/plain; charset=utf-8");
        r.end(message + "\n");
    }

    /** An error for a request whose body will not be read; the connection is closed after the answer. */
    void errorAndClose(HttpServerRequest req, int status, String message) {
        HttpServerResponse r = req.response();
        if (r.ended() || r.closed()) {
            return;
        }
        r.setStatusCode(status);
        r.putHeader("Connection", "close");
        r.putHeader("Content-Type", "text/plain; charset=utf-8");
        r.end(message + "\n").onComplete(done -> lingerThenClose(req));
    }

    /**
     * Closes the connection of a refused request once the client has stopped sending, within bounds. Closing a socket
     * with unread bytes makes the kernel send a reset, which can reach the client before it has read the answer (the
     * client then sees the connection fail instead of the 413); so the rest of the body is read and dropped first, for
     * at most {@link #LINGER_MS} and {@link #LINGER_MAX_BYTES}, as web servers' lingering close does.
     */
    private static void lingerThenClose(HttpServerRequest req) {
        HttpConnection conn = req.connection();
        if (req.isEnded() || io.vertx.core.Vertx.currentContext() == null) {
            conn.close();
            return;
        }
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.currentContext().owner();
        long[] drained = {0};
        long timer = vertx.setTimer(LINGER_MS, id -> conn.close());
        Runnable close = () -> {
            vertx.cancelTimer(timer);
            conn.close();
        };
        req.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > LINGER_MAX_BYTES) {
                close.run();
            }
        });
        req.endHandler(v -> close.run());
        req.exceptionHandler(e -> close.run());
        req.resume();
    }
}
