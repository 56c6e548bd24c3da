package io.cairn.model.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Eureka's JSON wire format: writes exactly what Netflix's legacy Jackson codec writes (compact, no whitespace) and
 * reads every historical variant. Thread-safe and reusable; one instance should serve the whole process.
 */
public final class EurekaJsonCodec {

    /**
     * Netflix servers build cached payloads as Java strings, so a character outside the BMP reaches the wire as one
     * 4-byte UTF-8 sequence; Jackson's byte generator would otherwise escape it as a surrogate pair.
     */
    private final JsonFactory factory = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    private final JsonInstanceWriter instanceWriter = new JsonInstanceWriter();
    private final JsonRegistryWriter registryWriter = new JsonRegistryWriter(instanceWriter);
    private final JsonInstanceReader instanceReader;
    private final JsonRegistryReader registryReader;

    /** A codec whose readers stamp absent timestamps with {@link System#currentTimeMillis()}. */
    public EurekaJsonCodec() {
        this(System::currentTimeMillis);
    }

    /** A codec whose readers take absent {@code lastUpdatedTimestamp}/{@code lastDirtyTimestamp} from {@code clock}. */
    public EurekaJsonCodec(LongSupplier clock) {
        this.instanceReader = new JsonInstanceReader(Objects.requireNonNull(clock, "clock"));
        this.registryReader = new JsonRegistryReader(instanceReader);
    }

    /**
     * The shared factory, for callers that embed instances in documents of their own (replication, watch events).
     * Do not reconfigure it: the codec's output depends on its settings.
     */
    public JsonFactory factory() {
        return factory;
    }

    /** {@code {"applications":{...}}}; {@code compact} selects the mini form of {@code X-Eureka-Accept: compact}. */
    public byte[] writeApplications(Applications apps, boolean compact) {
        return bytes(JsonNames.K_APPLICATIONS, g -> registryWriter.writeApplications(g, apps, compact));
    }

    /** Streams {@code {"applications":{...}}} to {@code out} as UTF-8; flushes but does not close {@code out}. */
    public void writeApplications(Applications apps, boolean compact, OutputStream out) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            writeRoot(g, JsonNames.K_APPLICATIONS, r -> registryWriter.writeApplications(r, apps, compact));
        }
    }

    /** {@code {"application":{"name":...,"instance":[...]}}}. */
    public byte[] writeApplication(Application app) {
        return bytes(JsonNames.K_APPLICATION, g -> registryWriter.writeApplication(g, app, false));
    }

    /** {@code {"instance":{...}}}. */
    public byte[] writeInstance(InstanceInfo instance) {
        return bytes(JsonNames.K_INSTANCE, g -> instanceWriter.writeFull(g, instance));
    }

    /** Writes the bare instance object, without root wrapper, as replication documents and watch events embed it. */
    public void writeInstanceBody(JsonGenerator g, InstanceInfo instance) throws IOException {
        instanceWriter.writeFull(g, instance);
    }

    /** Reads {@code {"instance":{...}}}; the wrapper is required, as by both real readers. */
    public InstanceInfo readInstance(byte[] json) {
        try (JsonParser p = factory.createParser(json)) {
            return readRoot(p, JsonNames.INSTANCE, instanceReader::read);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Reads {@code {"instance":{...}}} from a stream, to its end; does not close {@code in}. */
    public InstanceInfo readInstance(InputStream in) {
        try (JsonParser p = factory.createParser(in)) {
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            return readRoot(p, JsonNames.INSTANCE, instanceReader::read);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * Reads a bare instance object: the parser must be on its {@code START_OBJECT} and is left on its
     * {@code END_OBJECT}. Malformed JSON and unusable values are reported as {@link CodecException}; other I/O
     * failures of the underlying source propagate.
     */
    public InstanceInfo readInstanceBody(JsonParser p) throws IOException {
        try {
            return instanceReader.read(p);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    /** Reads {@code {"application":{...}}}. */
    public Application readApplication(byte[] json) {
        try (JsonParser p = factory.createParser(json)) {
            return readRoot(p, JsonNames.APPLICATION, registryReader::readApplication);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Reads {@code {"applications":{...}}}. */
    public Applications readApplications(byte[] json) {
        try (JsonParser p = factory.createParser(json)) {
            return readRoot(p, JsonNames.APPLICATIONS, registryReader::readApplications);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private interface Body<T> {
        T read(JsonParser p) throws IOException;
    }

    private interface GeneratorWrite {
        void write(JsonGenerator g) throws IOException;
    }

    private static void writeRoot(JsonGenerator g, SerializableString root, GeneratorWrite body) throws IOException {
        g.writeStartObject();
        g.writeFieldName(root);
        body.write(g);
        g.writeEndObject();
    }

    private byte[] bytes(SerializableString root, GeneratorWrite body) {
        ByteArrayBuilder out = new ByteArrayBuilder();
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            writeRoot(g, root, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One root object holding exactly one field {@code root}, then nothing but whitespace. */
    private static <T> T readRoot(JsonParser p, String root, Body<T> body) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new CodecException("empty JSON document");
        }
        if (t != JsonToken.START_OBJECT) {
            throw new CodecException("expected a JSON object with root '" + root + "'");
        }
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            throw new CodecException("missing root '" + root + "'");
        }
        if (!root.equals(p.currentName())) {
            throw new CodecException("expected root '" + root + "' but found " + WireValues.quote(p.currentName()));
        }
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new CodecException(root + " must be an object");
        }
        T value = body.read(p);
        if (p.nextToken() != JsonToken.END_OBJECT) {
            throw new CodecException("unexpected field " + WireValues.quote(p.currentName())
                    + " next to '" + root + "'");
        }
        if (p.nextToken() != null) {
            throw new CodecException("trailing content after the JSON document");
        }
        return value;
    }

    private static CodecException failure(IOException e) {
        if (e instanceof JsonProcessingException) {
            return malformed((JsonProcessingException) e);
        }
        return new CodecException("cannot read the JSON document: " + e.getMessage(), e);
    }

    private static CodecException malformed(JsonProcessingException e) {
        String what = e instanceof JsonEOFException ? "truncated JSON" : "malformed JSON";
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            return new CodecException(what + " at line " + at.getLineNr() + " column " + at.getColumnNr(), e);
        }
        return new CodecException(what, e);
    }
}
