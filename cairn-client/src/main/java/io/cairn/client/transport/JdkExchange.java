package io.cairn.client.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;

/**
 * {@link Exchange} over the JDK's {@link HttpClient}: HTTP/1.1 (Eureka servers do not speak h2c), no redirects,
 * bodies read into memory and gunzipped when the server compressed them. The client's threads are daemons.
 */
public final class JdkExchange implements Exchange {
    private final HttpClient http;

    public JdkExchange(Duration connectTimeout) {
        this(connectTimeout, null);
    }

    /** @param ssl verifies HTTPS servers; null for the JVM's default trust store */
    public JdkExchange(Duration connectTimeout, javax.net.ssl.SSLContext ssl) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.http = b.build();
    }

    @Override
    public Reply send(ServiceEndpoint endpoint, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = r.body() == null ? new byte[0] : r.body();
        if (body.length > 0 && r.headers().firstValue("Content-Encoding").map(v -> v.equalsIgnoreCase("gzip")).orElse(false)) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        OptionalLong index = OptionalLong.empty();
        String raw = r.headers().firstValue("X-Cairn-Index").orElse(null);
        if (raw != null) {
            try {
                index = OptionalLong.of(Long.parseLong(raw.trim()));
            } catch (NumberFormatException ignored) {
                // not a Cairn index after all; treat the server as plain Eureka
            }
        }
        return new Reply(endpoint, r.statusCode(), body, index);
    }
}
