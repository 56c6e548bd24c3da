package io.cairn.client.transport;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of path segments and query values (RFC 3986), for app names and instance ids in URLs. */
public final class UrlPaths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlPaths() {
    }

    /** Encodes one path segment; keeps unreserved characters and {@code : @ ! $ & ' ( ) * + , ; =} as they are. */
    public static String segment(String s) {
        return encode(s, ":@!$&'()*+,;=");
    }

    /** Encodes one query parameter value. */
    public static String query(String s) {
        return encode(s, ":@!$'()*,;");
    }

    private static String encode(String s, String allowed) {
        StringBuilder sb = null;
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean keep = b < 0x80 && (Character.isLetterOrDigit(b) || "-._~".indexOf(b) >= 0 || allowed.indexOf(b) >= 0);
            if (keep && sb == null) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(bytes.length + 16);
                sb.append(new String(bytes, 0, i, StandardCharsets.UTF_8));
            }
            if (keep) {
                sb.append((char) b);
            } else {
                sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
