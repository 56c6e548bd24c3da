package io.cairn.server.ops;

import io.cairn.server.config.CairnConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * Decides whether a request carries the administrator's credentials: HTTP basic with the configured user and password,
 * or {@code Authorization: Bearer <token>}. Comparisons take the same time whatever matches, so that timing reveals
 * nothing about a secret.
 */
public final class AdminAuth {
    /** What a request's credentials amount to. */
    public enum Outcome {
        /** The credentials match. */
        GRANTED,
        /** No credentials, or wrong ones. */
        DENIED,
        /** No password and no token are configured: nobody is an administrator. */
        DISABLED
    }

    private final CairnConfig.Admin admin;

    public AdminAuth(CairnConfig.Admin admin) {
        this.admin = admin;
    }

    public boolean enabled() {
        return admin.enabled();
    }

    /** Judges an {@code Authorization} header value (null when absent). */
    public Outcome check(String authorization) {
        if (!admin.enabled()) {
            return Outcome.DISABLED;
        }
        if (authorization == null) {
            return Outcome.DENIED;
        }
        String header = authorization.trim();
        int space = header.indexOf(' ');
        if (space < 0) {
            return Outcome.DENIED;
        }
        String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
        String value = header.substring(space + 1).trim();
        if (scheme.equals("bearer")) {
            return !admin.token().isEmpty() && same(value, admin.token()) ? Outcome.GRANTED : Outcome.DENIED;
        }
        if (scheme.equals("basic") && !admin.password().isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Outcome.DENIED;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Outcome.DENIED;
            }
            // Both halves are always compared, so that a wrong user name costs the same as a wrong password.
            boolean user = same(decoded.substring(0, colon), admin.username());
            boolean password = same(decoded.substring(colon + 1), admin.password());
            return user & password ? Outcome.GRANTED : Outcome.DENIED;
        }
        return Outcome.DENIED;
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
