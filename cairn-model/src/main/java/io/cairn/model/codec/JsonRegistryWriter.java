package io.cairn.model.codec;

import static io.cairn.model.codec.JsonNames.K_APPLICATION;
import static io.cairn.model.codec.JsonNames.K_APPS_HASHCODE;
import static io.cairn.model.codec.JsonNames.K_INSTANCE;
import static io.cairn.model.codec.JsonNames.K_NAME;
import static io.cairn.model.codec.JsonNames.K_VERSIONS_DELTA;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;

import java.io.IOException;

/** Writes {@code application} and {@code applications} objects, arrays always, in either the full or mini form. */
final class JsonRegistryWriter {

    private final JsonInstanceWriter instances;

    JsonRegistryWriter(JsonInstanceWriter instances) {
        this.instances = instances;
    }

    void writeApplications(JsonGenerator g, Applications apps, boolean compact) throws IOException {
        g.writeStartObject();
        if (compact) {
            // The mini codec is a bean serializer whose property order puts the list first.
            writeApplicationList(g, apps, true);
            writeVersionAndHash(g, apps);
        } else {
            writeVersionAndHash(g, apps);
            writeApplicationList(g, apps, false);
        }
        g.writeEndObject();
    }

    void writeApplication(JsonGenerator g, Application app, boolean compact) throws IOException {
        g.writeStartObject();
        g.writeFieldName(K_NAME);
        g.writeString(app.name());
        g.writeFieldName(K_INSTANCE);
        g.writeStartArray();
        for (InstanceInfo i : app.instances()) {
            if (compact) {
                instances.writeCompact(g, i);
            } else {
                instances.writeFull(g, i);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void writeApplicationList(JsonGenerator g, Applications apps, boolean compact) throws IOException {
        g.writeFieldName(K_APPLICATION);
        g.writeStartArray();
        for (Application app : apps.applications()) {
            writeApplication(g, app, compact);
        }
        g.writeEndArray();
    }

    private static void writeVersionAndHash(JsonGenerator g, Applications apps) throws IOException {
        g.writeFieldName(K_VERSIONS_DELTA);
        g.writeString(Long.toString(apps.versionsDelta()));
        g.writeFieldName(K_APPS_HASHCODE);
        g.writeString(apps.appsHashcode());
    }
}
