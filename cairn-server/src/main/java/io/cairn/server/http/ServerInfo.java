package io.cairn.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cairn.model.InstanceStatus;
import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.server.registry.Registry;
import io.cairn.server.registry.SelfPreservationState;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.Map;

/** {@code GET /status} and {@code GET /serverinfo/statusoverrides}: what this node holds, for operators. */
final class ServerInfo {
    private final Registry registry;
    private final EurekaJsonCodec json;
    private final Replies replies;

    ServerInfo(Registry registry, EurekaJsonCodec json, Replies replies) {
        this.registry = registry;
        this.json = json;
        this.replies = replies;
    }

    void status(HttpServerRequest req) {
        long index = registry.index();
        Map<InstanceStatus, Integer> counts = registry.countsByStatus();
        SelfPreservationState sp = registry.selfPreservation();
        Runtime rt = Runtime.getRuntime();
        byte[] body = write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("generalStats");
            g.writeStringField("environment", "cairn");
            g.writeStringField("num-of-cpus", Integer.toString(rt.availableProcessors()));
            g.writeStringField("total-avail-memory", (rt.maxMemory() >> 20) + "mb");
            g.writeStringField("current-memory-usage", ((rt.totalMemory() - rt.freeMemory()) >> 20) + "mb");
            g.writeStringField("server-uptime", uptime());
            g.writeEndObject();
            g.writeObjectFieldStart("applicationStats");
            g.writeStringField("registered-replicas", "");
            g.writeStringField("available-replicas", "");
            g.writeStringField("unavailable-replicas", "");
            g.writeEndObject();
            g.writeObjectFieldStart("registry");
            g.writeNumberField("index", index);
            g.writeNumberField("instances", registry.size());
            g.writeObjectFieldStart("byStatus");
            for (Map.Entry<InstanceStatus, Integer> e : counts.entrySet()) {
                g.writeNumberField(e.getKey().name(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("selfPreservation");
            g.writeBooleanField("enabled", sp.enabled());
            g.writeBooleanField("active", sp.active());
            g.writeNumberField("expectedClients", sp.expectedClients());
            g.writeNumberField("renewsThreshold", sp.renewsThreshold());
            g.writeNumberField("renewsLastMinute", sp.renewsLastMinute());
            g.writeEndObject();
            g.writeEndObject();
        });
        replies.bytes(req, 200, Replies.JSON, body, false, index);
    }

    void statusOverrides(HttpServerRequest req) {
        long index = registry.index();
        Map<String, InstanceStatus> overrides = registry.statusOverrides();
        byte[] body = write(g -> {
            g.writeStartObject();
            for (Map.Entry<String, InstanceStatus> e : overrides.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue().name());
            }
            g.writeEndObject();
        });
        replies.bytes(req, 200, Replies.JSON, body, false, index);
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] write(Writer w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = json.factory().createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String uptime() {
        long s = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        return String.format("%02d:%02d", s / 3600, (s / 60) % 60);
    }
}
