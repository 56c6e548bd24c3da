package io.cairn.client.watch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cairn.client.cache.InstanceChange;
import io.cairn.model.ActionType;
import io.cairn.model.InstanceInfo;
import io.cairn.model.codec.CodecException;
import io.cairn.model.codec.EurekaJsonCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the watch envelope {@code {"index":N,"epoch":"..","reset":false,"events":[{"index":N,"action":"ADDED",
 * "instance":{..}}]}} with jackson-core; each instance is Eureka's JSON and goes through cairn-model's codec.
 * Unknown fields are skipped, so that the server may add some.
 */
public final class WatchEnvelopeReader {
    private final EurekaJsonCodec codec;

    public WatchEnvelopeReader(EurekaJsonCodec codec) {
        this.codec = codec;
    }

    /** @throws CodecException if the document is not a watch answer */
    public WatchAnswer read(byte[] json) {
        try (JsonParser p = codec.factory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new CodecException("a watch answer must be a JSON object");
            }
            long index = -1;
            String epoch = null;
            boolean reset = false;
            List<InstanceChange> events = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "index" -> index = p.getValueAsLong(-1);
                    case "epoch" -> epoch = t == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                    case "reset" -> reset = p.getValueAsBoolean();
                    case "events" -> readEvents(p, t, events);
                    default -> p.skipChildren();
                }
            }
            if (index < 0) {
                throw new CodecException("a watch answer needs a non-negative index");
            }
            return new WatchAnswer(index, epoch, reset, events);
        } catch (CodecException e) {
            throw e;
        } catch (IOException e) {
            throw new CodecException("malformed watch answer: " + e.getMessage(), e);
        }
    }

    private void readEvents(JsonParser p, JsonToken t, List<InstanceChange> out) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new CodecException("events must be an array");
        }
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw new CodecException("an event must be an object");
            }
            out.add(readEvent(p));
        }
    }

    private InstanceChange readEvent(JsonParser p) throws IOException {
        ActionType action = null;
        InstanceInfo instance = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("action")) {
                action = action(p.getValueAsString());
            } else if (field.equals("instance") && t == JsonToken.START_OBJECT) {
                instance = codec.readInstanceBody(p);
            } else {
                p.skipChildren();
            }
        }
        if (action == null || instance == null) {
            throw new CodecException("an event needs an action and an instance");
        }
        return new InstanceChange(action, instance);
    }

    private static ActionType action(String s) {
        if (s != null) {
            for (ActionType a : ActionType.values()) {
                if (a.name().equals(s)) {
                    return a;
                }
            }
        }
        throw new CodecException("unknown event action '" + s + "'");
    }
}
