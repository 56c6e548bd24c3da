package io.cairn.server.cluster;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A peer URL taken apart: the URL to send requests to (without user info), the {@code Authorization} header that goes
 * with them (HTTP basic from {@code http://user:pass@host/eureka/}, as Eureka does, else the cluster's bearer token),
 * and a form safe to log, with the password masked.
 *
 * @param base          the URL without user info, ending in a slash
 * @param user          the user named in the URL, or empty
 * @param password      the password in the URL, or empty
 * @param authorization the header value to send, or null for none
 */
public record PeerAddress(String base, String user, String password, String authorization) {

    /** Parses a configured peer URL; {@code peerToken} (may be empty) is used when the URL names no user. */
    public static PeerAddress of(String url, String peerToken) {
        String u = url.trim();
        int scheme = u.indexOf("://");
        int at = scheme < 0 ? -1 : u.indexOf('@', scheme + 3);
        int slash = scheme < 0 ? -1 : u.indexOf('/', scheme + 3);
        if (at < 0 || (slash >= 0 && at > slash)) {
            return new PeerAddress(u, "", "", peerToken.isEmpty() ? null : "Bearer " + peerToken);
        }
        String info = u.substring(scheme + 3, at);
        String base = u.substring(0, scheme + 3) + u.substring(at + 1);
        int colon = info.indexOf(':');
        String user = decode(colon < 0 ? info : info.substring(0, colon));
        String password = colon < 0 ? "" : decode(info.substring(colon + 1));
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new PeerAddress(base, user, password, "Basic " + basic);
    }

    /** The URL as it may be shown and logged: {@code http://user:***@host/eureka/}. */
    public static String masked(String url) {
        PeerAddress a = of(url, "");
        if (a.user.isEmpty() && a.password.isEmpty()) {
            return a.base;
        }
        int scheme = a.base.indexOf("://");
        return a.base.substring(0, scheme + 3) + a.user + ":***@" + a.base.substring(scheme + 3);
    }

    /** The URL without user info, as a {@link URI}, for self-detection. */
    public URI uri() {
        return URI.create(base);
    }

    /** Never shows the password or the token. */
    @Override
    public String toString() {
        return masked(user.isEmpty() ? base : base.replaceFirst("://", "://" + user + "@"));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
