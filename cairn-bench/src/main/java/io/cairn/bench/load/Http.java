package io.cairn.bench.load;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeUnit;

/**
 * A non-blocking HTTP/1.1 client with a keep-alive connection pool (Vert.x core), sized for the concurrency of a run.
 * Responses are consumed without copying unless the caller asks for the body.
 */
public final class Http implements AutoCloseable {
    private final Vertx vertx;
    private final HttpClient client;
    private final boolean ownVertx;

    /** A response: status, registry index header (-1 if absent), body size on the wire, and the body if kept. */
    public record Reply(int status, long index, long bytes, Buffer body) {
    }

    public Http(int connections) {
        this(Vertx.vertx(new VertxOptions().setPreferNativeTransport(false).setEventLoopPoolSize(2)
                .setBlockedThreadCheckInterval(60_000)), connections, true);
    }

    public Http(Vertx vertx, int connections, boolean ownVertx) {
        this.vertx = vertx;
        this.ownVertx = ownVertx;
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(600)
                .setTcpNoDelay(true)
                .setPipelining(false)
                .setDecompressionSupported(false)
                .setConnectTimeout(10_000)
                .setIdleTimeout(0);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1);
        this.client = vertx.createHttpClient(options, pool);
    }

    public Vertx vertx() {
        return vertx;
    }

    /**
     * Sends one request; {@code keepBody} keeps the body in the reply, otherwise only its size is counted.
     *
     * @param headers extra headers, may be null
     * @param body    request body, may be null
     */
    public Future<Reply> send(Target t, HttpMethod method, String path, MultiMap headers, Buffer body,
                              boolean keepBody) {
        RequestOptions o = new RequestOptions().setMethod(method).setHost(t.host()).setPort(t.port())
                .setURI(t.path(path));
        if (headers != null) {
            o.setHeaders(headers);
        }
        if (io.vertx.core.Vertx.currentContext() != null) {
            return client.request(o).compose(req -> body == null ? req.send() : req.send(body))
                    .compose(resp -> consume(resp, keepBody));
        }
        // From a plain thread, hop onto an event loop first: the response's handlers must be set on the loop that
        // receives it, before its body can arrive.
        io.vertx.core.Promise<Reply> p = io.vertx.core.Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> send(t, method, path, headers, body, keepBody).onComplete(p));
        return p.future();
    }

    private static Future<Reply> consume(HttpClientResponse resp, boolean keepBody) {
        String idx = resp.getHeader("X-Cairn-Index");
        long index = idx == null ? -1 : Long.parseLong(idx);
        if (keepBody) {
            return resp.body().map(b -> new Reply(resp.statusCode(), index, b.length(), b));
        }
        long[] bytes = {0};
        resp.handler(b -> bytes[0] += b.length());
        return resp.end().map(v -> new Reply(resp.statusCode(), index, bytes[0], null));
    }

    public static MultiMap headers(String... kv) {
        MultiMap m = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.add(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Blocks for a future's result (for set-up steps only, never on an event loop). */
    public static <T> T await(Future<T> f, long seconds) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
        }
    }

    @Override
    public void close() {
        try {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        if (ownVertx) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }
}
