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
        apps = apps.stream().map(a -> a.toUpperCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        vips = vips.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
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
