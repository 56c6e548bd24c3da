package io.cairn.server.metrics;

import io.cairn.server.cache.PayloadCache;
import io.cairn.server.cluster.Cluster;
import io.cairn.server.registry.Registry;
import io.cairn.server.watch.WatchHub;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every meter of one node in one Micrometer registry, scraped in Prometheus text format: the registry, the cache,
 * watchers, replication per peer, HTTP requests by route, and the JVM.
 */
public final class CairnMetrics implements AutoCloseable {
    /** The Prometheus text exposition format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RegistryMeters registryMeters;
    private final PeerMeters peerMeters;
    private final HttpMeters httpMeters;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public CairnMetrics(Registry registry, PayloadCache cache, WatchHub watch, Cluster cluster, String basePath) {
        this.registryMeters = new RegistryMeters(meters, registry, cache, watch);
        this.peerMeters = new PeerMeters(meters, cluster);
        this.httpMeters = new HttpMeters(meters, basePath);
        new JvmMemoryMetrics().bindTo(meters);
        gc.bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ClassLoaderMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new UptimeMetrics().bindTo(meters);
    }

    /** Wraps the server's request handler so that every request is timed by route. */
    public Handler<HttpServerRequest> timed(Handler<HttpServerRequest> next) {
        return httpMeters.wrap(next);
    }

    /** Wraps the eviction run so that the instances it removes count as evictions, not cancellations. */
    public Runnable countingEvictions(Runnable evictionRun) {
        return registryMeters.countingEvictions(evictionRun);
    }

    /** Every meter in Prometheus text format. Reads the registry and the peers: call it off the event loop. */
    public String scrape() {
        peerMeters.refresh();
        return meters.scrape();
    }

    /** The underlying registry, for meters added elsewhere. */
    public MeterRegistry meterRegistry() {
        return meters;
    }

    @Override
    public void close() {
        gc.close();
        meters.close();
    }
}
