package io.cairn.client.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * One Eureka or Cairn server as the client talks to it: its service URL (always ending in {@code /}, without
 * credentials), the zone it was configured for, and the Basic {@code Authorization} header taken from a
 * {@code user:pass@} part of the configured URL, if any.
 *
 * @param zone          the zone whose URL list named this server
 * @param baseUri       the service URL, e.g. {@code http://host:8761/eureka/}
 * @param authorization {@code Basic ...} or null
 */
public record ServiceEndpoint(String zone, URI baseUri, String authorization) {

    public ServiceEndpoint {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(baseUri, "baseUri");
    }

    /**
     * Parses a configured service URL such as {@code http://user:secret@eureka-1:8761/eureka/}.
     *
     * @throws IllegalArgumentException if it is not an absolute http or https URL
     */
    public static ServiceEndpoint parse(String zone, String url) {
        String trimmed = url.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid service URL '" + redact(trimmed) + "': " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("service URL must be an absolute http(s) URL: '" + redact(trimmed) + "'");
        }
        String authorization = null;
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            authorization = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        String authority = uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                ? "[" + uri.getHost() + "]" : uri.getHost();
        if (uri.getPort() >= 0) {
            authority = authority + ":" + uri.getPort();
        }
        return new ServiceEndpoint(zone, URI.create(scheme + "://" + authority + path), authorization);
    }

    /** The absolute URI of {@code relative} (a path without leading slash, raw, already encoded) on this server. */
    public URI resolve(String relative) {
        return URI.create(baseUri.toString() + relative);
    }

    /** The URL without credentials, for logs and messages. */
    @Override
    public String toString() {
        return baseUri.toString();
    }

    private static String redact(String url) {
        int at = url.indexOf('@');
        int scheme = url.indexOf("://");
        return at > 0 && scheme > 0 && at > scheme ? url.substring(0, scheme + 3) + "***@" + url.substring(at + 1) : url;
    }
}
