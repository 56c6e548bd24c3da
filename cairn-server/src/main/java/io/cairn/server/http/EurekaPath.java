package io.cairn.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A request path under the Eureka base path, split into its optional version segment ({@code v2}, or anything) and
 * the resource segments. Empty segments (doubled or trailing slashes) are dropped, as Eureka's clients need.
 *
 * @param v1       whether the version segment was {@code v1} (statuses are then downgraded in XML)
 * @param segments the percent-decoded segments after the version, starting with the resource name
 */
record EurekaPath(boolean v1, List<String> segments) {

    private static final Set<String> RESOURCES = Set.of(
            "apps", "instances", "vips", "svips", "peerreplication", "asg", "status", "serverinfo", "watch", "events", "peers");

    /**
     * Parses {@code rawPath} if it lies under {@code basePath}; returns null otherwise.
     *
     * @throws IllegalArgumentException for a malformed percent escape
     */
    static EurekaPath parse(String basePath, String rawPath) {
        if (!rawPath.startsWith(basePath)) {
            return null;
        }
        String rest = rawPath.substring(basePath.length());
        if (!rest.isEmpty() && rest.charAt(0) != '/') {
            return null;
        }
        // Scanned by hand rather than split: this runs twice for every request (access policy, then routing).
        List<String> segs = new ArrayList<>(4);
        int len = rest.length();
        int i = 0;
        while (i < len) {
            if (rest.charAt(i) == '/') {
                i++;
                continue;
            }
            int end = rest.indexOf('/', i);
            if (end < 0) {
                end = len;
            }
            segs.add(decode(rest.substring(i, end)));
            i = end;
        }
        boolean v1 = false;
        if (segs.size() > 1 && !RESOURCES.contains(segs.get(0)) && RESOURCES.contains(segs.get(1))) {
            v1 = segs.get(0).toLowerCase(Locale.ROOT).equals("v1");
            segs.remove(0);
        }
        return new EurekaPath(v1, java.util.Collections.unmodifiableList(segs));
    }

    int size() {
        return segments.size();
    }

    String get(int i) {
        return segments.get(i);
    }

    /** Percent-decoding of a path segment; unlike form decoding, '+' stays '+'. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("malformed percent escape in path");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("malformed percent escape in path");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
