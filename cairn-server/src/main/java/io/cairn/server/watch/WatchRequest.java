package io.cairn.server.watch;

import io.cairn.server.config.CairnConfig;
import io.cairn.server.http.QueryParams;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parameters of a watch: from which index, for how long at most, for which apps and VIPs, and the epoch the
 * index belongs to.
 *
 * @param index  the last index the watcher has seen, or null for "send me everything"
 * @param waitMs how long a long poll may be held, already capped
 */
record WatchRequest(Long index, String epoch, long waitMs, WatchFilter filter) {

    /** @throws IllegalArgumentException with a reason, for a 400 */
    static WatchRequest parse(HttpServerRequest req, CairnConfig config) {
        String q = req.query();
        String rawIndex = QueryParams.get(q, "index");
        Long index = rawIndex == null || rawIndex.isEmpty() ? null : parseIndex(rawIndex, "index");
        String rawWait = QueryParams.get(q, "wait");
        long wait = rawWait == null || rawWait.isEmpty() ? config.watchDefaultWait().toMillis() : parseWait(rawWait);
        wait = Math.min(wait, config.watchMaxWait().toMillis());
        List<String> apps = QueryParams.all(q, "app");
        List<String> vips = QueryParams.all(q, "vip");
        WatchFilter filter = apps.isEmpty() && vips.isEmpty() ? WatchFilter.ALL
                : new WatchFilter(nonBlank(apps), nonBlank(vips));
        String epoch = QueryParams.get(q, "epoch");
        return new WatchRequest(index, epoch == null || epoch.isEmpty() ? null : epoch, wait, filter);
    }

    private static Set<String> nonBlank(List<String> values) {
        Set<String> out = new HashSet<>(values);
        out.removeIf(String::isBlank);
        return out;
    }

    static long parseIndex(String raw, String name) {
        try {
            long v = Long.parseLong(raw);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a registry index (a non-negative integer)");
        }
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m} or a plain number of seconds. */
    static long parseWait(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        long unit = 1000;
        if (s.endsWith("ms")) {
            unit = 1;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            unit = 60_000;
            s = s.substring(0, s.length() - 1);
        }
        try {
            long v = Long.parseLong(s);
            if (v < 0 || v > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return v * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("wait must look like 30s, 500ms or 2m");
        }
    }
}
