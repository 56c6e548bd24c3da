package io.cairn.server.watch;

import io.cairn.model.InstanceInfo;
import java.util.Locale;
import java.util.Set;

/**
 * Which instances a watcher wants: those of the named applications or VIP addresses (either matching is enough),
 * or every instance when both sets are empty. App names compare as Eureka stores them (upper case); VIPs ignore
 * case, like Eureka's client-side VIP lookups.
 */
public record WatchFilter(Set<String> apps, Set<String> vips) {

    public static final WatchFilter ALL = new WatchFilter(Set.of(), Set.of());

    public WatchFilter {
        apps = normalized(apps, true);
        vips = normalized(vips, false);
    }

    private static Set<String> normalized(Set<String> names, boolean upper) {
        if (names.isEmpty()) {
            return Set.of();
        }
        java.util.HashSet<String> out = new java.util.HashSet<>();
        for (String n : names) {
            out.add(upper ? n.toUpperCase(Locale.ROOT) : n.toLowerCase(Locale.ROOT));
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    public boolean isAll() {
        return apps.isEmpty() && vips.isEmpty();
    }

    public boolean matches(InstanceInfo i) {
        if (isAll() || apps.contains(i.app())) {
            return true;
        }
        return !vips.isEmpty() && (anyVip(i.vipAddress()) || anyVip(i.secureVipAddress()));
    }

    private boolean anyVip(String list) {
        if (list == null) {
            return false;
        }
        for (String v : list.split(",")) {
            if (vips.contains(v.trim().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
