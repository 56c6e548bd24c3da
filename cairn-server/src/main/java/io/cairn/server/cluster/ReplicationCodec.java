package io.cairn.server.cluster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cairn.model.InstanceInfo;
import io.cairn.model.codec.CodecException;
import io.cairn.model.codec.EurekaJsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents peers exchange: Eureka's replication batch and its per-item answers, and Cairn's renewal digest and
 * its answer. Instances inside are in Eureka's legacy JSON, without a root wrapper.
 */
final class ReplicationCodec {
    /** One answer of a batch: the item's status code and, on a 409, the peer's copy. */
    record ItemResult(int statusCode, InstanceInfo entity) {
    }

    /** One renewal in a digest. */
    record Renewal(String app, String id, long lastDirtyTimestamp, int count, String overriddenStatus) {
    }

    /** A digest's answer: which renewals the peer did not know, and where its copy was newer. */
    record DigestResult(List<Integer> notFound, List<Integer> conflictIndexes, List<InstanceInfo> conflicts) {
    }

    private final EurekaJsonCodec json;

    ReplicationCodec(EurekaJsonCodec json) {
        this.json = json;
    }

    byte[] batch(List<ReplicationTask> tasks) {
        return write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("replicationList");
            for (ReplicationTask t : tasks) {
                g.writeStartObject();
                g.writeStringField("appName", t.app());
                g.writeStringField("id", t.id());
                if (t.lastDirtyTimestamp() != null) {
                    g.writeNumberField("lastDirtyTimestamp", t.lastDirtyTimestamp());
                }
                if (t.overriddenStatus() != null) {
                    g.writeStringField("overriddenStatus", t.overriddenStatus());
                }
                if (t.status() != null) {
                    g.writeStringField("status", t.status());
                }
                if (t.instance() != null) {
                    g.writeFieldName("instanceInfo");
                    json.writeInstanceBody(g, t.instance());
                }
                g.writeStringField("action", t.action());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    List<ItemResult> batchResult(byte[] body) {
        List<ItemResult> out = new ArrayList<>();
        try (JsonParser p = json.factory().createParser(body)) {
            expect(p.nextToken() == JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (!"responseList".equals(field) || t != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    int status = 0;
                    InstanceInfo entity = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        JsonToken v = p.nextToken();
                        if ("statusCode".equals(f) && v.isNumeric()) {
                            status = p.getIntValue();
                        } else if ("responseEntity".equals(f) && v == JsonToken.START_OBJECT) {
                            entity = json.readInstanceBody(p);
                        } else {
                            p.skipChildren();
                        }
                    }
                    out.add(new ItemResult(status, entity));
                }
            }
        } catch (IOException e) {
            throw new CodecException("malformed replication answer", e);
        }
        return out;
    }

    byte[] digest(List<Renewal> renewals) {
        return write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("renewals");
            for (Renewal r : renewals) {
                g.writeStartArray();
                g.writeString(r.app());
                g.writeString(r.id());
                g.writeNumber(r.lastDirtyTimestamp());
                g.writeNumber(r.count());
                if (r.overriddenStatus() != null) {
                    g.writeString(r.overriddenStatus());
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    List<Renewal> readDigest(byte[] body) {
        List<Renewal> out = new ArrayList<>();
        try (JsonParser p = json.factory().createParser(body)) {
            expect(p.nextToken() == JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (!"renewals".equals(field) || t != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_ARRAY) {
                    expect(p.nextToken() == JsonToken.VALUE_STRING);
                    String app = p.getText();
                    expect(p.nextToken() == JsonToken.VALUE_STRING);
                    String id = p.getText();
                    expect(p.nextToken() == JsonToken.VALUE_NUMBER_INT);
                    long dirty = p.getLongValue();
                    expect(p.nextToken() == JsonToken.VALUE_NUMBER_INT);
                    int count = p.getIntValue();
                    String override = null;
                    JsonToken next = p.nextToken();
                    if (next == JsonToken.VALUE_STRING) {
                        override = p.getText();
                        next = p.nextToken();
                    }
                    expect(next == JsonToken.END_ARRAY);
                    out.add(new Renewal(app, id, dirty, Math.max(1, Math.min(count, 1000)), override));
                }
            }
        } catch (IOException e) {
            throw new CodecException("malformed renewal digest", e);
        }
        return out;
    }

    byte[] digestResult(List<Integer> notFound, List<Integer> conflictIndexes, List<InstanceInfo> conflicts) {
        return write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("notFound");
            for (int i : notFound) {
                g.writeNumber(i);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("conflicts");
            for (int k = 0; k < conflicts.size(); k++) {
                g.writeStartObject();
                g.writeNumberField("n", conflictIndexes.get(k));
                g.writeFieldName("instance");
                json.writeInstanceBody(g, conflicts.get(k));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    DigestResult readDigestResult(byte[] body) {
        List<Integer> notFound = new ArrayList<>();
        List<Integer> conflictIndexes = new ArrayList<>();
        List<InstanceInfo> conflicts = new ArrayList<>();
        try (JsonParser p = json.factory().createParser(body)) {
            expect(p.nextToken() == JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("notFound".equals(field) && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                        notFound.add(p.getIntValue());
                    }
                } else if ("conflicts".equals(field) && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        int n = -1;
                        InstanceInfo instance = null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            JsonToken v = p.nextToken();
                            if ("n".equals(f) && v == JsonToken.VALUE_NUMBER_INT) {
                                n = p.getIntValue();
                            } else if ("instance".equals(f) && v == JsonToken.START_OBJECT) {
                                instance = json.readInstanceBody(p);
                            } else {
                                p.skipChildren();
                            }
                        }
                        if (n >= 0 && instance != null) {
                            conflictIndexes.add(n);
                            conflicts.add(instance);
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new CodecException("malformed digest answer", e);
        }
        return new DigestResult(notFound, conflictIndexes, conflicts);
    }

    private static void expect(boolean ok) {
        if (!ok) {
            throw new CodecException("unexpected structure in a peer document");
        }
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = json.factory().createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
