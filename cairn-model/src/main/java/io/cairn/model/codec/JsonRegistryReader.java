package io.cairn.model.codec;

import static io.cairn.model.codec.JsonValues.expectObject;
import static io.cairn.model.codec.JsonValues.longValue;
import static io.cairn.model.codec.JsonValues.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code application} and {@code applications} objects; like the legacy reader it takes a single object
 * where an array is expected (XStream's JSON writes one-element lists that way).
 */
final class JsonRegistryReader {

    private final JsonInstanceReader instances;

    JsonRegistryReader(JsonInstanceReader instances) {
        this.instances = instances;
    }

    Applications readApplications(JsonParser p) throws IOException {
        expectObject(p, JsonNames.APPLICATIONS);
        // An absent version makes the legacy client fetch the full registry every time (-1); keep that meaning.
        long version = -1;
        String hash = "";
        List<Application> apps = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case JsonNames.VERSIONS_DELTA: version = longValue(p, field); break;
                case JsonNames.APPS_HASHCODE: hash = text(p, field); break;
                case JsonNames.APPLICATION:
                    if (p.currentToken() == JsonToken.START_ARRAY) {
                        while (nextElement(p)) {
                            apps.add(readApplication(p));
                        }
                    } else {
                        apps.add(readApplication(p));
                    }
                    break;
                default: p.skipChildren();
            }
        }
        return new Applications(version, hash, apps);
    }

    Application readApplication(JsonParser p) throws IOException {
        expectObject(p, JsonNames.APPLICATION);
        String name = null;
        List<InstanceInfo> list = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case JsonNames.NAME: name = text(p, "application name"); break;
                case JsonNames.INSTANCE:
                    if (p.currentToken() == JsonToken.START_ARRAY) {
                        while (nextElement(p)) {
                            list.add(instances.read(p));
                        }
                    } else {
                        list.add(instances.read(p));
                    }
                    break;
                default: p.skipChildren();
            }
        }
        if (name == null) {
            throw new CodecException("application without name");
        }
        return new Application(name, list);
    }

    /** Advances to the next non-null array element; false at the end of the array. */
    private static boolean nextElement(JsonParser p) throws IOException {
        JsonToken t;
        do {
            t = p.nextToken();
            if (t == null) {
                throw new CodecException("truncated JSON document");
            }
        } while (t == JsonToken.VALUE_NULL);
        return t != JsonToken.END_ARRAY;
    }
}
