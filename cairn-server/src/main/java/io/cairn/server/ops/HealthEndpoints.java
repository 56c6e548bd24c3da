package io.cairn.server.ops;

import io.cairn.server.cluster.ReadGate;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;

/**
 * {@code GET /health}: the process is alive and answering. {@code GET /ready}: the node has copied the registry from
 * its peers (or has none) and serves reads; 503 until then, so that a load balancer sends clients elsewhere.
 */
final class HealthEndpoints {
    private final JsonReplies replies;
    private final ReadGate gate;
    private final Clock clock;
    private final long startedAt;

    HealthEndpoints(JsonReplies replies, ReadGate gate, Clock clock, long startedAt) {
        this.replies = replies;
        this.gate = gate;
        this.clock = clock;
        this.startedAt = startedAt;
    }

    void health(HttpServerRequest req) {
        long uptime = Math.max(0, clock.millis() - startedAt) / 1000;
        replies.send(req, 200, g -> {
            g.writeStartObject();
            g.writeStringField("status", "UP");
            g.writeStringField("version", Version.current());
            g.writeNumberField("uptimeSeconds", uptime);
            g.writeEndObject();
        });
    }

    void ready(HttpServerRequest req) {
        boolean open = gate.isOpen();
        replies.send(req, open ? 200 : 503, g -> {
            g.writeStartObject();
            g.writeStringField("status", open ? "READY" : "NOT_READY");
            g.writeBooleanField("synced", open);
            g.writeBooleanField("serving", open);
            if (!open) {
                g.writeStringField("reason", "copying the registry from peers; reads are held back until then");
            }
            g.writeEndObject();
        });
    }
}
