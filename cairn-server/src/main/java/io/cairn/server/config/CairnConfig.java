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
        Duration statusOverrideExpiry,
        int maxBodyBytes,
        int maxMetadataKeys,
        int maxMetadataKeyLength,
        int maxMetadataValueLength,
        Duration idleTimeout,
        Duration watchDefaultWait,
        Duration watchMaxWait,
        int watchHistory,
        Duration watchKeepAlive,
        int watchMaxQueuedBytes) {

    /** Eureka's defaults, on port 8761 under {@code /eureka}, as Spring Cloud's standalone server. */
    public static CairnConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every value of this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(Settings.valuesOf(this));
        return b;
    }

    /** Builds {@link CairnConfig} from Eureka's defaults; setters take typed values. */
    public static final class Builder {
        private final java.util.LinkedHashMap<Setting, Object> values = new java.util.LinkedHashMap<>();

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
        public Builder maxBodyBytes(int v) { return set(Setting.MAX_BODY_BYTES, v); }
        public Builder maxMetadataKeys(int v) { return set(Setting.MAX_METADATA_KEYS, v); }
        public Builder watchMaxWait(Duration v) { return set(Setting.WATCH_MAX_WAIT, v); }
        public Builder watchHistory(int v) { return set(Setting.WATCH_HISTORY, v); }
        public Builder watchKeepAlive(Duration v) { return set(Setting.WATCH_KEEP_ALIVE, v); }
        public Builder watchMaxQueuedBytes(int v) { return set(Setting.WATCH_MAX_QUEUED_BYTES, v); }

        Map<Setting, Object> values() {
            return values;
        }

        public CairnConfig build() {
            return Settings.build(values);
        }
    }
}
