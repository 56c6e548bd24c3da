package io.cairn.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Turns an {@code Authorization} header into a {@link Principal}: HTTP basic against the users, or
 * {@code Bearer <token>} against the tokens. Digests are compared in constant time. Checking a PBKDF2 hash is slow on
 * purpose, so a password once verified is remembered as a salted digest and later requests with it are cheap; only a
 * new or wrong password costs a full check, which callers run off the event loop.
 */
public final class Authenticator {
    /** The outcome: a principal, or why the credentials were refused; {@link #SLOW} asks for a blocking check. */
    public record Result(Principal principal, String failure) {
        /** A full password check is needed; call {@link #authenticate(String, boolean)} with {@code slowOk}. */
        public static final Result SLOW = new Result(null, null);

        public boolean ok() {
            return principal != null;
        }
    }

    // A fixed hash checked for unknown users, so that they cost as much as known ones.
    private static final PasswordHash DUMMY = PasswordHash.parse(
            "pbkdf2-sha256:310000:AAAAAAAAAAAAAAAAAAAAAA==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

    private final Supplier<Credentials> credentials;
    /** user name → digest of the last password verified for it; bounded by the number of users. */
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    public Authenticator(Supplier<Credentials> credentials) {
        this.credentials = credentials;
    }

    /**
     * Judges an {@code Authorization} header value (null when absent: anonymous).
     *
     * @param slowOk whether a full PBKDF2 check may run in this thread; if not, {@link Result#SLOW} may come back
     */
    public Result authenticate(String authorization, boolean slowOk) {
        if (authorization == null || authorization.isBlank()) {
            return new Result(Principal.ANONYMOUS, null);
        }
        String header = authorization.trim();
        int space = header.indexOf(' ');
        if (space < 0) {
            return new Result(null, "malformed Authorization header");
        }
        String scheme = header.substring(0, space);
        String value = header.substring(space + 1).trim();
        Credentials c = credentials.get();
        if (scheme.equalsIgnoreCase("bearer")) {
            byte[] digest = Secrets.sha256(value);
            Credentials.Token match = null;
            for (Credentials.Token t : c.tokens()) {
                if (MessageDigest.isEqual(digest, t.digest())) {
                    match = t;
                }
            }
            return match == null ? new Result(null, "unknown bearer token")
                    : new Result(new Principal("token:" + match.name(), match.roles()), null);
        }
        if (!scheme.equalsIgnoreCase("basic")) {
            return new Result(null, "unsupported authentication scheme " + abbreviate(scheme));
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Result(null, "malformed basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return new Result(null, "malformed basic credentials");
        }
        String name = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        Credentials.User user = c.users().get(name);
        if (user == null) {
            if (!slowOk) {
                return Result.SLOW;
            }
            DUMMY.matches(password);
            return new Result(null, "unknown user or wrong password");
        }
        Principal principal = new Principal(name, user.roles());
        if (user.hash() == null) {
            return MessageDigest.isEqual(Secrets.sha256(password), user.plainDigest())
                    ? new Result(principal, null) : new Result(null, "unknown user or wrong password");
        }
        byte[] quick = user.hash().quickDigest(password);
        byte[] known = verified.get(name);
        if (known != null && MessageDigest.isEqual(quick, known)) {
            return new Result(principal, null);
        }
        if (!slowOk) {
            return Result.SLOW;
        }
        if (user.hash().matches(password)) {
            verified.put(name, quick);
            return new Result(principal, null);
        }
        return new Result(null, "unknown user or wrong password");
    }

    /** Whether any user or token has {@code role} (for example, whether administration is possible at all). */
    public boolean grants(Role role) {
        return credentials.get().grants(role);
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "...";
    }
}
