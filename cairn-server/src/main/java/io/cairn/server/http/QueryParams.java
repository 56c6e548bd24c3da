package io.cairn.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Query parameters read straight from the raw query string, for the hot paths (heartbeats, watches): decoding the
 * whole query into a multimap for the two parameters a renewal carries cost more than the registry's own work.
 */
public final class QueryParams {
    private QueryParams() {
    }

    /** The first value of {@code name}, decoded; null when absent. A malformed escape is an IllegalArgumentException. */
    public static String get(String query, String name) {
        int at = next(query, name, 0);
        return at < 0 ? null : value(query, name, at);
    }

    /** Every value of {@code name}, decoded, in order; empty when absent. */
    public static List<String> all(String query, String name) {
        int at = next(query, name, 0);
        if (at < 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>(2);
        while (at >= 0) {
            out.add(value(query, name, at));
            at = next(query, name, end(query, at) + 1);
        }
        return out;
    }

    /** Where the next parameter called {@code name} starts, at or after {@code from}; -1 if there is none. */
    private static int next(String query, String name, int from) {
        if (query == null) {
            return -1;
        }
        int len = query.length();
        int at = from;
        while (at < len) {
            int end = end(query, at);
            if (query.startsWith(name, at) && (at + name.length() == end || query.charAt(at + name.length()) == '=')) {
                return at;
            }
            at = end + 1;
        }
        return -1;
    }

    /** Where the parameter starting at {@code at} ends. */
    private static int end(String query, int at) {
        int end = query.indexOf('&', at);
        return end < 0 ? query.length() : end;
    }

    private static String value(String query, String name, int at) {
        int end = end(query, at);
        int v = at + name.length();
        return v >= end ? "" : decode(query.substring(v + 1, end));
    }

    private static String decode(String raw) {
        return raw.indexOf('%') < 0 && raw.indexOf('+') < 0 ? raw : URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
