package io.cairn.server.http;

import io.cairn.model.InstanceInfo;
import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.model.codec.EurekaXmlCodec;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/** The JSON and XML codecs, chosen per request by its Content-Type (for bodies) or Accept (for answers). */
record Codecs(EurekaJsonCodec json, EurekaXmlCodec xml) {

    /** Decodes a {@code {"instance":…}} or {@code <instance>} body, by Content-Type, or by its first byte if none. */
    InstanceInfo readInstance(HttpServerRequest req, byte[] body) {
        if (isXml(req, body)) {
            return xml.readInstance(body);
        }
        return json.readInstance(body);
    }

    /** Whether a body is XML; throws a 415 for a Content-Type that is neither JSON nor XML. */
    static boolean isXml(HttpServerRequest req, byte[] body) {
        String type = req.getHeader("Content-Type");
        if (type != null && !type.isBlank()) {
            String t = type.toLowerCase(Locale.ROOT);
            if (t.contains("json")) {
                return false;
            }
            if (t.contains("xml")) {
                return true;
            }
            throw new HttpError(415, "unsupported Content-Type '" + type + "': send application/json or application/xml");
        }
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '<';
            }
        }
        return false;
    }

    byte[] writeInstance(InstanceInfo i, boolean asJson, boolean v1) {
        return asJson ? json.writeInstance(i) : xml.writeInstance(i, v1);
    }
}
