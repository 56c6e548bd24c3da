package io.cairn.server.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** SHA-256 digests of secrets, their self-describing form ({@code sha256:<base64>}) and new random tokens. */
public final class Secrets {
    private Secrets() {
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored form of a token: {@code sha256:<base64 of its SHA-256>}. */
    public static String tokenHash(String token) {
        return "sha256:" + Base64.getEncoder().encodeToString(sha256(token));
    }

    /** Parses {@code sha256:<base64>} (or hex); throws {@link IllegalArgumentException}. */
    static byte[] parseTokenHash(String encoded) {
        String v = encoded.trim();
        if (!v.startsWith("sha256:")) {
            throw new IllegalArgumentException("expected sha256:<base64> (made by 'cairn hash-password --token')");
        }
        String body = v.substring("sha256:".length());
        byte[] digest;
        if (body.matches("[0-9a-fA-F]{64}")) {
            digest = java.util.HexFormat.of().parseHex(body);
        } else {
            try {
                digest = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the digest is neither base64 nor hex");
            }
        }
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes");
        }
        return digest;
    }

    /** 32 random bytes, base64url without padding. */
    public static String newToken(SecureRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
