package io.cairn.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Plain HTTP against a Cairn node with {@link java.net.http.HttpClient}: nothing added behind the test's back (no
 * implicit {@code Accept}, no {@code Accept-Encoding}, no decompression), HTTP/1.1 only, as the Eureka clients speak.
 */
final class RawEureka {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Cairn cairn;

    RawEureka(Cairn cairn) {
        this.cairn = cairn;
    }

    /** Sends one request; {@code headers} are name/value pairs. */
    HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(cairn.uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** {@code GET} with {@code Accept: application/json}, as both real clients read. */
    HttpResponse<byte[]> getJson(String path) {
        return get(path, "Accept", "application/json");
    }

    /** The parsed JSON body of a {@code GET} that must answer 200. */
    JsonNode readJson(String path) {
        HttpResponse<byte[]> r = getJson(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + text(r));
        }
        return parse(r.body());
    }

    /** {@code POST /eureka/apps/{app}} with a JSON {@code {"instance":…}} body; returns the status code. */
    int register(InstanceDoc instance) {
        return register(instance.app(), instance.json());
    }

    int register(String app, String json) {
        return send("POST", "/eureka/apps/" + app, json.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", "Accept", "application/json").statusCode();
    }

    HttpResponse<byte[]> renew(String app, String id, String... headers) {
        return send("PUT", "/eureka/apps/" + app + "/" + id + "?status=UP", null, headers);
    }

    HttpResponse<byte[]> cancel(String app, String id) {
        return send("DELETE", "/eureka/apps/" + app + "/" + id, null);
    }

    /** The registry index Cairn reports on every answer. */
    static long index(HttpResponse<?> r) {
        return Long.parseLong(r.headers().firstValue("X-Cairn-Index")
                .orElseThrow(() -> new AssertionError("no X-Cairn-Index header on " + r)));
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    static byte[] gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("not gzip", e);
        }
    }

    /** The instances of an {@code applications} document, flattened, whatever the number of applications. */
    static List<JsonNode> instancesOf(JsonNode applicationsDoc) {
        JsonNode apps = applicationsDoc.path("applications").path("application");
        return java.util.stream.StreamSupport.stream(apps.spliterator(), false)
                .flatMap(a -> java.util.stream.StreamSupport.stream(a.path("instance").spliterator(), false))
                .toList();
    }
}
