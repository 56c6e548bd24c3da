package io.cairn.server.http;

import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;

/**
 * Query parameters read straight from the raw query string, for the hot paths (heartbeats, watches): decoding the
 * whole query into a multimap for the two parameters a renewal carries cost more than the registry's own work.
 */
public final class QueryParams {
    private QueryParams() {
    }

    /** The first value of {@code name}, decoded; null when absent. A malformed escape is an IllegalArgumentException. */
    public static String get(String query, String name) {
        List<String> found = scan(query, name, true);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every value of {@code name}, decoded, in order; empty when absent. */
    public static List<String> all(String query, String name) {
        return scan(query, name, false);
    }

    private static List<String> scan(String query, String name, boolean firstOnly) {
        if (query == null || query.isEmpty() || !query.contains(name)) {
            return List.of();
        }
        List<String> out = null;
        int len = query.length();
        int at = 0;
        while (at < len) {
            int end = query.indexOf('&', at);
            if (end < 0) {
                end = len;
            }
            int eq = query.indexOf('=', at);
            int nameEnd = eq < 0 || eq > end ? end : eq;
            if (nameEnd - at == name.length() && query.startsWith(name, at)) {
                String value = nameEnd == end ? "" : decode(query.substring(nameEnd + 1, end));
                if (firstOnly) {
                    return List.of(value);
                }
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(value);
            }
            at = end + 1;
        }
        return out == null ? List.of() : out;
    }

    private static String decode(String raw) {
        return raw.indexOf('%') < 0 && raw.indexOf('+') < 0 ? raw : URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
