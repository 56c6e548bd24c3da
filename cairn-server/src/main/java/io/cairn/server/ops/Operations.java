package io.cairn.server.ops;

import io.cairn.server.cache.PayloadCache;
import io.cairn.server.cluster.Cluster;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.dashboard.DashboardAssets;
import io.cairn.server.metrics.CairnMetrics;
import io.cairn.server.http.AccessPolicy;
import io.cairn.server.registry.Registry;
import io.cairn.server.security.Authenticator;
import io.cairn.server.security.Role;
import io.cairn.server.security.SecuredHandler;
import io.cairn.server.security.SecurityGate;
import io.cairn.server.watch.WatchHub;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Everything an operator sees of a node besides the Eureka API: the dashboard, metrics, health and readiness, node
 * info, Prometheus service discovery and the admin actions, wired from the node's parts in one place.
 */
public final class Operations implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Operations.class.getName());

    private final CairnConfig config;
    private final Registry registry;
    private final Cluster cluster;
    private final WatchHub watch;
    private final CairnMetrics metrics;
    private final DashboardAssets dashboard;
    private final Clock clock;
    private final long startedAt;
    private final String host;

    public Operations(CairnConfig config, Registry registry, PayloadCache cache, WatchHub watch, Cluster cluster,
                      Clock clock) {
        this.config = config;
        this.registry = registry;
        this.cluster = cluster;
        this.watch = watch;
        this.clock = clock;
        this.startedAt = clock.millis();
        this.metrics = new CairnMetrics(registry, cache, watch, cluster, config.basePath());
        this.dashboard = new DashboardAssets(config.basePath(), Version.current());
        this.host = localHostName();
    }

    /**
     * The server's request handler: every request timed, then authenticated and checked by the security gate, then
     * operations paths first and every other request to {@code eurekaApi}.
     *
     * @param port the port the node listens on, known once it is bound
     */
    public Handler<HttpServerRequest> handler(SecuredHandler eurekaApi, IntSupplier port, Authenticator authenticator) {
        JsonReplies replies = new JsonReplies();
        String myUrl = config.cluster().myUrl();
        NodeInfo info = new NodeInfo(config, registry, cluster, watch::epoch,
                () -> myUrl.isEmpty() ? host + ":" + port.getAsInt() : myUrl,
                () -> authenticator.grants(Role.ADMIN), clock, startedAt, replies);
        OpsRoutes routes = new OpsRoutes(dashboard, metrics,
                new HealthEndpoints(replies, cluster.gate(), clock, startedAt), info,
                new PrometheusTargets(registry, replies),
                new AdminEndpoints(registry, cluster, replies, config), replies, eurekaApi);
        CairnConfig.Security security = config.security();
        return metrics.timed(new SecurityGate(new AccessPolicy(config.basePath()), authenticator,
                security.requireClientAuth(), security.anonymousOverrides(), config.tls().peerCommonNames(), routes));
    }

    /** Wraps the eviction run so that metrics tell evictions from cancellations. */
    public Runnable evictions(Runnable evictionRun) {
        return metrics.countingEvictions(evictionRun);
    }

    /** Logs the configuration and starts watching self-preservation, to log when it engages or lets go. */
    public void start(ScheduledExecutorService timers) {
        LOG.log(System.Logger.Level.INFO, ConfigSummary.of(config));
        SelfPreservationLog selfPreservation = new SelfPreservationLog(registry);
        timers.scheduleWithFixedDelay(() -> {
            try {
                selfPreservation.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "self-preservation check failed", e);
            }
        }, 5, 5, TimeUnit.SECONDS);
    }

    public CairnMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        metrics.close();
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
