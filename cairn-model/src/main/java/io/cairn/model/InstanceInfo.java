package io.cairn.model;

import java.util.Map;
import java.util.Objects;

/**
 * One registered instance of an application, as Eureka describes it on the wire. Immutable: changes are made by
 * {@link #toBuilder()} and building a new value.
 */
public final class InstanceInfo {

    /** Eureka's default non-secure port when a document has none. */
    public static final int DEFAULT_PORT = 7001;
    /** Eureka's default secure port when a document has none. */
    public static final int DEFAULT_SECURE_PORT = 7002;

    private final String instanceId;
    private final String hostName;
    private final String app;
    private final String ipAddr;
    private final String sid;
    private final InstanceStatus status;
    private final InstanceStatus overriddenStatus;
    private final int port;
    private final boolean portEnabled;
    private final int securePort;
    private final boolean securePortEnabled;
    private final int countryId;
    private final DataCenterInfo dataCenterInfo;
    private final LeaseInfo leaseInfo;
    private final Map<String, String> metadata;
    private final String appGroupName;
    private final String homePageUrl;
    private final String statusPageUrl;
    private final String healthCheckUrl;
    private final String secureHealthCheckUrl;
    private final String vipAddress;
    private final String secureVipAddress;
    private final boolean coordinatingDiscoveryServer;
    private final long lastUpdatedTimestamp;
    private final long lastDirtyTimestamp;
    private final ActionType actionType;
    private final String asgName;

    private InstanceInfo(Builder b) {
        this.instanceId = b.instanceId;
        this.hostName = b.hostName;
        this.app = b.app;
        // One string when they read the same (Spring Cloud's prefer-ip-address): a million instances, a million fewer.
        this.ipAddr = b.ipAddr != null && b.ipAddr.equals(b.hostName) ? b.hostName : b.ipAddr;
        this.sid = b.sid;
        this.status = Objects.requireNonNull(b.status, "status");
        this.overriddenStatus = Objects.requireNonNull(b.overriddenStatus, "overriddenStatus");
        this.port = b.port;
        this.portEnabled = b.portEnabled;
        this.securePort = b.securePort;
        this.securePortEnabled = b.securePortEnabled;
        this.countryId = b.countryId;
        this.dataCenterInfo = b.dataCenterInfo;
        this.leaseInfo = b.leaseInfo;
        this.metadata = b.metadata;
        this.appGroupName = b.appGroupName;
        // A copy that kept its addresses keeps its compacted URLs as they are (no re-compacting, no interning).
        InstanceInfo o = b.origin;
        boolean same = o != null && o.hasAddressesOf(b);
        this.homePageUrl = b.homePageUrlSet || o == null ? b.url(b.homePageUrl)
                : same ? o.homePageUrl : b.url(o.homePageUrl());
        this.statusPageUrl = b.statusPageUrlSet || o == null ? b.url(b.statusPageUrl)
                : same ? o.statusPageUrl : b.url(o.statusPageUrl());
        this.healthCheckUrl = b.healthCheckUrlSet || o == null ? b.url(b.healthCheckUrl)
                : same ? o.healthCheckUrl : b.url(o.healthCheckUrl());
        this.secureHealthCheckUrl = b.secureHealthCheckUrlSet || o == null ? b.url(b.secureHealthCheckUrl)
                : same ? o.secureHealthCheckUrl : b.url(o.secureHealthCheckUrl());
        this.vipAddress = b.vipAddress;
        this.secureVipAddress = b.secureVipAddress;
        this.coordinatingDiscoveryServer = b.coordinatingDiscoveryServer;
        this.lastUpdatedTimestamp = b.lastUpdatedTimestamp;
        this.lastDirtyTimestamp = b.lastDirtyTimestamp;
        this.actionType = b.actionType;
        this.asgName = b.asgName;
    }

