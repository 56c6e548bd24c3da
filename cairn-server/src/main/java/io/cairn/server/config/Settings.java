package io.cairn.server.config;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Maps between the {@link Setting} table and the fields of {@link CairnConfig}. */
final class Settings {
    private Settings() {
    }

    static CairnConfig build(Map<Setting, Object> v, java.util.List<String> peerUrls, String zone,
                             CairnConfig.RemoteRegions remoteRegions, Map<String, String> securityEntries) {
        String basePath = (String) v.get(Setting.BASE_PATH);
        CairnConfig.Cluster cluster = new CairnConfig.Cluster(
                peerUrls,
                normalizeUrl((String) v.get(Setting.MY_URL)),
                (Duration) v.get(Setting.PEER_NODES_UPDATE_INTERVAL),
                (Integer) v.get(Setting.REGISTRY_SYNC_RETRIES),
                (Duration) v.get(Setting.REGISTRY_SYNC_RETRY_WAIT),
                (Duration) v.get(Setting.WAIT_WHEN_SYNC_EMPTY),
                (Duration) v.get(Setting.PEER_CONNECT_TIMEOUT),
                (Duration) v.get(Setting.PEER_READ_TIMEOUT),
                (Integer) v.get(Setting.PEER_QUEUE_SIZE),
                (Duration) v.get(Setting.MAX_TIME_FOR_REPLICATION),
                (Integer) v.get(Setting.REPLICATION_BATCH_SIZE),
                (Duration) v.get(Setting.REPLICATION_BATCH_DELAY),
                (Duration) v.get(Setting.RENEWAL_DIGEST_INTERVAL));
        return new CairnConfig(
                (String) v.get(Setting.HOST),
                (Integer) v.get(Setting.PORT),
                normalizeBasePath(basePath),
                (Boolean) v.get(Setting.ENABLE_SELF_PRESERVATION),
                (Double) v.get(Setting.RENEWAL_PERCENT_THRESHOLD),
                (Integer) v.get(Setting.EXPECTED_CLIENT_RENEWAL_INTERVAL_SECONDS),
                (Duration) v.get(Setting.RENEWAL_THRESHOLD_UPDATE_INTERVAL),
                (Integer) v.get(Setting.EXPECTED_NUMBER_OF_CLIENTS_SENDING_RENEWS),
                (Duration) v.get(Setting.EVICTION_INTERVAL),
                (Duration) v.get(Setting.DELTA_RETENTION),
                (Duration) v.get(Setting.DELTA_RETENTION_TIMER_INTERVAL),
                (Boolean) v.get(Setting.DISABLE_DELTA),
                (Boolean) v.get(Setting.SYNC_WHEN_TIMESTAMP_DIFFERS),
                (Boolean) v.get(Setting.LEGACY_LEASE_EXPIRY),
                (Duration) v.get(Setting.RENEWS_MEASURE_INTERVAL),
                (Duration) v.get(Setting.STATUS_OVERRIDE_EXPIRY),
                (Integer) v.get(Setting.MAX_BODY_BYTES),
                (Integer) v.get(Setting.MAX_METADATA_KEYS),
                (Integer) v.get(Setting.MAX_METADATA_KEY_LENGTH),
                (Integer) v.get(Setting.MAX_METADATA_VALUE_LENGTH),
                (Duration) v.get(Setting.IDLE_TIMEOUT),
                new CairnConfig.Limits((Duration) v.get(Setting.REQUEST_TIMEOUT), (Integer) v.get(Setting.MAX_INSTANCES),
                        (Integer) v.get(Setting.MAX_INSTANCES_PER_APP),
                        (Integer) v.get(Setting.WRITES_PER_SECOND_PER_ADDRESS),
                        (Integer) v.get(Setting.RENEWALS_PER_SECOND_PER_ADDRESS),
                        (Integer) v.get(Setting.MAX_WATCHES_PER_ADDRESS),
                        (Integer) v.get(Setting.MAX_HEADER_BYTES),
                        (Integer) v.get(Setting.MAX_DELTA_CHANGES),
                        (Integer) v.get(Setting.MAX_PLAIN_COPY_BYTES)),
                (Duration) v.get(Setting.WATCH_DEFAULT_WAIT),
                (Duration) v.get(Setting.WATCH_MAX_WAIT),
                (Integer) v.get(Setting.WATCH_HISTORY),
                (Duration) v.get(Setting.WATCH_KEEP_ALIVE),
                (Integer) v.get(Setting.WATCH_MAX_QUEUED_BYTES),
                cluster,
                (String) v.get(Setting.REGION),
                zone,
                new CairnConfig.Admin((String) v.get(Setting.ADMIN_USERNAME), (String) v.get(Setting.ADMIN_PASSWORD),
                        (String) v.get(Setting.ADMIN_TOKEN)),
                remoteRegions,
                new CairnConfig.Security((Boolean) v.get(Setting.REQUIRE_CLIENT_AUTH),
                        (Boolean) v.get(Setting.ANONYMOUS_OVERRIDES), (String) v.get(Setting.CREDENTIALS_FILE),
                        (String) v.get(Setting.ADMIN_TOKEN_FILE), (String) v.get(Setting.PEER_TOKEN),
                        securityEntries),
                tls(v),
                (Duration) v.get(Setting.LEASE_TIMES_REFRESH_INTERVAL));
    }

