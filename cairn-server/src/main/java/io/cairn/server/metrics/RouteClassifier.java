package io.cairn.server.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Names the route a request path belongs to ({@code /eureka/apps/{app}/{id}}), so that request metrics have one time
 * series per endpoint rather than one per application or instance. Runs on every request: it scans the path in
 * place and answers one of a fixed set of strings, allocating nothing.
 */
public final class RouteClassifier {
    /** Compared in place (no substring, no hashing), the most frequent first. */
    private static final String[] RESOURCE_NAMES = {"apps", "watch", "events", "peerreplication", "instances", "vips",
        "svips", "asg", "status", "serverinfo", "peers"};
    private static final Set<String> OPS = Set.of("/", "/metrics", "/health", "/ready", "/info", "/prometheus/targets",
            "/favicon.ico", "/admin/session", "/admin/config");
    private static final int MAX_SEGMENTS = 6;
    static final String OTHER = "other";
    private static final Map<String, String> SINGLE = Map.of("status", "/status", "watch", "/watch",
            "events", "/events", "peers", "/peers");

    private final String basePath;
    private final Map<String, String> templates = new HashMap<>();

    /** @param basePath the Eureka base path as configured ({@code /eureka}, or empty) */
    public RouteClassifier(String basePath) {
        this.basePath = basePath;
        for (String t : new String[] {"/apps", "/apps/delta", "/apps/{app}", "/apps/{app}/{id}",
                "/apps/{app}/{id}/status", "/apps/{app}/{id}/metadata", "/instances/{id}", "/vips/{vip}",
                "/svips/{vip}", "/peerreplication/batch", "/peerreplication/renewals", "/asg/{asg}/status",
                "/serverinfo/statusoverrides", "/status", "/watch", "/events", "/peers"}) {
            templates.put(t, basePath + t);
        }
    }

    /** The route template of {@code path}; {@code other} for anything no endpoint answers. */
    public String route(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        // The Eureka API first: nearly every request is one, and looking the whole path up in a set hashes it.
        int base = basePath.length();
        if (base > 0 && path.startsWith(basePath) && (path.length() == base || path.charAt(base) == '/')) {
            String t = eureka(path, base);
            return t != null ? templates.get(t) : OTHER;
        }
        if (OPS.contains(path)) {
            return path;
        }
        if (path.startsWith("/dashboard/")) {
            return "/dashboard/{asset}";
        }
        if (path.startsWith("/admin/apps/")) {
            return admin(path);
        }
        if (base == 0) {
            String t = eureka(path, 0);
            if (t != null) {
                return templates.get(t);
            }
        }
        return OTHER;
    }

    /**
     * Finds the non-empty segments of {@code path} after {@code from}: starts and ends in {@code bounds}, pairwise.
     * Returns their number, or -1 if there are more than {@link #MAX_SEGMENTS}.
     */
    private static int segments(String path, int from, int[] bounds) {
        int n = 0;
        int i = from;
        int len = path.length();
        while (i < len) {
            while (i < len && path.charAt(i) == '/') {
                i++;
            }
            if (i == len) {
                break;
            }
            int start = i;
            while (i < len && path.charAt(i) != '/') {
                i++;
            }
            if (n == MAX_SEGMENTS) {
                return -1;
            }
            bounds[2 * n] = start;
            bounds[2 * n + 1] = i;
            n++;
        }
        return n;
    }

    private static boolean is(String path, int[] b, int k, String word) {
        int start = b[2 * k];
        return b[2 * k + 1] - start == word.length() && path.startsWith(word, start);
    }

    private static String segment(String path, int[] b, int k) {
        return path.substring(b[2 * k], b[2 * k + 1]);
    }

    private static boolean isResource(String path, int[] b, int k) {
        for (String r : RESOURCE_NAMES) {
            if (is(path, b, k, r)) {
                return true;
            }
        }
        return false;
    }

    private static String admin(String path) {
        int[] b = new int[2 * MAX_SEGMENTS];
        int n = segments(path, "/admin".length(), b);
        if (n == 3) {
            return "/admin/apps/{app}/{id}";
        }
        if (n == 4 && is(path, b, 3, "status")) {
            return "/admin/apps/{app}/{id}/status";
        }
        return OTHER;
    }

    private static String eureka(String path, int from) {
        int[] b = new int[2 * MAX_SEGMENTS];
        int n = segments(path, from, b);
        if (n <= 0) {
            return null;
        }
        int r = 0;
        // A version segment (/eureka/v2/apps) is dropped, as the API itself does.
        if (n > 1 && !isResource(path, b, 0) && isResource(path, b, 1)) {
            r = 1;
        }
        if (!isResource(path, b, r)) {
            return null;
        }
        int k = n - r;
        if (is(path, b, r, "apps")) {
            return switch (k) {
                case 1 -> "/apps";
                case 2 -> is(path, b, r + 1, "delta") ? "/apps/delta" : "/apps/{app}";
                case 3 -> "/apps/{app}/{id}";
                case 4 -> is(path, b, r + 3, "status") ? "/apps/{app}/{id}/status"
                        : is(path, b, r + 3, "metadata") ? "/apps/{app}/{id}/metadata" : null;
                default -> null;
            };
        }
        if (is(path, b, r, "instances")) {
            return k == 2 ? "/instances/{id}" : null;
        }
        if (is(path, b, r, "vips") || is(path, b, r, "svips")) {
            return k == 2 ? (is(path, b, r, "vips") ? "/vips/{vip}" : "/svips/{vip}") : null;
        }
        if (is(path, b, r, "peerreplication")) {
            return k != 2 ? null : is(path, b, r + 1, "batch") ? "/peerreplication/batch"
                    : is(path, b, r + 1, "renewals") ? "/peerreplication/renewals" : null;
        }
        if (is(path, b, r, "asg")) {
            return k == 3 && is(path, b, r + 2, "status") ? "/asg/{asg}/status" : null;
        }
        if (is(path, b, r, "serverinfo")) {
            return k == 2 && is(path, b, r + 1, "statusoverrides") ? "/serverinfo/statusoverrides" : null;
        }
        if (k != 1) {
            return null;
        }
        for (String single : new String[] {"status", "watch", "events", "peers"}) {
            if (is(path, b, r, single)) {
                return SINGLE.get(single);
            }
        }
        return null;
    }
}
