package io.cairn.server.watch;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cairn.model.InstanceInfo;
import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.server.registry.Change;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes watch events and answers: instances in Eureka's JSON shape, wrapped in Cairn's small envelope. */
final class EventWriter {
    private final EurekaJsonCodec json;

    EventWriter(EurekaJsonCodec json) {
        this.json = json;
    }

    byte[] event(Change c) {
        return write(g -> writeEvent(g, c.index(), c.action().name(), c.instance()));
    }

    private void writeEvent(JsonGenerator g, long index, String action, InstanceInfo instance) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", index);
        g.writeStringField("action", action);
        g.writeFieldName("instance");
        json.writeInstanceBody(g, instance);
        g.writeEndObject();
    }

    /** The opening of an answer, up to the opening bracket of its events. */
    byte[] answerHead(long index, String epoch, boolean reset) {
        return ("{\"index\":" + index + ",\"epoch\":\"" + epoch + "\",\"reset\":" + reset + ",\"events\":[")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A reset: every matching instance as an ADDED event at the snapshot's index. */
    byte[] reset(long index, String epoch, List<InstanceInfo> instances) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("index", index);
            g.writeStringField("epoch", epoch);
            g.writeBooleanField("reset", true);
            g.writeArrayFieldStart("events");
            for (InstanceInfo i : instances) {
                writeEvent(g, index, "ADDED", i);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = json.factory().createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
