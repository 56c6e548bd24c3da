package io.cairn.server.config;

import java.time.Duration;
import java.util.Map;

/**
 * Everything a Cairn node is configured with, immutable. Built by {@link ConfigLoader} from defaults, a file,
 * the environment, system properties and the command line; tests build it directly with {@link #builder()}.
 */
public record CairnConfig(
        String host,
        int port,
        String basePath,
        boolean enableSelfPreservation,
        double renewalPercentThreshold,
        int expectedClientRenewalIntervalSeconds,
        Duration renewalThresholdUpdateInterval,
        int expectedNumberOfClientsSendingRenews,
        Duration evictionInterval,
        Duration deltaRetention,
        Duration deltaRetentionTimerInterval,
        boolean disableDelta,
        boolean syncWhenTimestampDiffers,
        boolean legacyLeaseExpiry,
        Duration renewsMeasureInterval,
        Duration statusOverrideExpiry,
        int maxBodyBytes,
        int maxMetadataKeys,
        int maxMetadataKeyLength,
        int maxMetadataValueLength,
        Duration idleTimeout,
        Limits limits,
        Duration watchDefaultWait,
        Duration watchMaxWait,
        int watchHistory,
        Duration watchKeepAlive,
        int watchMaxQueuedBytes,
        Cluster cluster,
        String region,
        String zone,
        Admin admin,
        RemoteRegions remoteRegions,
        Security security,
        Tls tls,
        Duration leaseTimesRefreshInterval) {

    /**
     * Bounds that keep one client from hurting the others.
     *
     * @param requestTimeout             a request's headers and body must arrive within this (slow clients are cut off)
     * @param writesPerSecondPerAddress  registrations, cancels, status and metadata changes per client address (0: no limit)
     * @param renewalsPerSecondPerAddress heartbeats per client address (0: no limit)
     * @param maxHeaderBytes             request line and headers together; more gets 431
     * @param maxDeltaChanges            a delta holding more changes than this is refused (403), as a disabled delta
     *                                   is, so that clients take the cached full registry instead of a document as
     *                                   large as it that is built for them alone
     * @param maxPlainCopyBytes          a large registry document is kept compressed; for clients that do not take
     *                                   gzip an uncompressed copy up to this size is held while they read it, and a
     *                                   larger one is inflated as it is sent
     */
    public record Limits(Duration requestTimeout, int maxInstances, int maxInstancesPerApp,
                         int writesPerSecondPerAddress, int renewalsPerSecondPerAddress, int maxWatchesPerAddress,
                         int maxHeaderBytes, int maxDeltaChanges, int maxPlainCopyBytes) {
    }

    /**
     * Other regions whose registries this node fetches and serves to clients asking for them (Eureka's remote
     * regions).
     *
     * @param urls                       region name (lower case) → base URL of that region's servers
     * @param whitelists                 region name or {@code global} → the only applications taken from it
     * @param disableTransparentFallback whether reads without {@code regions=} stay local
     */
    public record RemoteRegions(Map<String, String> urls, Duration fetchInterval,
                                Map<String, java.util.Set<String>> whitelists, boolean disableTransparentFallback) {
        public RemoteRegions {
            urls = Map.copyOf(urls);
            whitelists = Map.copyOf(whitelists);
        }
    }

    /**
     * Who may use the dashboard's administrative actions: HTTP basic with this user and password, or a bearer token.
     * With neither a password nor a token, administrative actions are refused.
     */
    public record Admin(String username, String password, String token) {

        /** Whether any credential is configured. */
        public boolean enabled() {
            return !password.isEmpty() || !token.isEmpty();
        }

        /** Never shows the secrets, so that a logged configuration leaks nothing. */
        @Override
        public String toString() {
            return "Admin[username=" + username + ", password=" + (password.isEmpty() ? "none" : "***")
                    + ", token=" + (token.isEmpty() ? "none" : "***") + "]";
        }
    }

    /**
     * Who may do what: users and tokens from the configuration (as hashes), a credentials file re-read when it
     * changes, and whether clients and readers need credentials.
     *
     * @param entries            the {@code cairn.security.users.*} and {@code cairn.security.tokens.*} entries as given
     * @param anonymousOverrides whether anonymous callers may set status overrides (Eureka's behaviour)
     * @param peerToken          bearer token sent to peers without user info in their URL, and accepted from them
     */
    public record Security(boolean requireClientAuth, boolean anonymousOverrides, String credentialsFile,
                           String adminTokenFile, String peerToken, Map<String, String> entries) {
        public Security {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }

        /** Never shows the peer token. */
        @Override
        public String toString() {
            return "Security[requireClientAuth=" + requireClientAuth + ", anonymousOverrides=" + anonymousOverrides
                    + ", credentialsFile=" + credentialsFile + ", adminTokenFile=" + adminTokenFile + ", peerToken="
                    + (peerToken.isEmpty() ? "none" : "***") + ", entries=" + entries.keySet() + "]";
        }
    }

    /**
     * HTTPS for the API and for replication: a PEM certificate and key, or a PKCS#12 key store; the trust file (PEM
     * CA bundle) verifies client certificates and peers' certificates.
     *
     * @param clientAuth none, request or required
     */
    public record Tls(String certFile, String keyFile, String keystoreFile, String keystorePassword, String clientAuth,
                      String trustFile, java.util.Set<String> peerCommonNames) {
        public Tls {
            peerCommonNames = java.util.Set.copyOf(peerCommonNames);
        }

        /** Without certificate-authenticated peers. */
        public Tls(String certFile, String keyFile, String keystoreFile, String keystorePassword, String clientAuth,
                   String trustFile) {
            this(certFile, keyFile, keystoreFile, keystorePassword, clientAuth, trustFile, java.util.Set.of());
        }

        /** Whether this node serves HTTPS. */
        public boolean enabled() {
            return !keystoreFile.isEmpty() || !certFile.isEmpty();
        }

        /** Never shows the key store password. */
        @Override
        public String toString() {
            return "Tls[certFile=" + certFile + ", keyFile=" + keyFile + ", keystoreFile=" + keystoreFile
                    + ", clientAuth=" + clientAuth + ", trustFile=" + trustFile + ", peerCommonNames="
                    + peerCommonNames + "]";
        }
    }

    /**
     * How this node finds and talks to its peers.
     *
     * @param peerUrls      every configured service URL (all zones, own zone first), possibly including this node
     * @param myUrl         this node's own URL when set, to recognise itself in {@code peerUrls}
     * @param renewalDigestInterval how often renewals are sent to Cairn peers, in one compact message per peer
     */
    public record Cluster(
            java.util.List<String> peerUrls,
            String myUrl,
            Duration peerNodesUpdateInterval,
            int registrySyncRetries,
            Duration registrySyncRetryWait,
            Duration waitWhenSyncEmpty,
            Duration connectTimeout,
            Duration readTimeout,
            int queueSize,
            Duration maxTimeForReplication,
            int batchSize,
            Duration batchDelay,
            Duration renewalDigestInterval) {

        public Cluster {
            peerUrls = java.util.List.copyOf(peerUrls);
        }

        /** Whether any peer is configured (the node may still find that every URL is itself). */
        public boolean hasPeers() {
            return !peerUrls.isEmpty();
        }
    }

    /** Eureka's defaults, on port 8761 under {@code /eureka}, as Spring Cloud's standalone server. */
    public static CairnConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every setting by its canonical key with the value in force (durations in milliseconds), secrets included: callers
     * that show it mask {@link Setting#isSecret() secret} ones.
     */
    public java.util.Map<Setting, Object> settings() {
        return java.util.Collections.unmodifiableMap(Settings.valuesOf(this));
    }

    /** A builder holding every value of this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(Settings.valuesOf(this));
        b.securityEntries.putAll(security.entries());
        return b;
    }

    /** Builds {@link CairnConfig} from Eureka's defaults; setters take typed values. */
    public static final class Builder {
        private final java.util.LinkedHashMap<Setting, Object> values = new java.util.LinkedHashMap<>();
        private final java.util.LinkedHashMap<String, String> zoneUrls = new java.util.LinkedHashMap<>();
        private final java.util.LinkedHashMap<String, String> availabilityZones = new java.util.LinkedHashMap<>();
        private final java.util.LinkedHashMap<String, String> remoteRegionUrls = new java.util.LinkedHashMap<>();
        private final java.util.LinkedHashMap<String, String> remoteRegionWhitelists = new java.util.LinkedHashMap<>();
        private final java.util.LinkedHashMap<String, String> securityEntries = new java.util.LinkedHashMap<>();

        private Builder() {
            for (Setting s : Setting.values()) {
                values.put(s, s.defaultValue());
            }
        }

        /** Sets one setting to an already typed value; see {@link Setting#type()}. */
        public Builder set(Setting setting, Object value) {
            values.put(setting, setting.type().cast(value));
            return this;
        }

        public Builder host(String v) { return set(Setting.HOST, v); }
        public Builder port(int v) { return set(Setting.PORT, v); }
        public Builder basePath(String v) { return set(Setting.BASE_PATH, v); }
        public Builder enableSelfPreservation(boolean v) { return set(Setting.ENABLE_SELF_PRESERVATION, v); }
        public Builder renewalPercentThreshold(double v) { return set(Setting.RENEWAL_PERCENT_THRESHOLD, v); }
        public Builder evictionInterval(Duration v) { return set(Setting.EVICTION_INTERVAL, v); }
        public Builder deltaRetention(Duration v) { return set(Setting.DELTA_RETENTION, v); }
        public Builder legacyLeaseExpiry(boolean v) { return set(Setting.LEGACY_LEASE_EXPIRY, v); }
        /** The window over which renewals are counted for self-preservation (Eureka: one minute, fixed). */
        public Builder renewsMeasureInterval(Duration v) { return set(Setting.RENEWS_MEASURE_INTERVAL, v); }
        public Builder maxBodyBytes(int v) { return set(Setting.MAX_BODY_BYTES, v); }
        public Builder maxMetadataKeys(int v) { return set(Setting.MAX_METADATA_KEYS, v); }
        public Builder maxInstances(int v) { return set(Setting.MAX_INSTANCES, v); }
        public Builder maxInstancesPerApp(int v) { return set(Setting.MAX_INSTANCES_PER_APP, v); }
        public Builder writesPerSecondPerAddress(int v) { return set(Setting.WRITES_PER_SECOND_PER_ADDRESS, v); }
        public Builder renewalsPerSecondPerAddress(int v) { return set(Setting.RENEWALS_PER_SECOND_PER_ADDRESS, v); }
        public Builder maxWatchesPerAddress(int v) { return set(Setting.MAX_WATCHES_PER_ADDRESS, v); }
        public Builder maxHeaderBytes(int v) { return set(Setting.MAX_HEADER_BYTES, v); }
        public Builder maxDeltaChanges(int v) { return set(Setting.MAX_DELTA_CHANGES, v); }
        public Builder maxPlainCopyBytes(int v) { return set(Setting.MAX_PLAIN_COPY_BYTES, v); }
        public Builder requestTimeout(Duration v) { return set(Setting.REQUEST_TIMEOUT, v); }
        public Builder watchMaxWait(Duration v) { return set(Setting.WATCH_MAX_WAIT, v); }
        public Builder watchHistory(int v) { return set(Setting.WATCH_HISTORY, v); }
        public Builder watchKeepAlive(Duration v) { return set(Setting.WATCH_KEEP_ALIVE, v); }
        public Builder watchMaxQueuedBytes(int v) { return set(Setting.WATCH_MAX_QUEUED_BYTES, v); }
        /** How old the lease times in a cached registry document may get while heartbeats arrive. */
        public Builder leaseTimesRefreshInterval(Duration v) { return set(Setting.LEASE_TIMES_REFRESH_INTERVAL, v); }
        /** Comma-separated peer service URLs, as in {@code eureka.client.service-url.defaultZone}. */
        public Builder peerUrls(String v) { return set(Setting.PEER_URLS, v); }
        public Builder myUrl(String v) { return set(Setting.MY_URL, v); }
        public Builder renewalDigestInterval(Duration v) { return set(Setting.RENEWAL_DIGEST_INTERVAL, v); }
        public Builder registrySyncRetryWait(Duration v) { return set(Setting.REGISTRY_SYNC_RETRY_WAIT, v); }
        public Builder zone(String v) { return set(Setting.ZONE, v); }
        public Builder adminUsername(String v) { return set(Setting.ADMIN_USERNAME, v); }
        public Builder adminPassword(String v) { return set(Setting.ADMIN_PASSWORD, v); }
        public Builder adminToken(String v) { return set(Setting.ADMIN_TOKEN, v); }
        public Builder requireClientAuth(boolean v) { return set(Setting.REQUIRE_CLIENT_AUTH, v); }
        public Builder anonymousOverrides(boolean v) { return set(Setting.ANONYMOUS_OVERRIDES, v); }
        public Builder credentialsFile(String v) { return set(Setting.CREDENTIALS_FILE, v); }
        public Builder peerToken(String v) { return set(Setting.PEER_TOKEN, v); }
        public Builder tlsKeystore(String file, String password) {
            set(Setting.TLS_KEYSTORE_FILE, file);
            return set(Setting.TLS_KEYSTORE_PASSWORD, password);
        }
        public Builder tlsCert(String certFile, String keyFile) {
            set(Setting.TLS_CERT_FILE, certFile);
            return set(Setting.TLS_KEY_FILE, keyFile);
        }
        public Builder tlsTrustFile(String v) { return set(Setting.TLS_TRUST_FILE, v); }
        public Builder tlsClientAuth(String v) { return set(Setting.TLS_CLIENT_AUTH, v); }
        /** Comma-separated common names: a caller presenting a verified certificate with one of them is a peer. */
        public Builder tlsPeerCommonNames(String v) { return set(Setting.TLS_PEER_COMMON_NAMES, v); }

        /** A user: {@code hash} from {@code cairn hash-password}, {@code roles} comma-separated. */
        public Builder user(String name, String passwordHash, String roles) {
            securityEntries.put("cairn.security.users." + name + ".password-hash", passwordHash);
            securityEntries.put("cairn.security.users." + name + ".roles", roles);
            return this;
        }

        /** A bearer token: {@code hash} is {@code sha256:<base64>}, {@code roles} comma-separated. */
        public Builder token(String name, String tokenHash, String roles) {
            securityEntries.put("cairn.security.tokens." + name + ".hash", tokenHash);
            securityEntries.put("cairn.security.tokens." + name + ".roles", roles);
            return this;
        }

        java.util.LinkedHashMap<String, String> securityEntriesMutable() {
            return securityEntries;
        }
        /** Service URLs of further zones, as {@code eureka.client.service-url.<zone>}. */
        public Builder zoneUrls(java.util.Map<String, String> v) {
            zoneUrls.clear();
            zoneUrls.putAll(v);
            return this;
        }

        Map<Setting, Object> values() {
            return values;
        }

        java.util.LinkedHashMap<String, String> zoneUrlsMutable() {
            return zoneUrls;
        }

        /** A remote region's URL, as {@code eureka.server.remote-region-urls-with-name.<region>}. */
        public Builder remoteRegion(String name, String url) {
            remoteRegionUrls.put(name, url);
            return this;
        }

        /** The only applications taken from a remote region (comma-separated), or from all with {@code global}. */
        public Builder remoteRegionWhitelist(String region, String apps) {
            remoteRegionWhitelists.put(region, apps);
            return this;
        }

        java.util.LinkedHashMap<String, String> remoteRegionUrlsMutable() {
            return remoteRegionUrls;
        }

        java.util.LinkedHashMap<String, String> remoteRegionWhitelistsMutable() {
            return remoteRegionWhitelists;
        }

        java.util.LinkedHashMap<String, String> availabilityZonesMutable() {
            return availabilityZones;
        }

        public Builder region(String v) { return set(Setting.REGION, v); }

        public CairnConfig build() {
            String region = (String) values.get(Setting.REGION);
            return Settings.build(values, Settings.peerUrls(values, region, availabilityZones, zoneUrls),
                    Settings.zone(values, region, availabilityZones),
                    Settings.remoteRegions(values, remoteRegionUrls, remoteRegionWhitelists),
                    securityEntries);
        }
    }
}
