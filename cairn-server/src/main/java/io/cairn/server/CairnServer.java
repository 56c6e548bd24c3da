package io.cairn.server;

import io.cairn.model.codec.EurekaJsonCodec;
import io.cairn.model.codec.EurekaXmlCodec;
import io.cairn.server.cache.PayloadCache;
import io.cairn.server.cluster.Cluster;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.http.EurekaApi;
import io.cairn.server.http.HeaderDeadline;
import io.cairn.server.ops.Operations;
import io.cairn.server.registry.EvictionTask;
import io.cairn.server.registry.Registry;
import io.cairn.server.watch.WatchHub;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Cairn node: the registry, its timers and the HTTP server, started and stopped together.
 * {@code new CairnServer(config).start()} serves until {@link #close()}.
 */
public final class CairnServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CairnServer.class.getName());

    private final CairnConfig config;
    private final Clock clock;
    private final Registry registry;
    private final PayloadCache cache;
    private final EurekaJsonCodec json;
    private final EurekaXmlCodec xml;
    private final ExecutorService builders;
    private final ScheduledExecutorService timers;
    private final WatchHub watch;
    private final Cluster cluster;
    private final io.cairn.server.regions.RemoteRegions remoteRegions;
    private final Operations ops;
    private final io.cairn.server.security.CredentialStore credentials;
    private final io.cairn.server.security.Ownership owners = new io.cairn.server.security.Ownership();
    private Vertx vertx;
    /** Every verticle's server, so that new certificates reach each of them. */
    private final java.util.List<io.vertx.core.http.HttpServer> servers =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String tlsStamp = "";
    private volatile int port = -1;

    public CairnServer(CairnConfig config) {
        this(config, Clock.systemUTC());
    }

    public CairnServer(CairnConfig config, Clock clock) {
        this(config, clock, () -> config.cluster().peerUrls());
    }

    /**
     * @param peerSource the peer URLs, asked again at every membership refresh (for example by re-reading the
     *                   configuration file), so that peers can be added without a restart
     */
    public CairnServer(CairnConfig config, Clock clock, java.util.function.Supplier<java.util.List<String>> peerSource) {
        this.config = config;
        this.clock = clock;
        this.registry = new Registry(config, clock);
        this.json = new EurekaJsonCodec(clock::millis);
        this.xml = new EurekaXmlCodec(clock::millis);
        this.builders = Executors.newFixedThreadPool(2, daemonThreads("cairn-payload"));
        this.remoteRegions = new io.cairn.server.regions.RemoteRegions(config.remoteRegions(), json, clock,
                config.deltaRetention().toMillis());
        this.cache = new PayloadCache(registry, remoteRegions, json, xml, builders, 1024, clock);
        this.timers = Executors.newSingleThreadScheduledExecutor(daemonThreads("cairn-timer"));
        this.watch = new WatchHub(registry, config, json, builders,
                Long.toHexString(new SplittableRandom().nextLong() & Long.MAX_VALUE));
        this.credentials = new io.cairn.server.security.CredentialStore(config);
        // Whenever the peer list is read again, the credentials in the peers' URLs are trusted as theirs.
        this.cluster = new Cluster(config, registry, json, clock, () -> {
            java.util.List<String> urls = peerSource.get();
            credentials.usePeerUrls(urls);
            return urls;
        });
        this.ops = new Operations(config, registry, cache, watch, cluster, clock);
        // An instance that leaves the registry (cancel, eviction, admin deregistration) leaves its owner behind.
        registry.addListener(c -> {
            if (c.action() == io.cairn.model.ActionType.DELETED) {
                owners.release(c.stored().app(), c.stored().id());
            }
        });
    }

    /** Binds the HTTP port and starts the timers; returns once the node is serving. */
    public CairnServer start() {
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setTcpNoDelay(true)
                .setIdleTimeout((int) config.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxInitialLineLength(Math.min(16 * 1024, config.limits().maxHeaderBytes()))
                .setMaxHeaderSize(config.limits().maxHeaderBytes())
                .setCompressionSupported(false)
                // Cairn serves no WebSockets: without these, Vert.x keeps an extension handler in every pipeline.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setDecompressionSupported(false)
                // Eureka speaks HTTP/1.1; without h2c detection, connections are seen at once (slow-header cut-off).
                .setHttp2ClearTextEnabled(false);
        CairnConfig.Tls tls = config.tls();
        String initialTlsStamp = tls.enabled() ? io.cairn.server.tls.TlsFiles.stamp(tls) : "";
        if (tls.enabled()) {
            io.vertx.core.net.SSLOptions ssl = io.cairn.server.tls.TlsFiles.serverOptions(tls);
            options.setSsl(true).setKeyCertOptions(ssl.getKeyCertOptions())
                    .setClientAuth(io.cairn.server.tls.TlsFiles.clientAuth(tls));
            if (ssl.getTrustOptions() != null) {
                options.setTrustOptions(ssl.getTrustOptions());
            }
        }
        EurekaApi api = new EurekaApi(config, registry, cache, json, xml, watch, cluster, remoteRegions, clock,
                owners, this::fallback);
        io.vertx.core.Handler<HttpServerRequest> handler = ops.handler(api, this::port,
                new io.cairn.server.security.Authenticator(credentials));
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        AtomicInteger bound = new AtomicInteger(-1);
        try {
            vertx.deployVerticle(() -> new AbstractVerticle() {
                @Override
                public void start(Promise<Void> started) {
                    io.vertx.core.http.HttpServer server = vertx.createHttpServer(options);
                    servers.add(server);
                    HeaderDeadline deadline = new HeaderDeadline(vertx, config.limits().requestTimeout().toMillis());
                    server.connectionHandler(deadline.onConnection()).requestHandler(deadline.onRequest(handler))
                            .listen()
                            .onSuccess(s -> {
                                bound.compareAndSet(-1, s.actualPort());
                                started.complete();
                            })
                            .onFailure(started::fail);
                }
            }, new DeploymentOptions().setInstances(instances))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + cause.getMessage(), cause);
        }
        port = bound.get();
        cluster.start(port);
        remoteRegions.start();
        long eviction = config.evictionInterval().toMillis();
        timers.scheduleWithFixedDelay(safely(ops.evictions(new EvictionTask(registry, clock, eviction,
                        new SplittableRandom()))),
                eviction, eviction, TimeUnit.MILLISECONDS);
        long purge = config.deltaRetentionTimerInterval().toMillis();
        timers.scheduleWithFixedDelay(safely(() -> {
            registry.purgeChangeLog();
            watch.purgeHistory(clock.millis());
        }), purge, purge, TimeUnit.MILLISECONDS);
        long recount = config.renewalThresholdUpdateInterval().toMillis();
        timers.scheduleWithFixedDelay(safely(registry::updateRenewalThreshold), recount, recount,
                TimeUnit.MILLISECONDS);
        ops.start(timers);
        // Plain copies of large documents are for clients that do not take gzip; nobody asked for ten seconds, gone.
        timers.scheduleWithFixedDelay(safely(() -> cache.trim(10_000)), 5, 5, TimeUnit.SECONDS);
        // A changed credentials file (a rotated token) takes effect within a second.
        timers.scheduleWithFixedDelay(safely(credentials::reload), 1, 1, TimeUnit.SECONDS);
        if (tls.enabled()) {
            this.tlsStamp = initialTlsStamp;
            timers.scheduleWithFixedDelay(safely(this::reloadTls), 1, 1, TimeUnit.SECONDS);
        }
        if (tls.enabled() || !tls.trustFile().isEmpty()) {
            timers.scheduleWithFixedDelay(safely(cluster::reloadTls), 1, 1, TimeUnit.SECONDS);
        }
        LOG.log(System.Logger.Level.INFO, "Cairn serving the Eureka API at {3}://{0}:{1,number,#}{2}/",
                config.host(), port, config.basePath(), tls.enabled() ? "https" : "http");
        return this;
    }

    /**
     * Gives the HTTPS server the certificate and key now in the files if they changed since last time (new
     * connections get them; open ones keep theirs). Runs every second; public for tests.
     *
     * @return whether new options were installed
     */
    public boolean reloadTls() {
        CairnConfig.Tls tls = config.tls();
        String stamp = io.cairn.server.tls.TlsFiles.stamp(tls);
        if (!tls.enabled() || stamp.equals(tlsStamp)) {
            return false;
        }
        io.vertx.core.net.SSLOptions ssl;
        try {
            ssl = io.cairn.server.tls.TlsFiles.serverOptions(tls);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "TLS files not reloaded, keeping the certificate in use: " + e.getMessage());
            return false;
        }
        try {
            for (io.vertx.core.http.HttpServer s : servers) {
                s.updateSSLOptions(ssl).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "TLS files not reloaded, keeping the certificate in use: " + e);
            return false;
        }
        tlsStamp = stamp;
        LOG.log(System.Logger.Level.INFO, "TLS certificate reloaded");
        return true;
    }

    /** The port the server listens on (useful when configured with port 0). */
    public int port() {
        return port;
    }

    public Registry registry() {
        return registry;
    }

    public CairnConfig config() {
        return config;
    }

    public Cluster cluster() {
        return cluster;
    }

    /** The credentials in force; {@code reload()} re-reads a changed credentials file at once. */
    public io.cairn.server.security.CredentialStore credentials() {
        return credentials;
    }

    public WatchHub watch() {
        return watch;
    }

    public PayloadCache payloadCache() {
        return cache;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        cluster.close();
        remoteRegions.close();
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "HTTP server did not stop cleanly: " + e);
            }
            vertx = null;
        }
        builders.shutdownNow();
        ops.close();
    }

    /** Paths that neither the Eureka API nor the operations endpoints (dashboard at {@code /}) answer. */
    private void fallback(HttpServerRequest req) {
        req.response().setStatusCode(404).end();
    }

    private static Runnable safely(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "timer task failed", e);
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
