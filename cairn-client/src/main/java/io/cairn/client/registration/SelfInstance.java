package io.cairn.client.registration;

import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The instance this client registers, and what the server last accepted of it. The status sent is the one the
 * application set, except that a failing health check turns UP into DOWN (it never overrides STARTING,
 * OUT_OF_SERVICE or DOWN set by the application, as in Eureka). Every change moves {@code lastDirtyTimestamp}, which
 * is how Eureka servers tell newer registrations from older ones. Thread-safe.
 */
public final class SelfInstance {
    private final Clock clock;
    private final InstanceInfo template;
    private InstanceStatus desired;
    private boolean healthy = true;
    private Map<String, String> metadata;
    private long lastDirty;
    private long version;
    private long acceptedVersion = -1;

    /** A state of the instance and the version of it, to tell the server's acceptance of exactly this state. */
    public record Snapshot(InstanceInfo info, long version) {
    }

    /** @param template the instance as configured; its status is the initial status */
    public SelfInstance(InstanceInfo template, Clock clock) {
        this.template = Objects.requireNonNull(template, "template");
        this.clock = clock;
        this.desired = template.status();
        this.metadata = template.metadata();
        this.lastDirty = clock.millis();
    }

    /** The instance as it is to be registered now. */
    public synchronized InstanceInfo current() {
        return template.toBuilder()
                .status(effectiveStatus())
                .metadata(metadata)
                .lastDirtyTimestamp(lastDirty)
                .lastUpdatedTimestamp(lastDirty)
                .build();
    }

    /** The current instance and its version. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(current(), version);
    }

    /** The status the application set (before the health check is applied). */
    public synchronized InstanceStatus desiredStatus() {
        return desired;
    }

    /** The status sent to the server. */
    public synchronized InstanceStatus effectiveStatus() {
        return desired == InstanceStatus.UP && !healthy ? InstanceStatus.DOWN : desired;
    }

    /** Sets the application's status; true if what is sent to the server changed. */
    public synchronized boolean setStatus(InstanceStatus status) {
        InstanceStatus before = effectiveStatus();
        desired = Objects.requireNonNull(status, "status");
        return touchedIf(before != effectiveStatus());
    }

    /** Records a health check result; true if what is sent to the server changed. */
    public synchronized boolean setHealthy(boolean value) {
        InstanceStatus before = effectiveStatus();
        healthy = value;
        return touchedIf(before != effectiveStatus());
    }

    /** Adds or replaces metadata entries (a null value removes the key); true if the metadata changed. */
    public synchronized boolean putMetadata(Map<String, String> entries) {
        Map<String, String> next = new LinkedHashMap<>(metadata);
        entries.forEach((k, v) -> {
            if (v == null) {
                next.remove(k);
            } else {
                next.put(k, v);
            }
        });
        if (next.equals(metadata)) {
            return false;
        }
        metadata = Collections.unmodifiableMap(next);
        return touchedIf(true);
    }

    private boolean touchedIf(boolean changed) {
        if (changed) {
            version++;
            long now = clock.millis();
            lastDirty = Math.max(now, lastDirty + 1);
        }
        return changed;
    }

    /** Records that the server accepted the state of {@code version}. */
    public synchronized void accepted(long acceptedVersion) {
        this.acceptedVersion = Math.max(this.acceptedVersion, acceptedVersion);
    }

    /** Records that the server no longer knows the instance (a heartbeat got 404). */
    public synchronized void forgotten() {
        acceptedVersion = -1;
    }

    /** True if the server does not hold the current state (never registered, or changed since). */
    public synchronized boolean isDirty() {
        return acceptedVersion != version;
    }

    /** True if some registration has been accepted and the server has not forgotten it since. */
    public synchronized boolean isRegistered() {
        return acceptedVersion >= 0;
    }
}