    private static CairnConfig.Tls tls(Map<Setting, Object> v) {
        String clientAuth = ((String) v.get(Setting.TLS_CLIENT_AUTH)).trim().toLowerCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("none", "request", "required").contains(clientAuth)) {
            throw new IllegalArgumentException("cairn.tls.client-auth must be none, request or required");
        }
        CairnConfig.Tls t = new CairnConfig.Tls(((String) v.get(Setting.TLS_CERT_FILE)).trim(),
                ((String) v.get(Setting.TLS_KEY_FILE)).trim(), ((String) v.get(Setting.TLS_KEYSTORE_FILE)).trim(),
                (String) v.get(Setting.TLS_KEYSTORE_PASSWORD), clientAuth, ((String) v.get(Setting.TLS_TRUST_FILE)).trim(),
                java.util.Arrays.stream(((String) v.get(Setting.TLS_PEER_COMMON_NAMES)).split(","))
                        .map(String::trim).filter(n -> !n.isEmpty()).collect(java.util.stream.Collectors.toSet()));
        if (!t.peerCommonNames().isEmpty() && (clientAuth.equals("none") || t.trustFile().isEmpty())) {
            throw new IllegalArgumentException("cairn.tls.peer-common-names needs cairn.tls.client-auth request or "
                    + "required and a cairn.tls.trust-file to verify the certificates with");
        }
        if (t.certFile().isEmpty() != t.keyFile().isEmpty()) {
            throw new IllegalArgumentException("cairn.tls.cert-file and cairn.tls.key-file go together");
        }
        if (!t.certFile().isEmpty() && !t.keystoreFile().isEmpty()) {
            throw new IllegalArgumentException("give either cairn.tls.cert-file/key-file or cairn.tls.keystore-file");
        }
        return t;
    }

    /** The configured zone, else the first availability zone of the region, else Eureka's {@code defaultZone}. */
    static String zone(Map<Setting, Object> v, String region, Map<String, String> availabilityZones) {
        String zone = (String) v.get(Setting.ZONE);
        if (!zone.isBlank()) {
            return zone.trim();
        }
        for (Map.Entry<String, String> e : availabilityZones.entrySet()) {
            if (e.getKey().equalsIgnoreCase(region)) {
                for (String z : e.getValue().split(",")) {
                    if (!z.isBlank()) {
                        return z.trim();
                    }
                }
            }
        }
        return "defaultZone";
    }

    static Map<Setting, Object> valuesOf(CairnConfig c) {
        Map<Setting, Object> v = new EnumMap<>(Setting.class);
        v.put(Setting.HOST, c.host());
        v.put(Setting.PORT, c.port());
        v.put(Setting.BASE_PATH, c.basePath());
        v.put(Setting.ENABLE_SELF_PRESERVATION, c.enableSelfPreservation());
        v.put(Setting.RENEWAL_PERCENT_THRESHOLD, c.renewalPercentThreshold());
        v.put(Setting.EXPECTED_CLIENT_RENEWAL_INTERVAL_SECONDS, c.expectedClientRenewalIntervalSeconds());
        v.put(Setting.RENEWAL_THRESHOLD_UPDATE_INTERVAL, c.renewalThresholdUpdateInterval());
        v.put(Setting.EXPECTED_NUMBER_OF_CLIENTS_SENDING_RENEWS, c.expectedNumberOfClientsSendingRenews());
        v.put(Setting.EVICTION_INTERVAL, c.evictionInterval());
        v.put(Setting.DELTA_RETENTION, c.deltaRetention());
        v.put(Setting.DELTA_RETENTION_TIMER_INTERVAL, c.deltaRetentionTimerInterval());
        v.put(Setting.DISABLE_DELTA, c.disableDelta());
        v.put(Setting.SYNC_WHEN_TIMESTAMP_DIFFERS, c.syncWhenTimestampDiffers());
        v.put(Setting.LEGACY_LEASE_EXPIRY, c.legacyLeaseExpiry());
        v.put(Setting.RENEWS_MEASURE_INTERVAL, c.renewsMeasureInterval());
        v.put(Setting.STATUS_OVERRIDE_EXPIRY, c.statusOverrideExpiry());
        v.put(Setting.MAX_BODY_BYTES, c.maxBodyBytes());
        v.put(Setting.MAX_METADATA_KEYS, c.maxMetadataKeys());
        v.put(Setting.MAX_METADATA_KEY_LENGTH, c.maxMetadataKeyLength());
        v.put(Setting.MAX_METADATA_VALUE_LENGTH, c.maxMetadataValueLength());
        v.put(Setting.IDLE_TIMEOUT, c.idleTimeout());
        v.put(Setting.REQUEST_TIMEOUT, c.limits().requestTimeout());
        v.put(Setting.MAX_INSTANCES, c.limits().maxInstances());
        v.put(Setting.MAX_INSTANCES_PER_APP, c.limits().maxInstancesPerApp());
        v.put(Setting.WRITES_PER_SECOND_PER_ADDRESS, c.limits().writesPerSecondPerAddress());
        v.put(Setting.RENEWALS_PER_SECOND_PER_ADDRESS, c.limits().renewalsPerSecondPerAddress());
        v.put(Setting.MAX_WATCHES_PER_ADDRESS, c.limits().maxWatchesPerAddress());
        v.put(Setting.MAX_HEADER_BYTES, c.limits().maxHeaderBytes());
        v.put(Setting.MAX_DELTA_CHANGES, c.limits().maxDeltaChanges());
        v.put(Setting.MAX_PLAIN_COPY_BYTES, c.limits().maxPlainCopyBytes());
        v.put(Setting.WATCH_DEFAULT_WAIT, c.watchDefaultWait());
        v.put(Setting.WATCH_MAX_WAIT, c.watchMaxWait());
        v.put(Setting.WATCH_HISTORY, c.watchHistory());
        v.put(Setting.LEASE_TIMES_REFRESH_INTERVAL, c.leaseTimesRefreshInterval());
        v.put(Setting.WATCH_KEEP_ALIVE, c.watchKeepAlive());
        v.put(Setting.WATCH_MAX_QUEUED_BYTES, c.watchMaxQueuedBytes());
        CairnConfig.Cluster k = c.cluster();
        v.put(Setting.PEER_URLS, String.join(",", k.peerUrls()));
        v.put(Setting.MY_URL, k.myUrl());
        v.put(Setting.PEER_NODES_UPDATE_INTERVAL, k.peerNodesUpdateInterval());
        v.put(Setting.REGISTRY_SYNC_RETRIES, k.registrySyncRetries());
        v.put(Setting.REGISTRY_SYNC_RETRY_WAIT, k.registrySyncRetryWait());
        v.put(Setting.WAIT_WHEN_SYNC_EMPTY, k.waitWhenSyncEmpty());
        v.put(Setting.PEER_CONNECT_TIMEOUT, k.connectTimeout());
        v.put(Setting.PEER_READ_TIMEOUT, k.readTimeout());
        v.put(Setting.PEER_QUEUE_SIZE, k.queueSize());
        v.put(Setting.MAX_TIME_FOR_REPLICATION, k.maxTimeForReplication());
        v.put(Setting.REPLICATION_BATCH_SIZE, k.batchSize());
        v.put(Setting.REPLICATION_BATCH_DELAY, k.batchDelay());
        v.put(Setting.RENEWAL_DIGEST_INTERVAL, k.renewalDigestInterval());
        CairnConfig.RemoteRegions rr = c.remoteRegions();
        v.put(Setting.REMOTE_REGION_URLS, String.join(",", rr.urls().entrySet().stream()
                .map(e -> e.getKey() + ";" + e.getValue()).toList()));
        v.put(Setting.REMOTE_REGION_FETCH_INTERVAL, (int) rr.fetchInterval().toSeconds());
        v.put(Setting.DISABLE_TRANSPARENT_FALLBACK, rr.disableTransparentFallback());
        v.put(Setting.REGION, c.region());
        v.put(Setting.ZONE, c.zone());
        v.put(Setting.ADMIN_USERNAME, c.admin().username());
        v.put(Setting.ADMIN_PASSWORD, c.admin().password());
        v.put(Setting.ADMIN_TOKEN, c.admin().token());
        CairnConfig.Security sec = c.security();
        v.put(Setting.REQUIRE_CLIENT_AUTH, sec.requireClientAuth());
        v.put(Setting.ANONYMOUS_OVERRIDES, sec.anonymousOverrides());
        v.put(Setting.CREDENTIALS_FILE, sec.credentialsFile());
        v.put(Setting.ADMIN_TOKEN_FILE, sec.adminTokenFile());
        v.put(Setting.PEER_TOKEN, sec.peerToken());
        CairnConfig.Tls tls = c.tls();
        v.put(Setting.TLS_CERT_FILE, tls.certFile());
        v.put(Setting.TLS_KEY_FILE, tls.keyFile());
        v.put(Setting.TLS_KEYSTORE_FILE, tls.keystoreFile());
        v.put(Setting.TLS_KEYSTORE_PASSWORD, tls.keystorePassword());
        v.put(Setting.TLS_CLIENT_AUTH, tls.clientAuth());
        v.put(Setting.TLS_TRUST_FILE, tls.trustFile());
        v.put(Setting.TLS_PEER_COMMON_NAMES, String.join(",", new java.util.TreeSet<>(tls.peerCommonNames())));
        return v;
    }

    /**
     * Every service URL of every zone, own region's zones in their configured order first, each once, each ending
     * in a slash, as Eureka's server reads its peers from its embedded client's configuration.
     */
    static java.util.List<String> peerUrls(Map<Setting, Object> v, String region, Map<String, String> availabilityZones,
                                           Map<String, String> zoneUrls) {
        java.util.LinkedHashSet<String> urls = new java.util.LinkedHashSet<>();
        java.util.List<String> zones = new java.util.ArrayList<>();
        String regionZones = null;
        for (Map.Entry<String, String> e : availabilityZones.entrySet()) {
            if (e.getKey().equalsIgnoreCase(region)) {
                regionZones = e.getValue();
            }
        }
        if (regionZones != null) {
            for (String z : regionZones.split(",")) {
                if (!z.isBlank()) {
                    zones.add(z.trim());
                }
            }
        }
        for (String z : zones) {
            zoneUrls.forEach((zone, list) -> {
                if (zone.equalsIgnoreCase(z)) {
                    addUrls(urls, list);
                }
            });
        }
        addUrls(urls, (String) v.get(Setting.PEER_URLS));
        zoneUrls.values().forEach(list -> addUrls(urls, list));
        return java.util.List.copyOf(urls);
    }

    private static void addUrls(java.util.Set<String> urls, String list) {
        if (list == null) {
            return;
        }
        for (String u : list.split(",")) {
            String n = normalizeUrl(u);
            if (!n.isEmpty()) {
                urls.add(n);
            }
        }
    }

    static String normalizeUrl(String url) {
        String u = url == null ? "" : url.trim();
        if (u.isEmpty()) {
            return "";
        }
        return u.endsWith("/") ? u : u + "/";
    }

    /**
     * Remote regions from Netflix's {@code region;url,region;url} string and Spring's per-region map entries, and
     * their application whitelists.
     */
    static CairnConfig.RemoteRegions remoteRegions(Map<Setting, Object> v, Map<String, String> perRegionUrls,
                                                   Map<String, String> whitelists) {
        Map<String, String> urls = new java.util.LinkedHashMap<>();
        String combined = (String) v.get(Setting.REMOTE_REGION_URLS);
        if (combined != null) {
            for (String pair : combined.split(",")) {
                int semi = pair.indexOf(';');
                if (semi > 0 && semi < pair.length() - 1) {
                    urls.put(pair.substring(0, semi).trim().toLowerCase(java.util.Locale.ROOT),
                            normalizeUrl(pair.substring(semi + 1)));
                }
            }
        }
        perRegionUrls.forEach((r, u) -> urls.put(r.toLowerCase(java.util.Locale.ROOT), normalizeUrl(u)));
        Map<String, java.util.Set<String>> lists = new java.util.LinkedHashMap<>();
        whitelists.forEach((r, apps) -> {
            java.util.Set<String> set = new java.util.TreeSet<>();
            for (String a : apps.split(",")) {
                if (!a.isBlank()) {
                    set.add(a.trim().toUpperCase(java.util.Locale.ROOT));
                }
            }
            lists.put(r.toLowerCase(java.util.Locale.ROOT), set);
        });
        return new CairnConfig.RemoteRegions(urls,
                Duration.ofSeconds((Integer) v.get(Setting.REMOTE_REGION_FETCH_INTERVAL)), lists,
                (Boolean) v.get(Setting.DISABLE_TRANSPARENT_FALLBACK));
    }

    /** "/eureka/" and "eureka" both become "/eureka"; "/" becomes "". */
    static String normalizeBasePath(String p) {
        String s = p.trim();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.isEmpty() && !s.startsWith("/")) {
            s = "/" + s;
        }
        return s;
    }
}
