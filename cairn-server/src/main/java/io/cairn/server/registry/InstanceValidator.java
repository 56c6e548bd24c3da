package io.cairn.server.registry;

import io.cairn.model.InstanceInfo;
import io.cairn.model.LeaseInfo;
import io.cairn.server.config.CairnConfig;
import java.util.Map;

/**
 * Checks a registration before it touches the registry: Eureka's checks in Eureka's order and wording, then Cairn's
 * limits on sizes and timestamps that would otherwise let one bad client hurt everyone.
 */
public final class InstanceValidator {
    /** Timestamps further ahead than this are treated as a broken client clock. */
    private static final long MAX_CLOCK_AHEAD_MS = 24L * 3600 * 1000;
    private static final int MAX_LEASE_SECONDS = 365 * 24 * 3600;

    private final CairnConfig config;

    public InstanceValidator(CairnConfig config) {
        this.config = config;
    }

    /**
     * @param pathApp the upper-cased application name from the URL
     * @param now     the server's time, to judge timestamps
     * @throws InvalidInstanceException with the reason
     */
    public void validate(String pathApp, InstanceInfo i, long now) {
        if (isBlank(i.id())) {
            throw new InvalidInstanceException("Missing instanceId");
        }
        if (isBlank(i.hostName())) {
            throw new InvalidInstanceException("Missing hostname");
        }
        if (isBlank(i.ipAddr())) {
            throw new InvalidInstanceException("Missing ip address");
        }
        if (isBlank(i.app())) {
            throw new InvalidInstanceException("Missing appName");
        }
        if (!pathApp.equals(i.app())) {
            throw new InvalidInstanceException("Mismatched appName, expecting " + pathApp + " but was " + i.app());
        }
        if (i.dataCenterInfo() == null) {
            throw new InvalidInstanceException("Missing dataCenterInfo");
        }
        if (isBlank(i.dataCenterInfo().name())) {
            throw new InvalidInstanceException("Missing dataCenterInfo Name");
        }
        checkPort("port", i.port());
        checkPort("securePort", i.securePort());
        LeaseInfo lease = i.leaseInfo();
        if (lease != null) {
            if (lease.durationInSecs() < 0 || lease.durationInSecs() > MAX_LEASE_SECONDS) {
                throw new InvalidInstanceException("leaseInfo.durationInSecs must be between 0 and " + MAX_LEASE_SECONDS);
            }
            if (lease.renewalIntervalInSecs() < 0 || lease.renewalIntervalInSecs() > MAX_LEASE_SECONDS) {
                throw new InvalidInstanceException(
                        "leaseInfo.renewalIntervalInSecs must be between 0 and " + MAX_LEASE_SECONDS);
            }
        }
        checkTimestamp("lastDirtyTimestamp", i.lastDirtyTimestamp(), now);
        checkMetadata(i.metadata());
    }

    /** Checks metadata against the configured limits, as for a metadata update. */
    public void checkMetadata(Map<String, String> metadata) {
        if (metadata.size() > config.maxMetadataKeys()) {
            throw new InvalidInstanceException(
                    "too many metadata keys: " + metadata.size() + " (limit " + config.maxMetadataKeys() + ")");
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().length() > config.maxMetadataKeyLength()) {
                throw new InvalidInstanceException("metadata key length must be between 1 and "
                        + config.maxMetadataKeyLength());
            }
            if (e.getValue() != null && e.getValue().length() > config.maxMetadataValueLength()) {
                throw new InvalidInstanceException("metadata value of '" + abbreviate(e.getKey())
                        + "' is longer than " + config.maxMetadataValueLength());
            }
        }
    }

    /** Checks a client-supplied epoch-millisecond timestamp. */
    public static void checkTimestamp(String name, long value, long now) {
        if (value < 0 || value > now + MAX_CLOCK_AHEAD_MS) {
            throw new InvalidInstanceException(name + " " + value + " is not a plausible time");
        }
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new InvalidInstanceException(name + " " + port + " is out of range");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
