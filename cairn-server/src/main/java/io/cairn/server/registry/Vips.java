package io.cairn.server.registry;

import io.cairn.model.Application;
import io.cairn.model.Applications;
import io.cairn.model.InstanceInfo;
import java.util.ArrayList;
import java.util.List;

/** Eureka's server-side VIP lookup: an exact, case-sensitive match of one entry of a comma-separated VIP list. */
final class Vips {
    private Vips() {
    }

    /** The instances of {@code all} whose (secure) VIP list holds {@code vip}, with version -1 and their own hash. */
    static Applications select(Applications all, String vip, boolean secure) {
        List<Application> out = new ArrayList<>();
        List<InstanceInfo> matched = new ArrayList<>();
        for (Application a : all.applications()) {
            List<InstanceInfo> hits = new ArrayList<>();
            for (InstanceInfo i : a.instances()) {
                if (matches(secure ? i.secureVipAddress() : i.vipAddress(), vip)) {
                    hits.add(i);
                }
            }
            if (!hits.isEmpty()) {
                out.add(new Application(a.name(), hits));
                matched.addAll(hits);
            }
        }
        return new Applications(-1, Applications.reconcileHashCode(matched), out);
    }

    static boolean matches(String vipList, String vip) {
        if (vipList == null) {
            return false;
        }
        int from = 0;
        while (true) {
            int comma = vipList.indexOf(',', from);
            int end = comma < 0 ? vipList.length() : comma;
            if (end - from == vip.length() && vipList.regionMatches(from, vip, 0, vip.length())) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            from = comma + 1;
        }
    }
}
