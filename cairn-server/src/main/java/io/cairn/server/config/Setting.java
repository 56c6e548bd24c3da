package io.cairn.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One configurable value: its canonical key (Eureka's Spring Cloud name where Eureka has one), the other names it is
 * known by, its type, default and allowed range.
 */
public enum Setting {
    HOST("cairn.server.host", String.class, "0.0.0.0", List.of("server.address")),
    PORT("server.port", Integer.class, 8761, List.of("cairn.server.port"), 0, 65535),
    BASE_PATH("cairn.server.base-path", String.class, "/eureka", List.of()),

    ENABLE_SELF_PRESERVATION("eureka.server.enable-self-preservation", Boolean.class, true),
    RENEWAL_PERCENT_THRESHOLD("eureka.server.renewal-percent-threshold", Double.class, 0.85, List.of(), 0, 1),
    EXPECTED_CLIENT_RENEWAL_INTERVAL_SECONDS("eureka.server.expected-client-renewal-interval-seconds", Integer.class,
            30, List.of(), 1, 86_400),
    RENEWAL_THRESHOLD_UPDATE_INTERVAL("eureka.server.renewal-threshold-update-interval-ms", Duration.class,
            Duration.ofMinutes(15)),
    EXPECTED_NUMBER_OF_CLIENTS_SENDING_RENEWS("eureka.instance.registry.expected-number-of-clients-sending-renews",
            Integer.class, 1, List.of(), 0, Integer.MAX_VALUE),
    EVICTION_INTERVAL("eureka.server.eviction-interval-timer-in-ms", Duration.class, Duration.ofSeconds(60)),
    DELTA_RETENTION("eureka.server.retention-time-in-m-s-in-delta-queue", Duration.class, Duration.ofMinutes(3)),
    DELTA_RETENTION_TIMER_INTERVAL("eureka.server.delta-retention-timer-interval-in-ms", Duration.class,
            Duration.ofSeconds(30)),
    DISABLE_DELTA("eureka.server.disable-delta", Boolean.class, false),
    SYNC_WHEN_TIMESTAMP_DIFFERS("eureka.server.sync-when-timestamp-differs", Boolean.class, true),
    LEGACY_LEASE_EXPIRY("cairn.registry.legacy-lease-expiry", Boolean.class, false),
    RENEWS_MEASURE_INTERVAL("cairn.registry.renews-measure-interval-ms", Duration.class, Duration.ofMinutes(1)),
    STATUS_OVERRIDE_EXPIRY("cairn.registry.status-override-expiry-ms", Duration.class, Duration.ofHours(1)),
    /**
     * Heartbeats change no registry index, so cached documents would show the lease times of their last change
     * forever; with renewals since, a document older than this is rebuilt (Eureka's response cache interval).
     */
    LEASE_TIMES_REFRESH_INTERVAL("eureka.server.response-cache-update-interval-ms", Duration.class,
            Duration.ofSeconds(30)),

    MAX_BODY_BYTES("cairn.limits.max-body-bytes", Integer.class, 1 << 20, List.of(), 1024, 256 << 20),
    MAX_METADATA_KEYS("cairn.limits.max-metadata-keys", Integer.class, 256, List.of(), 0, 100_000),
    MAX_METADATA_KEY_LENGTH("cairn.limits.max-metadata-key-length", Integer.class, 256, List.of(), 1, 65_536),
    MAX_METADATA_VALUE_LENGTH("cairn.limits.max-metadata-value-length", Integer.class, 16_384, List.of(), 1,
            1 << 20),
    IDLE_TIMEOUT("cairn.server.idle-timeout-ms", Duration.class, Duration.ofMinutes(10)),
    REQUEST_TIMEOUT("cairn.server.request-timeout-ms", Duration.class, Duration.ofSeconds(30)),
    MAX_INSTANCES("cairn.limits.max-instances", Integer.class, 2_000_000, List.of(), 1, Integer.MAX_VALUE),
    MAX_INSTANCES_PER_APP("cairn.limits.max-instances-per-app", Integer.class, 200_000, List.of(), 1,
            Integer.MAX_VALUE),
    WRITES_PER_SECOND_PER_ADDRESS("cairn.limits.writes-per-second-per-address", Integer.class, 1_000, List.of(), 0,
            Integer.MAX_VALUE),
    RENEWALS_PER_SECOND_PER_ADDRESS("cairn.limits.renewals-per-second-per-address", Integer.class, 10_000, List.of(),
            0, Integer.MAX_VALUE),
    MAX_WATCHES_PER_ADDRESS("cairn.limits.max-watches-per-address", Integer.class, 20_000, List.of(), 1,
            Integer.MAX_VALUE),
    MAX_HEADER_BYTES("cairn.limits.max-header-bytes", Integer.class, 32 * 1024, List.of(), 1024, 1 << 20),
    MAX_DELTA_CHANGES("cairn.limits.max-delta-changes", Integer.class, 50_000, List.of(), 1, Integer.MAX_VALUE),
    MAX_PLAIN_COPY_BYTES("cairn.limits.max-plain-copy-bytes", Integer.class, 128 << 20, List.of(), 0,
            Integer.MAX_VALUE),

    WATCH_DEFAULT_WAIT("cairn.watch.default-wait-ms", Duration.class, Duration.ofSeconds(30)),
    WATCH_MAX_WAIT("cairn.watch.max-wait-ms", Duration.class, Duration.ofMinutes(5)),
    WATCH_HISTORY("cairn.watch.history", Integer.class, 100_000, List.of(), 16, 10_000_000),
    WATCH_KEEP_ALIVE("cairn.watch.keep-alive-ms", Duration.class, Duration.ofSeconds(15)),
    WATCH_MAX_QUEUED_BYTES("cairn.watch.max-queued-bytes", Integer.class, 1 << 20, List.of(), 4096, 1 << 30),

    PEER_URLS("eureka.client.service-url.default-zone", String.class, "", List.of("cairn.cluster.peers")),
    MY_URL("eureka.server.my-url", String.class, "", List.of("cairn.cluster.my-url")),
    PEER_NODES_UPDATE_INTERVAL("eureka.server.peer-eureka-nodes-update-interval-ms", Duration.class,
            Duration.ofMinutes(10)),
    REGISTRY_SYNC_RETRIES("eureka.server.registry-sync-retries", Integer.class, 5, List.of(), 0, 1000),
    REGISTRY_SYNC_RETRY_WAIT("eureka.server.registry-sync-retry-wait-ms", Duration.class, Duration.ofSeconds(5)),
    WAIT_WHEN_SYNC_EMPTY("eureka.server.wait-time-in-ms-when-sync-empty", Duration.class, Duration.ofMinutes(5)),
    PEER_CONNECT_TIMEOUT("eureka.server.peer-node-connect-timeout-ms", Duration.class, Duration.ofSeconds(1)),
    PEER_READ_TIMEOUT("eureka.server.peer-node-read-timeout-ms", Duration.class, Duration.ofSeconds(5)),
    PEER_QUEUE_SIZE("eureka.server.max-elements-in-peer-replication-pool", Integer.class, 10_000, List.of(), 16,
            10_000_000),
    MAX_TIME_FOR_REPLICATION("eureka.server.max-time-for-replication", Duration.class, Duration.ofSeconds(30)),
    REPLICATION_BATCH_SIZE("cairn.cluster.batch-size", Integer.class, 250, List.of(), 1, 10_000),
    REPLICATION_BATCH_DELAY("cairn.cluster.batch-delay-ms", Duration.class, Duration.ofMillis(50)),
    RENEWAL_DIGEST_INTERVAL("cairn.cluster.renewal-digest-interval-ms", Duration.class, Duration.ofSeconds(10)),
    REMOTE_REGION_URLS("eureka.server.remote-region-urls-with-name", String.class, "",
            List.of("eureka.remoteRegionUrlsWithName")),
    REMOTE_REGION_FETCH_INTERVAL("eureka.server.remote-region-registry-fetch-interval", Integer.class, 30,
            List.of("eureka.remoteRegion.registryFetchIntervalInSeconds"), 1, 86_400),
    DISABLE_TRANSPARENT_FALLBACK("eureka.server.disable-transparent-fallback-to-other-region", Boolean.class, false,
            List.of("eureka.remoteRegion.disable.transparent.fallback")),

    REGION("eureka.client.region", String.class, "us-east-1"),
    /** Empty means the first availability zone of the region, or {@code defaultZone}. */
    ZONE("cairn.server.zone", String.class, "", List.of("eureka.instance.metadata-map.zone")),

    ADMIN_USERNAME("cairn.admin.username", String.class, "admin"),
    /** Empty (with an empty token) leaves the dashboard read-only. */
    ADMIN_PASSWORD("cairn.admin.password", String.class, ""),
    ADMIN_TOKEN("cairn.admin.token", String.class, ""),

    /** Whether registering clients and readers need credentials too (admin and peer endpoints always do). */
    REQUIRE_CLIENT_AUTH("cairn.security.require-client-auth", Boolean.class, false),
    /** Whether anonymous callers may set and remove status overrides, as in Eureka (off: they get 401). */
    ANONYMOUS_OVERRIDES("cairn.security.anonymous-overrides", Boolean.class, false),
    /** A properties or YAML file of users and tokens, re-read when it changes (token rotation without restart). */
    CREDENTIALS_FILE("cairn.security.credentials-file", String.class, ""),
    /** Where {@code cairn server} keeps the admin token it generates when no admin credentials are configured. */
    ADMIN_TOKEN_FILE("cairn.security.admin-token-file", String.class, ""),
    /** A bearer token sent to peers whose URL carries no user info, and accepted from peers. */
    PEER_TOKEN("cairn.cluster.peer-token", String.class, ""),

    /** PEM certificate chain for HTTPS (with {@link #TLS_KEY_FILE}); or a PKCS#12 key store below. */
    TLS_CERT_FILE("cairn.tls.cert-file", String.class, ""),
    TLS_KEY_FILE("cairn.tls.key-file", String.class, ""),
    TLS_KEYSTORE_FILE("cairn.tls.keystore-file", String.class, ""),
    TLS_KEYSTORE_PASSWORD("cairn.tls.keystore-password", String.class, ""),
    /** none, request or required: whether callers (peers) are asked for a certificate checked against the trust file. */
    TLS_CLIENT_AUTH("cairn.tls.client-auth", String.class, "none"),
    /** PEM CA bundle: verifies client certificates, and peers' server certificates. */
    TLS_TRUST_FILE("cairn.tls.trust-file", String.class, ""),
    /**
     * Common names of the peers' certificates: a caller whose verified client certificate carries one of them is
     * trusted as a peer without a password or token (needs client-auth request or required).
     */
    TLS_PEER_COMMON_NAMES("cairn.tls.peer-common-names", String.class, "");

    private final String key;
    private final Class<?> type;
    private final Object defaultValue;
    private final List<String> aliases;
    private final double min;
    private final double max;

    Setting(String key, Class<?> type, Object defaultValue) {
        this(key, type, defaultValue, List.of());
    }

    Setting(String key, Class<?> type, Object defaultValue, List<String> aliases) {
        this(key, type, defaultValue, aliases, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    Setting(String key, Class<?> type, Object defaultValue, List<String> aliases, double min, double max) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.aliases = aliases;
        this.min = min;
        this.max = max;
    }

    /** The canonical key, as written in documentation and error messages. */
    /** Whether the value is a secret (a password or token), never to be shown or logged. */
    public boolean isSecret() {
        return this == ADMIN_PASSWORD || this == ADMIN_TOKEN || this == TLS_KEYSTORE_PASSWORD || this == PEER_TOKEN;
    }

    public String key() {
        return key;
    }

    /** The Java type of the value: String, Integer, Double, Boolean or Duration (given in milliseconds). */
    public Class<?> type() {
        return type;
    }

    public Object defaultValue() {
        return defaultValue;
    }

    /**
     * Every spelling that names this setting, canonical first. Eureka's Spring names ({@code eureka.server.x-y})
     * also answer to the Netflix names ({@code eureka.xY}); {@link #normalize(String)} makes case, dots, dashes
     * and underscores irrelevant, so environment variables match too.
     */
    public List<String> names() {
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        names.add(key);
        names.addAll(aliases);
        if (key.startsWith("eureka.server.")) {
            names.add("eureka." + key.substring("eureka.server.".length()));
        }
        return names;
    }

    /** Parses and range-checks a raw value, throwing {@link IllegalArgumentException} with a reason. */
    Object parse(String raw) {
        String v = raw.trim();
        if (type == String.class) {
            return v;
        }
        if (type == Boolean.class) {
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            if (v.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException("expected true or false");
        }
        try {
            if (type == Integer.class) {
                int n = Integer.parseInt(v);
                checkRange(n);
                return n;
            }
            if (type == Double.class) {
                double d = Double.parseDouble(v);
                if (Double.isNaN(d)) {
                    throw new IllegalArgumentException("expected a number");
                }
                checkRange(d);
                return d;
            }
            long ms = Long.parseLong(v);
            if (ms <= 0) {
                throw new IllegalArgumentException("expected a positive number of milliseconds");
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + (type == Duration.class ? "milliseconds" : "a number"));
        }
    }

    private void checkRange(double n) {
        if (n < min || n > max) {
            throw new IllegalArgumentException("must be between " + fmt(min) + " and " + fmt(max));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Lower case, with dots, dashes and underscores removed: the form in which keys are compared. */
    static String normalize(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '.' && c != '-' && c != '_') {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
