package io.cairn.client.registration;

import io.cairn.client.schedule.Backoff;
import io.cairn.client.schedule.TokenBucket;
import io.cairn.client.transport.EurekaHttp;
import io.cairn.client.transport.TransportException;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Keeps this instance registered: registers at once, renews every lease-renewal interval, registers again at once
 * when a heartbeat gets 404, pushes status and metadata changes as re-registrations right away but at most as often
 * as the token bucket allows, evaluates the optional health check, and backs off exponentially while calls fail.
 * All of it runs on one thread of the given executor, so the steps never overlap. {@link #cancel()} sends the
 * final {@code DELETE}.
 */
public final class Registrar {
    private static final System.Logger LOG = System.getLogger(Registrar.class.getName());

    private final SelfInstance self;
    private final EurekaHttp http;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Duration renewalInterval;
    private final Backoff backoff;
    private final TokenBucket pushes;
    private final BooleanSupplier healthCheck;
    private final Duration healthCheckInterval;

    private ScheduledFuture<?> beat;
    private ScheduledFuture<?> pendingPush;
    private volatile boolean stopped;
    private volatile boolean attempted;
    private boolean overrideSent;
    private volatile Instant lastHeartbeat;
    private volatile long registrations;
    private volatile long heartbeats;

    /**
     * @param executor    a single-threaded scheduler owned by the client
     * @param healthCheck null for none; otherwise true means healthy, false or an exception means DOWN
     */
    public Registrar(SelfInstance self, EurekaHttp http, ScheduledExecutorService executor, Clock clock,
                     Duration renewalInterval, Backoff backoff, TokenBucket pushes,
                     BooleanSupplier healthCheck, Duration healthCheckInterval) {
        this.self = self;
        this.http = http;
        this.executor = executor;
        this.clock = clock;
        this.renewalInterval = renewalInterval;
        this.backoff = backoff;
        this.pushes = pushes;
        this.healthCheck = healthCheck;
        this.healthCheckInterval = healthCheckInterval;
    }

    /** Starts: the health check (if any) runs first, then the registration, both at once. */
    public void start() {
        if (healthCheck != null) {
            executor.scheduleWithFixedDelay(this::checkHealth, 0, healthCheckInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        executor.execute(() -> scheduleBeat(Duration.ZERO));
    }

    /** Pushes the instance's changed state to the server as soon as the rate limit allows. Any thread. */
    public void changed() {
        if (!stopped) {
            executor.execute(this::push);
        }
    }

    /** Stops scheduling anything; calls in flight finish. */
    public void stop() {
        stopped = true;
    }

    /** Sends the cancel ({@code DELETE}) if a registration was ever attempted; best effort, never throws. */
    public void cancel() {
        if (!attempted) {
            return;
        }
        InstanceInfo me = self.current();
        try {
            int status = http.cancel(me);
            LOG.log(Level.DEBUG, "cancelled {0}: {1}", me.id(), status);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not cancel {0}: {1}", me.id(), e.getMessage());
        }
        self.forgotten();
    }

    /** True if the server holds a registration of this instance (as far as the client knows). */
    public boolean isRegistered() {
        return self.isRegistered();
    }

    /** When the last heartbeat succeeded; null if none has. */
    public Instant lastHeartbeat() {
        return lastHeartbeat;
    }

    /** Registrations the server accepted. */
    public long registrations() {
        return registrations;
    }

    /** Heartbeats the server accepted. */
    public long heartbeats() {
        return heartbeats;
    }

    // ------------------------------------------------------------------ on the registration thread

    private void scheduleBeat(Duration delay) {
        if (stopped) {
            return;
        }
        if (beat != null) {
            beat.cancel(false);
        }
        beat = executor.schedule(this::beat, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        if (stopped) {
            return;
        }
        Duration next;
        try {
            if (self.isDirty()) {
                register();
            } else {
                renew();
            }
            backoff.reset();
            next = renewalInterval;
        } catch (RuntimeException e) {
            next = backoff.next();
            LOG.log(Level.WARNING, "heartbeat failed ({0}), next try in {1} ms", e.getMessage(), next.toMillis());
        }
        scheduleBeat(next);
    }

    /**
     * Registers the current state. OUT_OF_SERVICE also needs a status override: Eureka keeps the status of an
     * existing UP lease on re-registration. Leaving OUT_OF_SERVICE removes the override first.
     */
    private void register() {
        SelfInstance.Snapshot s = self.snapshot();
        InstanceStatus status = s.info().status();
        attempted = true;
        if (overrideSent && status != InstanceStatus.OUT_OF_SERVICE) {
            http.deleteStatusOverride(s.info(), status);
            overrideSent = false;
        }
        if (!http.register(s.info())) {
            throw new TransportException("the server refused the registration of " + s.info().id());
        }
        if (status == InstanceStatus.OUT_OF_SERVICE && !overrideSent) {
            if (http.setStatusOverride(s.info(), status)) {
                overrideSent = true;
            } else {
                // Not a failure of the registration: retrying would not change the server's mind.
                LOG.log(Level.WARNING, "the server refused the status override that puts {0} OUT_OF_SERVICE; it keeps"
                        + " the status it had (a Cairn server needs credentials with the client role in the service"
                        + " URL, or anonymous overrides allowed)", s.info().id());
            }
        }
        self.accepted(s.version());
        registrations++;
        LOG.log(Level.DEBUG, "registered {0} as {1}", s.info().id(), s.info().status());
    }

    private void renew() {
        InstanceInfo me = self.current();
        switch (http.renew(me)) {
            case RENEWED -> {
                heartbeats++;
                lastHeartbeat = clock.instant();
            }
            case NOT_FOUND -> {
                LOG.log(Level.INFO, "the server does not know {0}; registering again", me.id());
                self.forgotten();
                overrideSent = false;
                register();
            }
            default -> throw new TransportException("the server refused the heartbeat of " + me.id());
        }
    }

    private void push() {
        if (stopped || !self.isDirty() || pendingPush != null) {
            return;
        }
        Duration wait = pushes.untilAvailable();
        if (!wait.isZero() || !pushes.tryAcquire()) {
            pendingPush = executor.schedule(() -> {
                pendingPush = null;
                push();
            }, Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
            return;
        }
        try {
            register();
            backoff.reset();
        } catch (RuntimeException e) {
            Duration retry = backoff.next();
            LOG.log(Level.WARNING, "could not push the new state ({0}), next try in {1} ms", e.getMessage(),
                    retry.toMillis());
            scheduleBeat(retry);
        }
    }

    private void checkHealth() {
        if (stopped) {
            return;
        }
        boolean healthy;
        try {
            healthy = healthCheck.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "health check failed: {0}", e.toString());
            healthy = false;
        }
        if (self.setHealthy(healthy)) {
            LOG.log(Level.INFO, "health check says {0}", healthy ? "healthy" : "unhealthy");
            push();
        }
    }
}
