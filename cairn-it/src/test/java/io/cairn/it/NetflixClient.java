package io.cairn.it;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.MyDataCenterInstanceConfig;
import com.netflix.appinfo.providers.EurekaConfigBasedInstanceInfoProvider;
import com.netflix.discovery.DefaultEurekaClientConfig;
import com.netflix.discovery.DiscoveryClient;
import com.netflix.discovery.Jersey3DiscoveryClientOptionalArgs;
import com.netflix.discovery.shared.Application;
import com.netflix.discovery.shared.resolver.EndpointRandomizer;
import com.netflix.discovery.shared.resolver.EurekaEndpoint;
import com.netflix.discovery.shared.transport.jersey3.Jersey3TransportClientFactories;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Netflix {@code DiscoveryClient} (eureka-client 2.0.x) in plain Java, without Spring, Guice or Archaius
 * properties: the instance and client settings come from subclasses of the stock config classes, so that several
 * clients with different settings can live in one JVM. The transport is the stock Jersey 3 one (legacy JSON codec,
 * gzip), with a {@link Traffic} recorder as an extra filter.
 *
 * <p>Intervals are shortened to one second (registry fetch, heartbeat, instance-info replication) so that every
 * client-side step of the protocol happens within a test's patience.
 */
final class NetflixClient implements AutoCloseable {
    private final DiscoveryClient client;
    private final ApplicationInfoManager infoManager;
    private final Traffic traffic;
    private boolean closed;

    private NetflixClient(DiscoveryClient client, ApplicationInfoManager infoManager, Traffic traffic) {
        this.client = client;
        this.infoManager = infoManager;
        this.traffic = traffic;
    }

    /** A client that registers {@code instanceId} in {@code app} and fetches the registry. */
    static Builder registering(String app, String instanceId) {
        return new Builder(app, instanceId, true);
    }

    /** A client that only fetches the registry (it still needs an identity for its own transport). */
    static Builder observing() {
        return new Builder("observer", "observer-" + System.nanoTime(), false);
    }

    DiscoveryClient client() {
        return client;
    }

    ApplicationInfoManager infoManager() {
        return infoManager;
    }

    Traffic traffic() {
        return traffic;
    }

    /** The instance as this client last fetched it from the server, if present (any status). */
    Optional<InstanceInfo> seen(String app, String id) {
        Application a = client.getApplications().getRegisteredApplications(app);
        return Optional.ofNullable(a == null ? null : a.getByInstanceId(id));
    }

    /** Shuts the client down as an application would on exit (cancels its lease unless configured not to). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            client.shutdown();
        }
    }

    /** Builds and starts a client. */
    static final class Builder {
        private final String app;
        private final String instanceId;
        private final boolean register;
        private List<String> serviceUrls = List.of();
        private int port = 8080;
        private int renewalSecs = 1;
        private int durationSecs = 5;
        private boolean unregisterOnShutdown = true;
        private javax.net.ssl.SSLContext sslContext;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder(String app, String instanceId, boolean register) {
            this.app = app;
            this.instanceId = instanceId;
            this.register = register;
        }

        /** The Eureka service URLs, in the order the client should try them (no shuffling, see {@link #start()}). */
        Builder serviceUrls(String... urls) { serviceUrls = List.of(urls); return this; }
        Builder port(int v) { port = v; return this; }
        /** The TLS context for https service URLs (which CAs the client trusts). */
        Builder sslContext(javax.net.ssl.SSLContext v) { sslContext = v; return this; }
        Builder lease(int renewal, int duration) { renewalSecs = renewal; durationSecs = duration; return this; }
        Builder unregisterOnShutdown(boolean v) { unregisterOnShutdown = v; return this; }
        Builder metadata(String k, String v) { metadata.put(k, v); return this; }

        /**
         * Starts the client. As in production this does a synchronous full fetch in the constructor; registration
         * follows within about a second (instance-info replicator or first heartbeat).
         */
        NetflixClient start() {
            if (serviceUrls.isEmpty()) {
                throw new IllegalStateException("no service URL");
            }
            InstanceConfig instanceConfig = new InstanceConfig(this);
            InstanceInfo info = new EurekaConfigBasedInstanceInfoProvider(instanceConfig).get();
            ApplicationInfoManager manager = new ApplicationInfoManager(instanceConfig, info);
            Traffic traffic = new Traffic();
            Jersey3DiscoveryClientOptionalArgs args = new Jersey3DiscoveryClientOptionalArgs();
            args.setAdditionalFilters(List.of(traffic));
            if (sslContext != null) {
                args.setSSLContext(sslContext);
            }
            DiscoveryClient client = new DiscoveryClient(manager, new ClientConfig(this),
                    new Jersey3TransportClientFactories(), args, IN_ORDER);
            return new NetflixClient(client, manager, traffic);
        }
    }

    /**
     * Keeps the configured order of service URLs. The stock randomizer shuffles them, which would make a failover
     * test pass or fail by chance.
     */
    private static final EndpointRandomizer IN_ORDER = new EndpointRandomizer() {
        @Override
        public <T extends EurekaEndpoint> List<T> randomize(List<T> list) {
            return list;
        }
    };

    /** The instance's identity and lease, overriding what {@code MyDataCenterInstanceConfig} reads from properties. */
    private static final class InstanceConfig extends MyDataCenterInstanceConfig {
        private final Builder b;

        InstanceConfig(Builder b) {
            super("cairn-it");
            this.b = b;
        }

        @Override public String getInstanceId() { return b.instanceId; }
        @Override public String getAppname() { return b.app; }
        @Override public String getAppGroupName() { return null; }
        @Override public boolean isInstanceEnabledOnit() { return true; }
        @Override public int getNonSecurePort() { return b.port; }
        @Override public boolean isNonSecurePortEnabled() { return true; }
        @Override public boolean getSecurePortEnabled() { return false; }
        @Override public int getLeaseRenewalIntervalInSeconds() { return b.renewalSecs; }
        @Override public int getLeaseExpirationDurationInSeconds() { return b.durationSecs; }
        @Override public String getVirtualHostName() { return b.app; }
        @Override public String getSecureVirtualHostName() { return b.app; }
        @Override public String getHostName(boolean refresh) { return b.instanceId + ".test"; }
        @Override public String getIpAddress() { return "127.0.0.1"; }
        @Override public Map<String, String> getMetadataMap() { return b.metadata; }
    }

    /** Short intervals and the test's service URLs, overriding what {@code DefaultEurekaClientConfig} reads. */
    private static final class ClientConfig extends DefaultEurekaClientConfig {
        private final Builder b;

        ClientConfig(Builder b) {
            super("cairn-it");
            this.b = b;
        }

        @Override public List<String> getEurekaServerServiceUrls(String zone) { return b.serviceUrls; }
        @Override public boolean shouldRegisterWithEureka() { return b.register; }
        @Override public boolean shouldFetchRegistry() { return true; }
        @Override public boolean shouldUnregisterOnShutdown() { return b.unregisterOnShutdown; }
        @Override public int getRegistryFetchIntervalSeconds() { return 1; }
        @Override public int getInstanceInfoReplicationIntervalSeconds() { return 1; }
        @Override public int getInitialInstanceInfoReplicationIntervalSeconds() { return 1; }
        @Override public int getEurekaServerConnectTimeoutSeconds() { return 2; }
        @Override public int getEurekaServerReadTimeoutSeconds() { return 5; }
        @Override public boolean shouldDisableDelta() { return false; }
        @Override public boolean shouldFilterOnlyUpInstances() { return true; }
    }
}
