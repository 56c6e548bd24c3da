package io.cairn.client;

import io.cairn.client.balance.InstanceChooser;
import io.cairn.client.balance.ZoneAwareRoundRobin;
import io.cairn.client.cache.RegistryCache;
import io.cairn.client.cache.RegistryFile;
import io.cairn.client.refresh.RegistryRefresher;
import io.cairn.client.registration.Registrar;
import io.cairn.client.registration.SelfInstance;
import io.cairn.client.schedule.Backoff;
import io.cairn.client.schedule.DaemonThreads;
import io.cairn.client.schedule.TokenBucket;
import io.cairn.client.transport.EndpointOrder;
import io.cairn.client.transport.EurekaHttp;
import io.cairn.client.transport.Exchange;
import io.cairn.client.transport.FailoverClient;
import io.cairn.client.transport.JdkExchange;
import io.cairn.client.transport.Quarantine;
import io.cairn.client.watch.WatchClient;
import io.cairn.client.watch.WatchEnvelopeReader;
import io.cairn.model.codec.EurekaJsonCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.random.RandomGenerator;

/**
 * The parts of a {@link CairnClient}, wired from its configuration: the transport (server order, quarantine,
 * failover), the registry cache with its refresher (deltas or watch) and cache file, the registrar, the listeners and
 * the chooser, and the three daemon threads they run on.
 */
final class ClientParts {
    final ScheduledThreadPoolExecutor registrationThread;
    final ScheduledThreadPoolExecutor registryThreads;
    final ScheduledThreadPoolExecutor eventThread;
    final Listeners listeners;
    final RegistryCache cache;
    final RegistryRefresher refresher;
    final SelfInstance self;
    final Registrar registrar;
    final InstanceChooser chooser;

    /**
     * @param healthCheck null for none
     * @param chooser     null for {@link ZoneAwareRoundRobin} in the configured zone
     * @param exchange    null for the JDK HttpClient
     */
    ClientParts(ClientConfig config, HealthCheck healthCheck, InstanceChooser chooser, Clock clock,
                RandomGenerator random, Exchange exchange) {
        this.chooser = chooser != null ? chooser : new ZoneAwareRoundRobin(config.zone(), random);
        EurekaJsonCodec codec = new EurekaJsonCodec(clock::millis);
        Exchange http1 = exchange != null ? exchange : new JdkExchange(config.connectTimeout(), config.sslContext());
        FailoverClient servers = new FailoverClient(
                EndpointOrder.order(config.serviceUrls(), config.availabilityZones(), config.zone(),
                        config.preferSameZone(), random),
                http1, new Quarantine(clock, config.quarantineDuration()), config.maxAttemptsPerCall());
        EurekaHttp http = new EurekaHttp(servers, codec, config.readTimeout());

        this.eventThread = DaemonThreads.scheduler("cairn-client-events", 1);
        this.listeners = new Listeners(eventThread);
        this.cache = new RegistryCache(clock, listeners::publish);

        if (config.registerWithEureka()) {
            this.registrationThread = DaemonThreads.scheduler("cairn-client-registration", 1);
            this.self = new SelfInstance(config.instanceInfo(), clock);
            Duration beatBackoffMax = min(config.retryMaxDelay(), config.leaseRenewalInterval());
            this.registrar = new Registrar(self, http, registrationThread, clock, config.leaseRenewalInterval(),
                    new Backoff(min(config.retryInitialDelay(), beatBackoffMax), beatBackoffMax, random),
                    new TokenBucket(clock, config.statusUpdateBurst(), config.statusUpdatesPerMinute()),
                    healthCheck == null ? null : healthCheck::isHealthy, config.healthCheckInterval());
        } else {
            this.registrationThread = null;
            this.self = null;
            this.registrar = null;
        }

        if (config.fetchRegistry()) {
            this.registryThreads = DaemonThreads.scheduler("cairn-client-registry", 2);
            WatchClient watch = config.useWatch()
                    ? new WatchClient(http1, new WatchEnvelopeReader(codec), config.readTimeout()) : null;
            RegistryFile file = config.registryCacheFile() == null ? null
                    : new RegistryFile(config.registryCacheFile(), codec);
            this.refresher = new RegistryRefresher(cache, http, watch, file, registryThreads, clock,
                    config.registryFetchInterval(), config.watchWait(), config.watchReconcileInterval(),
                    new Backoff(config.retryInitialDelay(), config.retryMaxDelay(), random));
        } else {
            this.registryThreads = null;
            this.refresher = null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
