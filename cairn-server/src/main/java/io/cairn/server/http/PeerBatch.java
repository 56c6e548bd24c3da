package io.cairn.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.codec.CodecException;
import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.server.registry.InstanceValidator;
import io.cairn.server.registry.InvalidInstanceException;
import io.cairn.server.registry.Registry;
import io.cairn.server.registry.RenewResult;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /peerreplication/batch}: a Eureka peer's batch of replicated operations, applied in order as
 * replication, each answered with its own status code (and, for a heartbeat conflict, this node's copy).
 */
final class PeerBatch {
    private static final System.Logger LOG = System.getLogger(PeerBatch.class.getName());

    /** One replicated operation as a peer sends it. */
    private record Item(String action, String appName, String id, Long lastDirtyTimestamp, String status,
                        String overriddenStatus, InstanceInfo instanceInfo) {
    }

    private record Outcome(int statusCode, InstanceInfo entity) {
    }

    private final Registry registry;
    private final InstanceValidator validator;
    private final EurekaJsonCodec json;
    private final Replies replies;
    private final BodyReader bodies;
    private final Clock clock;

    PeerBatch(Registry registry, InstanceValidator validator, EurekaJsonCodec json, Replies replies,
              BodyReader bodies, Clock clock) {
        this.registry = registry;
        this.validator = validator;
        this.json = json;
        this.replies = replies;
        this.bodies = bodies;
        this.clock = clock;
    }

    void handle(HttpServerRequest req, Guard guard) {
        bodies.read(req, replies, body -> guard.run(req, () -> {
            List<Item> items = parse(body);
            List<Outcome> outcomes = new ArrayList<>(items.size());
            for (Item item : items) {
                outcomes.add(apply(item));
            }
            replies.bytes(req, 200, Replies.JSON, write(outcomes), false, registry.index());
        }));
    }

    private Outcome apply(Item item) {
        try {
            if (item.action() == null) {
                return new Outcome(400, null);
            }
            // Every action but a register needs the instance's id (an instanceInfo may lack one as well).
            if (item.appName() == null || item.appName().isBlank()
                    || !item.action().equals("Register") && (item.id() == null || item.id().isBlank())
                    || item.action().equals("Register") && item.instanceInfo() == null) {
                return new Outcome(400, null);
            }
            switch (item.action()) {
                case "Register": {
                    InstanceInfo i = item.instanceInfo();
                    if (i == null) {
                        return new Outcome(400, null);
                    }
                    try {
                        validator.validate(Registry.appKey(item.appName()), i, clock.millis());
                        registry.register(i, true);
                    } catch (InvalidInstanceException e) {
                        // Eureka answers every replicated register with 200; the refusal is only logged.
                        LOG.log(System.Logger.Level.WARNING, "refused replicated register of {0}/{1}: {2}",
                                item.appName(), i.id(), e.getMessage());
                    }
                    return new Outcome(200, null);
                }
                case "Heartbeat": {
                    InstanceStatus override = item.overriddenStatus() == null ? null
                            : InstanceStatus.parse(item.overriddenStatus()).orElse(null);
                    RenewResult r = registry.renew(item.appName(), item.id(), true, item.lastDirtyTimestamp(),
                            override);
                    return switch (r.outcome()) {
                        case RENEWED -> new Outcome(200, null);
                        case NOT_FOUND -> new Outcome(404, null);
                        case CONFLICT -> new Outcome(409, r.conflict());
                    };
                }
                case "Cancel":
                    return new Outcome(registry.cancel(item.appName(), item.id(), true) ? 200 : 404, null);
                case "StatusUpdate": {
                    InstanceStatus s = InstanceStatus.parse(item.status()).orElse(null);
                    if (s == null) {
                        return new Outcome(400, null);
                    }
                    boolean found = registry.setStatusOverride(item.appName(), item.id(), s,
                            item.lastDirtyTimestamp(), true);
                    return new Outcome(found ? 200 : 404, null);
                }
                case "DeleteStatusOverride": {
                    InstanceStatus s = item.status() == null ? InstanceStatus.UNKNOWN
                            : InstanceStatus.parse(item.status()).orElse(null);
                    if (s == null) {
                        return new Outcome(400, null);
                    }
                    boolean found = registry.deleteStatusOverride(item.appName(), item.id(), s,
                            item.lastDirtyTimestamp(), true);
                    return new Outcome(found ? 200 : 404, null);
                }
                default:
                    return new Outcome(400, null);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "failed replicated " + item.action(), e);
            return new Outcome(500, null);
        }
    }

    private List<Item> parse(byte[] body) {
        try (JsonParser p = json.factory().createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            List<Item> items = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("replicationList".equals(field) && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        items.add(parseItem(p));
                    }
                } else if ("replicationList".equals(field) && t == JsonToken.START_OBJECT) {
                    items.add(parseItem(p));
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new CodecException("trailing data after the replication list");
            }
            return items;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CodecException("malformed replication batch: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CodecException("unreadable replication batch", e);
        }
    }

    private Item parseItem(JsonParser p) throws IOException {
        String action = null;
        String appName = null;
        String id = null;
        Long lastDirty = null;
        String status = null;
        String overridden = null;
        InstanceInfo instance = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "action" -> action = p.getValueAsString();
                case "appName" -> appName = p.getValueAsString();
                case "id" -> id = p.getValueAsString();
                case "lastDirtyTimestamp" -> {
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        lastDirty = p.getLongValue();
                    } else if (t == JsonToken.VALUE_STRING) {
                        try {
                            lastDirty = Long.parseLong(p.getText().trim());
                        } catch (NumberFormatException e) {
                            throw new CodecException("lastDirtyTimestamp must be a number");
                        }
                    } else {
                        throw new CodecException("lastDirtyTimestamp must be a number");
                    }
                }
                case "status" -> status = p.getValueAsString();
                case "overriddenStatus", "overriddenstatus" -> overridden = p.getValueAsString();
                case "instanceInfo" -> {
                    if (t != JsonToken.START_OBJECT) {
                        throw new CodecException("instanceInfo must be an object");
                    }
                    instance = json.readInstanceBody(p);
                }
                default -> p.skipChildren();
            }
        }
        if (id == null && instance != null) {
            id = instance.id();
        }
        return new Item(action, appName, id, lastDirty, status, overridden, instance);
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new CodecException("expected a JSON object with a replicationList");
        }
    }

    private byte[] write(List<Outcome> outcomes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + outcomes.size() * 24);
        try (JsonGenerator g = json.factory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("responseList");
            for (Outcome o : outcomes) {
                g.writeStartObject();
                g.writeNumberField("statusCode", o.statusCode());
                if (o.entity() != null) {
                    g.writeFieldName("responseEntity");
                    json.writeInstanceBody(g, o.entity());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
