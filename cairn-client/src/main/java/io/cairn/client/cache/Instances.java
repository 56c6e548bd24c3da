package io.cairn.client.cache;

import io.cairn.model.InstanceInfo;
import java.util.Objects;

/** Comparisons of instances that matter to consumers of the registry. */
public final class Instances {
    private Instances() {
    }

    /**
     * True if {@code a} and {@code b} differ in anything a caller of the instance could care about. Lease
     * bookkeeping ({@code leaseInfo}, {@code lastUpdatedTimestamp}) and the delta's {@code actionType} are ignored:
     * they change with every heartbeat or fetch and would make every full fetch look like a change.
     */
    public static boolean differ(InstanceInfo a, InstanceInfo b) {
        if (a == b) {
            return false;
        }
        return a.status() != b.status()
                || a.overriddenStatus() != b.overriddenStatus()
                || a.port() != b.port() || a.portEnabled() != b.portEnabled()
                || a.securePort() != b.securePort() || a.securePortEnabled() != b.securePortEnabled()
                || a.lastDirtyTimestamp() != b.lastDirtyTimestamp()
                || !Objects.equals(a.id(), b.id())
                || !Objects.equals(a.hostName(), b.hostName())
                || !Objects.equals(a.ipAddr(), b.ipAddr())
                || !Objects.equals(a.app(), b.app())
                || !a.metadata().equals(b.metadata())
                || !Objects.equals(a.vipAddress(), b.vipAddress())
                || !Objects.equals(a.secureVipAddress(), b.secureVipAddress())
                || !Objects.equals(a.homePageUrl(), b.homePageUrl())
                || !Objects.equals(a.statusPageUrl(), b.statusPageUrl())
                || !Objects.equals(a.healthCheckUrl(), b.healthCheckUrl())
                || !Objects.equals(a.secureHealthCheckUrl(), b.secureHealthCheckUrl())
                || !Objects.equals(a.dataCenterInfo(), b.dataCenterInfo())
                || !Objects.equals(a.asgName(), b.asgName())
                || !Objects.equals(a.appGroupName(), b.appGroupName());
    }
}
