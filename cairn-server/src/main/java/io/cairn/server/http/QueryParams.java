package io.cairn.server.http;

import java.net.URLDecoder;
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
        if (query == null || query.isEmpty()) {
            return null;
        }
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
                return nameEnd == end ? "" : decode(query.substring(nameEnd + 1, end));
            }
            at = end + 1;
        }
        return null;
    }

    /** Every value of {@code name}, decoded, in order; empty when absent. */
    public static java.util.List<String> all(String query, String name) {
        if (query == null || query.isEmpty() || !query.contains(name)) {
            return java.util.List.of();
        }
        java.util.List<String> out = new java.util.ArrayList<>(2);
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
                out.add(nameEnd == end ? "" : decode(query.substring(nameEnd + 1, end)));
            }
            at = end + 1;
        }
        return out;
    }

    private static String decode(String raw) {
        return raw.indexOf('%') < 0 && raw.indexOf('+') < 0 ? raw : URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
