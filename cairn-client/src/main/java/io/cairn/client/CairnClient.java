package io.cairn.client;

import io.cairn.client.balance.InstanceChooser;
import io.cairn.client.cache.AppInstances;
import io.cairn.client.cache.RegistryCache;
import io.cairn.client.cache.RegistrySnapshot;
import io.cairn.client.refresh.RegistryRefresher;
import io.cairn.client.registration.Registrar;
import io.cairn.client.registration.SelfInstance;
import io.cairn.client.transport.Exchange;
import io.cairn.model.Application;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * A Cairn (or Eureka) client for one service: it registers the service's instance and keeps it registered, and keeps
 * a cache of the registry to discover other services from. Works against Cairn servers (which push changes through
 * their watch API) and plain Eureka servers (polled for deltas) alike.
 *
 * <pre>{@code
 * try (CairnClient client = CairnClient.start(ClientConfig.builder()
 *         .serviceUrl("http://localhost:8761/eureka/")
 *         .appName("caller").port(8081)
 *         .build())) {
 *     Optional<InstanceInfo> greeter = client.choose("greeter");
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #start(ClientConfig)} registers the instance (in the background) and fetches the registry before it
 * returns (falling back to the cache file, if configured, when no server answers). {@link #close()} stops
 * everything and cancels the registration; so does JVM shutdown unless disabled. The client is thread-safe. After
 * {@link #close()}, reads keep answering from the last registry, and changes ({@link #setStatus},
 * {@link #putMetadata}, {@link #subscribe}) throw {@link IllegalStateException}.
 */
public final class CairnClient implements Discovery, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CairnClient.class.getName());

    /** The life cycle of a client. */
    public enum State {
        /** Registering, renewing and refreshing the registry. */
        RUNNING,
        /** Closed: nothing runs any more. */
        CLOSED
    }

    private final ClientConfig config;
    private final ScheduledThreadPoolExecutor registrationThread;
    private final ScheduledThreadPoolExecutor registryThreads;
    private final ScheduledThreadPoolExecutor eventThread;
    private final Listeners listeners;
    private final RegistryCache cache;
    private final RegistryRefresher refresher;
    private final SelfInstance self;
    private final Registrar registrar;
    private final InstanceChooser chooser;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closeDone = new CountDownLatch(1);

    private CairnClient(Builder b) {
        this.config = b.config;
        ClientParts parts = new ClientParts(config, b.healthCheck, b.chooser, b.clock, b.random, b.exchange);
        this.registrationThread = parts.registrationThread;
        this.registryThreads = parts.registryThreads;
        this.eventThread = parts.eventThread;
        this.listeners = parts.listeners;
        this.cache = parts.cache;
        this.refresher = parts.refresher;
        this.self = parts.self;
        this.registrar = parts.registrar;
        this.chooser = parts.chooser;
        this.shutdownHook = config.shutdownHook() ? new Thread(this::close, "cairn-client-shutdown") : null;
    }

    /** Starts a client with this configuration, no health check, the system clock and the default chooser. */
    public static CairnClient start(ClientConfig config) {
        return builder(config).start();
    }

    /** A builder for a client with this configuration and optional collaborators. */
    public static Builder builder(ClientConfig config) {
        return new Builder(config);
    }

    private CairnClient begin() {
        if (registrar != null) {
            registrar.start();
        }
        if (refresher != null) {
            refresher.start();
        }
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        LOG.log(Level.DEBUG, "started {0}", config);
        return this;
    }

    /** The configuration. */
    public ClientConfig config() {
        return config;
    }

    /** RUNNING until {@link #close()}. */
    public State state() {
        return closed.get() ? State.CLOSED : State.RUNNING;
    }

    // ------------------------------------------------------------------ this instance

    /** This instance as it is (to be) registered now; empty if the client does not register. */
    public Optional<InstanceInfo> instance() {
        return self == null ? Optional.empty() : Optional.of(self.current());
    }

    /** The status this instance is registered with (after the health check); empty if the client does not register. */
    public Optional<InstanceStatus> status() {
        return self == null ? Optional.empty() : Optional.of(self.effectiveStatus());
    }

    /**
     * Sets this instance's status (UP, DOWN, STARTING, OUT_OF_SERVICE) and pushes it to the server at once, or as soon
     * as the rate limit ({@link ClientConfig#statusUpdatesPerMinute()}) allows.
     *
     * @throws IllegalStateException if the client does not register or is closed
     */
    public void setStatus(InstanceStatus status) {
        Objects.requireNonNull(status, "status");
        requireRegistering();
        if (self.setStatus(status)) {
            registrar.changed();
        }
    }

    /**
     * Adds or replaces metadata entries of this instance (a null value removes the key) and pushes them like a status.
     *
     * @throws IllegalStateException if the client does not register or is closed
     */
    public void putMetadata(Map<String, String> entries) {
        requireRegistering();
        if (self.putMetadata(entries)) {
            registrar.changed();
        }
    }

    /** Adds or replaces one metadata entry; see {@link #putMetadata(Map)}. */
    public void putMetadata(String key, String value) {
        putMetadata(java.util.Collections.singletonMap(Objects.requireNonNull(key, "key"), value));
    }

    private void requireRegistering() {
        requireOpen();
        if (self == null) {
            throw new IllegalStateException("this client does not register an instance (registerWithEureka=false)");
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the client is closed");
        }
    }

    // ------------------------------------------------------------------ discovery

    @Override
    public List<InstanceInfo> instances(String app) {
        AppInstances a = cache.snapshot().app(Objects.requireNonNull(app, "app"));
        return a == null ? List.of() : a.up();
    }

    @Override
    public List<InstanceInfo> instancesByVip(String vip) {
        return cache.snapshot().byVip(Objects.requireNonNull(vip, "vip"));
    }

    @Override
    public List<InstanceInfo> instancesBySecureVip(String vip) {
        return cache.snapshot().bySecureVip(Objects.requireNonNull(vip, "vip"));
    }

    @Override
    public Optional<Application> application(String app) {
        AppInstances a = cache.snapshot().app(Objects.requireNonNull(app, "app"));
        return a == null ? Optional.empty() : Optional.of(new Application(a.name(), a.all()));
    }

    @Override
    public Set<String> applicationNames() {
        return Set.copyOf(cache.snapshot().appNames());
    }

    @Override
    public Optional<InstanceInfo> choose(String app) {
        return chooser.choose("app:" + app.toUpperCase(Locale.ROOT), instances(app));
    }

    @Override
    public Optional<InstanceInfo> chooseByVip(String vip) {
        return chooser.choose("vip:" + vip.trim().toUpperCase(Locale.ROOT), instancesByVip(vip));
    }

    /** @throws IllegalStateException if the client is closed */
    @Override
    public Subscription subscribe(String app, RegistryListener listener) {
        requireOpen();
        return listeners.add(Objects.requireNonNull(app, "app"), Objects.requireNonNull(listener, "listener"));
    }

    /** @throws IllegalStateException if the client is closed */
    @Override
    public Subscription subscribeAll(RegistryListener listener) {
        requireOpen();
        return listeners.add(null, Objects.requireNonNull(listener, "listener"));
    }

    /** What the client has done so far. */
    public ClientStats stats() {
        RegistrySnapshot s = cache.snapshot();
        return new ClientStats(
                registrar != null && registrar.isRegistered(),
                registrar == null ? 0 : registrar.registrations(),
                registrar == null ? 0 : registrar.heartbeats(),
                registrar == null ? null : registrar.lastHeartbeat(),
                s.size(),
                cache.source() == RegistryCache.Source.FILE,
                refresher != null && refresher.isStale(),
                cache.confirmedAt(),
                refresher != null && refresher.isWatching(),
                refresher == null ? 0 : refresher.fullFetches(),
                refresher == null ? 0 : refresher.deltaFetches(),
                refresher == null ? 0 : refresher.watchAnswers());
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Stops renewing and refreshing, cancels the registration ({@code DELETE}, best effort), writes the cache file
     * and cancels every subscription. Waits at most about one read timeout for a call in flight. Idempotent: a call
     * made while another is closing the client returns when that one has finished.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        try {
            shutDown();
        } finally {
            closeDone.countDown();
        }
    }

    /** A second {@code close()} (say, the shutdown hook's) returns once the first has finished. */
    private void awaitClosed() {
        try {
            closeDone.await(config.readTimeout().plus(config.connectTimeout()).toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutDown() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting; the hook runs close() too, which returns at once
            }
        }
        if (refresher != null) {
            refresher.stop();
            registryThreads.shutdownNow();
        }
        if (registrar != null) {
            registrar.stop();
            registrationThread.shutdown();
            await(registrationThread, config.readTimeout().plus(config.connectTimeout()));
            registrar.cancel();
        }
        if (refresher != null) {
            await(registryThreads, Duration.ofSeconds(2));
            refresher.flush();
        }
        listeners.cancelAll();
        eventThread.shutdown();
        LOG.log(Level.DEBUG, "closed {0}", config);
    }

    private static void await(ScheduledThreadPoolExecutor executor, Duration timeout) {
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Builds a {@link CairnClient} with collaborators that are not configuration values: a health check, an
     * instance chooser, the clock and the random generator.
     */
    public static final class Builder {
        private final ClientConfig config;
        private HealthCheck healthCheck;
        private InstanceChooser chooser;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new Random();
        private Exchange exchange;

        private Builder(ClientConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** A health check that turns the registered status DOWN while it fails. */
        public Builder healthCheck(HealthCheck v) { healthCheck = v; return this; }

        /** The chooser behind {@link CairnClient#choose}; default {@link io.cairn.client.balance.ZoneAwareRoundRobin} in the client's zone. */
        public Builder chooser(InstanceChooser v) { chooser = v; return this; }

        /** The clock for timestamps, quarantines and rate limits (default the system clock). */
        public Builder clock(Clock v) { clock = Objects.requireNonNull(v, "clock"); return this; }

        /** The randomness behind server order, jitter and round-robin starting points. */
        public Builder random(RandomGenerator v) { random = Objects.requireNonNull(v, "random"); return this; }

        /** Replaces the HTTP layer (for tests). */
        Builder exchange(Exchange v) { exchange = v; return this; }

        /** Starts the client: registration in the background, then a first registry fetch before returning. */
        public CairnClient start() {
            return new CairnClient(this).begin();
        }
    }
}