    /** A builder with Eureka's reader defaults: status UP, ports 7001 (enabled) and 7002 (disabled), sid "na". */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this instance. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The id that identifies this instance within its app: {@code instanceId}, else the AWS {@code instance-id},
     * else the host name (Eureka's {@code InstanceInfo.getId()}).
     */
    public String id() {
        if (instanceId != null && !instanceId.isEmpty()) {
            return instanceId;
        }
        if (dataCenterInfo != null) {
            String awsId = dataCenterInfo.amazonInstanceId();
            if (awsId != null && !awsId.isEmpty()) {
                return awsId;
            }
        }
        return hostName;
    }

    public String instanceId() { return instanceId; }
    public String hostName() { return hostName; }
    /** The application name, upper case as stored by the server. */
    public String app() { return app; }
    public String ipAddr() { return ipAddr; }
    public String sid() { return sid; }
    public InstanceStatus status() { return status; }
    public InstanceStatus overriddenStatus() { return overriddenStatus; }
    public int port() { return port; }
    public boolean portEnabled() { return portEnabled; }
    public int securePort() { return securePort; }
    public boolean securePortEnabled() { return securePortEnabled; }
    public int countryId() { return countryId; }
    public DataCenterInfo dataCenterInfo() { return dataCenterInfo; }
    /** The lease terms or record; may be null when a document carried none. */
    public LeaseInfo leaseInfo() { return leaseInfo; }
    /** The metadata, never null, unmodifiable. */
    public Map<String, String> metadata() { return metadata; }
    public String appGroupName() { return appGroupName; }
    public String homePageUrl() { return expand(homePageUrl); }
    public String statusPageUrl() { return expand(statusPageUrl); }
    public String healthCheckUrl() { return expand(healthCheckUrl); }
    public String secureHealthCheckUrl() { return expand(secureHealthCheckUrl); }

    private String expand(String url) {
        return InstanceUrls.expand(url, hostName, ipAddr, port, securePort);
    }

    private boolean hasAddressesOf(Builder b) {
        return Objects.equals(hostName, b.hostName) && Objects.equals(ipAddr, b.ipAddr) && port == b.port
                && securePort == b.securePort;
    }
    /** The VIP address, possibly a comma-separated list, or null. */
    public String vipAddress() { return vipAddress; }
    public String secureVipAddress() { return secureVipAddress; }
    public boolean coordinatingDiscoveryServer() { return coordinatingDiscoveryServer; }
    public long lastUpdatedTimestamp() { return lastUpdatedTimestamp; }
    public long lastDirtyTimestamp() { return lastDirtyTimestamp; }
    /** What last happened to this instance, or null (as in what clients send). */
    public ActionType actionType() { return actionType; }
    public String asgName() { return asgName; }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof InstanceInfo)) {
            return false;
        }
        InstanceInfo that = (InstanceInfo) o;
        return port == that.port && portEnabled == that.portEnabled && securePort == that.securePort
                && securePortEnabled == that.securePortEnabled && countryId == that.countryId
                && coordinatingDiscoveryServer == that.coordinatingDiscoveryServer
                && lastUpdatedTimestamp == that.lastUpdatedTimestamp && lastDirtyTimestamp == that.lastDirtyTimestamp
                && Objects.equals(instanceId, that.instanceId) && Objects.equals(hostName, that.hostName)
                && Objects.equals(app, that.app) && Objects.equals(ipAddr, that.ipAddr)
                && Objects.equals(sid, that.sid) && status == that.status
                && overriddenStatus == that.overriddenStatus
                && Objects.equals(dataCenterInfo, that.dataCenterInfo) && Objects.equals(leaseInfo, that.leaseInfo)
                && metadata.equals(that.metadata) && Objects.equals(appGroupName, that.appGroupName)
                && Objects.equals(homePageUrl, that.homePageUrl) && Objects.equals(statusPageUrl, that.statusPageUrl)
                && Objects.equals(healthCheckUrl, that.healthCheckUrl)
                && Objects.equals(secureHealthCheckUrl, that.secureHealthCheckUrl)
                && Objects.equals(vipAddress, that.vipAddress) && Objects.equals(secureVipAddress, that.secureVipAddress)
                && actionType == that.actionType && Objects.equals(asgName, that.asgName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(instanceId, hostName, app, status, lastDirtyTimestamp, lastUpdatedTimestamp);
    }

    @Override
    public String toString() {
        return "InstanceInfo{" + app + "/" + id() + " " + status
                + (overriddenStatus == InstanceStatus.UNKNOWN ? "" : " override=" + overriddenStatus)
                + " " + hostName + ":" + port + "}";
    }

    /** Builds {@link InstanceInfo} values; not thread-safe. */
    public static final class Builder {
        private String instanceId;
        private String hostName;
        private String app;
        private String ipAddr;
        private String sid = "na";
        private InstanceStatus status = InstanceStatus.UP;
        private InstanceStatus overriddenStatus = InstanceStatus.UNKNOWN;
        private int port = DEFAULT_PORT;
        private boolean portEnabled = true;
        private int securePort = DEFAULT_SECURE_PORT;
        private boolean securePortEnabled = false;
        private int countryId = 1;
        private DataCenterInfo dataCenterInfo;
        private LeaseInfo leaseInfo;
        private Map<String, String> metadata = Map.of();
        private String appGroupName;
        private String homePageUrl;
        private String statusPageUrl;
        private String healthCheckUrl;
        private String secureHealthCheckUrl;
        private String vipAddress;
        private String secureVipAddress;
        private boolean coordinatingDiscoveryServer;
        private long lastUpdatedTimestamp;
        private long lastDirtyTimestamp;
        private ActionType actionType;
        private String asgName;

        /** The instance this builder was made from, whose compacted URLs are reused when nothing moved. */
        private InstanceInfo origin;
        private boolean homePageUrlSet;
        private boolean statusPageUrlSet;
        private boolean healthCheckUrlSet;
        private boolean secureHealthCheckUrlSet;

        private Builder() {
        }

        private String url(String raw) {
            return InstanceUrls.compact(raw, hostName, ipAddr, port, securePort);
        }

        private Builder(InstanceInfo i) {
            instanceId = i.instanceId;
            hostName = i.hostName;
            app = i.app;
            ipAddr = i.ipAddr;
            sid = i.sid;
            status = i.status;
            overriddenStatus = i.overriddenStatus;
            port = i.port;
            portEnabled = i.portEnabled;
            securePort = i.securePort;
            securePortEnabled = i.securePortEnabled;
            countryId = i.countryId;
            dataCenterInfo = i.dataCenterInfo;
            leaseInfo = i.leaseInfo;
            metadata = i.metadata;
            appGroupName = i.appGroupName;
            // The URLs are taken from the origin when built, compacted as they are if the addresses stay.
            origin = i;
            vipAddress = i.vipAddress;
            secureVipAddress = i.secureVipAddress;
            coordinatingDiscoveryServer = i.coordinatingDiscoveryServer;
            lastUpdatedTimestamp = i.lastUpdatedTimestamp;
            lastDirtyTimestamp = i.lastDirtyTimestamp;
            actionType = i.actionType;
            asgName = i.asgName;
        }

        public Builder instanceId(String v) { instanceId = v; return this; }
        public Builder hostName(String v) { hostName = v; return this; }
        public Builder app(String v) { app = v; return this; }
        public Builder ipAddr(String v) { ipAddr = v; return this; }
        public Builder sid(String v) { sid = v; return this; }
        public Builder status(InstanceStatus v) { status = Objects.requireNonNull(v, "status"); return this; }
        public Builder overriddenStatus(InstanceStatus v) {
            overriddenStatus = Objects.requireNonNull(v, "overriddenStatus");
            return this;
        }
        public Builder port(int v) { port = v; return this; }
        public Builder portEnabled(boolean v) { portEnabled = v; return this; }
        public Builder securePort(int v) { securePort = v; return this; }
        public Builder securePortEnabled(boolean v) { securePortEnabled = v; return this; }
        public Builder countryId(int v) { countryId = v; return this; }
        public Builder dataCenterInfo(DataCenterInfo v) { dataCenterInfo = v; return this; }
        public Builder leaseInfo(LeaseInfo v) { leaseInfo = v; return this; }
        /** Replaces the metadata with an insertion-ordered, unmodifiable copy of {@code v}. */
        public Builder metadata(Map<String, String> v) {
            metadata = CompactMap.copyOf(v);
            return this;
        }
        public Builder appGroupName(String v) { appGroupName = v; return this; }
        public Builder homePageUrl(String v) {
            homePageUrl = v;
            homePageUrlSet = true;
            return this;
        }
        public Builder statusPageUrl(String v) {
            statusPageUrl = v;
            statusPageUrlSet = true;
            return this;
        }
        public Builder healthCheckUrl(String v) {
            healthCheckUrl = v;
            healthCheckUrlSet = true;
            return this;
        }
        public Builder secureHealthCheckUrl(String v) {
            secureHealthCheckUrl = v;
            secureHealthCheckUrlSet = true;
            return this;
        }
        public Builder vipAddress(String v) { vipAddress = v; return this; }
        public Builder secureVipAddress(String v) { secureVipAddress = v; return this; }
        public Builder coordinatingDiscoveryServer(boolean v) { coordinatingDiscoveryServer = v; return this; }
        public Builder lastUpdatedTimestamp(long v) { lastUpdatedTimestamp = v; return this; }
        public Builder lastDirtyTimestamp(long v) { lastDirtyTimestamp = v; return this; }
        public Builder actionType(ActionType v) { actionType = v; return this; }
        public Builder asgName(String v) { asgName = v; return this; }

        public InstanceInfo build() {
            return new InstanceInfo(this);
        }
    }
}
