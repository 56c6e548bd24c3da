package io.cairn.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.server.cluster.Cluster;
import io.cairn.server.cluster.PeerState;
import io.cairn.server.registry.Registry;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Cairn's own peer endpoints: {@code POST /peerreplication/renewals} takes a Cairn peer's renewal digest, and
 * {@code GET /peers} shows how replication to each peer is doing.
 */
final class PeerEndpoints {
    private final Cluster cluster;
    private final Registry registry;
    private final EurekaJsonCodec json;
    private final Replies replies;
    private final BodyReader bodies;

    PeerEndpoints(Cluster cluster, Registry registry, EurekaJsonCodec json, Replies replies, BodyReader bodies) {
        this.cluster = cluster;
        this.registry = registry;
        this.json = json;
        this.replies = replies;
        this.bodies = bodies;
    }

    void renewals(HttpServerRequest req, Guard guard) {
        bodies.read(req, replies, body -> guard.run(req, () ->
                replies.bytes(req, 200, Replies.JSON, cluster.applyDigest(body), false, registry.index())));
    }

    void list(HttpServerRequest req) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = json.factory().createGenerator(out)) {
            g.writeStartObject();
            g.writeBooleanField("readsOpen", cluster.gate().isOpen());
            g.writeArrayFieldStart("peers");
            for (PeerState p : cluster.peers()) {
                g.writeStartObject();
                g.writeStringField("url", p.url());
                g.writeStringField("kind", p.kind());
                g.writeBooleanField("healthy", p.healthy());
                g.writeNumberField("pending", p.pending());
                g.writeNumberField("lastSuccess", p.lastSuccess());
                g.writeNumberField("lastFailure", p.lastFailure());
                if (p.lastError() != null) {
                    g.writeStringField("lastError", p.lastError());
                }
                g.writeNumberField("sent", p.sent());
                g.writeNumberField("failed", p.failed());
                g.writeNumberField("dropped", p.dropped());
                g.writeNumberField("bytesSent", p.bytesSent());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        replies.bytes(req, 200, Replies.JSON, out.toByteArray(), false, registry.index());
    }
}
