package io.cairn.server.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** How the operations endpoints answer: small JSON documents, never cached, errors as {@code {"error": ...}}. */
final class JsonReplies {
    /** Writes one JSON document. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private final JsonFactory factory = new JsonFactory();

    byte[] bytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = factory.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    void send(HttpServerRequest req, int status, Body body) {
        send(req, status, bytes(body));
    }

    void send(HttpServerRequest req, int status, byte[] json) {
        HttpServerResponse r = req.response();
        if (r.ended() || r.closed()) {
            return;
        }
        r.setStatusCode(status);
        r.putHeader("Content-Type", "application/json");
        r.putHeader("Cache-Control", "no-store");
        r.end(Buffer.buffer(json));
    }

    void error(HttpServerRequest req, int status, String message) {
        send(req, status, g -> {
            g.writeStartObject();
            g.writeNumberField("status", status);
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }
}
