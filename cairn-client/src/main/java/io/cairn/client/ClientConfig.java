package io.cairn.client;

import io.cairn.model.DataCenterInfo;
import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import io.cairn.model.LeaseInfo;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a {@link CairnClient} is configured with, immutable: the servers (service URLs per zone, region,
 * availability zones, own zone), what the client does (register, fetch, watch), the instance it registers (app name,
 * instance id, host, ports, VIPs, metadata, initial status) and its timing (lease, fetch interval, timeouts,
 * retries). Defaults are Eureka's (Spring Cloud's where they differ), so an empty configuration talks to
 * {@code http://localhost:8761/eureka/} every 30 seconds.
 *
 * <p>Build one with {@link #builder()}, or read Eureka's own property names with {@link #fromProperties(Map)}:
 * <pre>{@code
 * ClientConfig config = ClientConfig.builder()
 *         .serviceUrls("zone-a", "http://eureka-a1:8761/eureka/", "http://eureka-a2:8761/eureka/")
 *         .serviceUrls("zone-b", "http://user:secret@eureka-b1:8761/eureka/")
 *         .zone("zone-a")
 *         .appName("orders").port(8080)
 *         .build();
 * }</pre>
 */
public final class ClientConfig {
    /** Spring Cloud's default service URL. */
    public static final String DEFAULT_SERVICE_URL = "http://localhost:8761/eureka/";
    /** The zone name Spring Cloud uses when no zone is configured. */
    public static final String DEFAULT_ZONE = "defaultZone";

    private final Map<String, List<String>> serviceUrls;
    private final String region;
    private final List<String> availabilityZones;
    private final String zone;
    private final boolean preferSameZone;
    private final boolean registerWithEureka;
    private final boolean fetchRegistry;
    private final boolean useWatch;
    private final String appName;
    private final String instanceId;
    private final String hostName;
    private final String ipAddress;
    private final int port;
    private final boolean portEnabled;
    private final int securePort;
    private final boolean securePortEnabled;
    private final String vipAddress;
    private final String secureVipAddress;
    private final Map<String, String> metadata;
    private final InstanceStatus initialStatus;
    private final String homePageUrl;
    private final String statusPageUrl;
    private final String healthCheckUrl;
    private final Duration leaseRenewalInterval;
    private final Duration leaseExpirationDuration;
    private final Duration registryFetchInterval;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration watchWait;
    private final Duration watchReconcileInterval;
    private final Duration retryInitialDelay;
    private final Duration retryMaxDelay;
    private final Duration quarantineDuration;
    private final Duration healthCheckInterval;
    private final int maxAttemptsPerCall;
    private final int statusUpdateBurst;
    private final int statusUpdatesPerMinute;
    private final Path registryCacheFile;
    private final boolean shutdownHook;
    private final javax.net.ssl.SSLContext sslContext;

    ClientConfig(ConfigBuilder b) {
        Map<String, List<String>> urls = new LinkedHashMap<>();
        b.serviceUrls.forEach((z, l) -> urls.put(z, List.copyOf(l)));
        if (urls.isEmpty()) {
            urls.put(DEFAULT_ZONE, List.of(DEFAULT_SERVICE_URL));
        }
        this.serviceUrls = Collections.unmodifiableMap(urls);
        this.region = b.region;
        this.availabilityZones = b.availabilityZones.isEmpty() ? List.copyOf(urls.keySet()) : List.copyOf(b.availabilityZones);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
        String z = b.zone;
        if (z == null || z.isBlank()) {
            z = metadata.get("zone");
        }
        if (z == null || z.isBlank()) {
            z = availabilityZones.isEmpty() ? DEFAULT_ZONE : availabilityZones.get(0);
        }
        this.zone = z;
        this.preferSameZone = b.preferSameZone;
        this.registerWithEureka = b.registerWithEureka;
        this.fetchRegistry = b.fetchRegistry;
        this.useWatch = b.useWatch;
        this.appName = b.appName;
        this.ipAddress = b.ipAddress != null ? b.ipAddress : localAddress();
        this.hostName = b.preferIpAddress ? ipAddress : b.hostName != null ? b.hostName : localHostName();
        this.port = b.port;
        this.portEnabled = b.portEnabled;
        this.securePort = b.securePort;
        this.securePortEnabled = b.securePortEnabled;
        String app = appName == null ? "unknown" : appName;
        this.instanceId = b.instanceId != null ? b.instanceId
                : hostName + ":" + app.toLowerCase(Locale.ROOT) + ":" + port;
        this.vipAddress = b.vipAddress != null ? b.vipAddress : app;
        this.secureVipAddress = b.secureVipAddress != null ? b.secureVipAddress : app;
        this.initialStatus = b.initialStatus;
        String base = (securePortEnabled && !portEnabled ? "https://" : "http://") + hostName + ":"
                + (securePortEnabled && !portEnabled ? securePort : port);
        this.homePageUrl = url(b.homePageUrl, base, "/");
        this.statusPageUrl = url(b.statusPageUrl, base, null);
        this.healthCheckUrl = url(b.healthCheckUrl, base, null);
        this.leaseRenewalInterval = b.leaseRenewalInterval;
        this.leaseExpirationDuration = b.leaseExpirationDuration;
        this.registryFetchInterval = b.registryFetchInterval;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.watchWait = b.watchWait;
        this.watchReconcileInterval = b.watchReconcileInterval;
        this.retryInitialDelay = b.retryInitialDelay;
        this.retryMaxDelay = b.retryMaxDelay;
        this.quarantineDuration = b.quarantineDuration;
        this.healthCheckInterval = b.healthCheckInterval;
        this.maxAttemptsPerCall = b.maxAttemptsPerCall;
        this.statusUpdateBurst = b.statusUpdateBurst;
        this.statusUpdatesPerMinute = b.statusUpdatesPerMinute;
        this.registryCacheFile = b.registryCacheFile;
        this.shutdownHook = b.shutdownHook;
        this.sslContext = b.sslContext;
        ConfigBuilder.check(this);
    }

    private static String url(String configured, String base, String defaultPath) {
        if (configured == null) {
            return defaultPath == null ? null : base + defaultPath;
        }
        return configured.startsWith("/") ? base + configured : configured;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String localAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    /** A builder with Eureka's defaults. */
    public static Builder builder() {
        return new ConfigBuilder();
    }

    /**
     * Reads Eureka's client and instance property names (Spring Cloud's, in any relaxed spelling, and Netflix's), for
     * example {@code eureka.client.service-url.defaultZone}, {@code eureka.client.region},
     * {@code eureka.client.availability-zones.<region>}, {@code eureka.client.registry-fetch-interval-seconds},
     * {@code eureka.instance.instance-id}, {@code eureka.instance.metadata-map.<key>},
     * {@code eureka.instance.lease-renewal-interval-in-seconds}, {@code spring.application.name} and
     * {@code server.port}; plus Cairn's own {@code cairn.client.*} keys. Unknown keys are ignored.
     *
     * @throws IllegalArgumentException naming the key whose value cannot be used
     */
    public static ClientConfig fromProperties(Map<String, String> properties) {
        return builder().properties(properties).build();
    }

    /** A builder holding every setting of this configuration (derived defaults included). */
    public Builder toBuilder() {
        ConfigBuilder b = new ConfigBuilder();
        serviceUrls.forEach((z, l) -> b.serviceUrls.put(z, new ArrayList<>(l)));
        b.region = region;
        b.availabilityZones = new ArrayList<>(availabilityZones);
        b.zone = zone;
        b.preferSameZone = preferSameZone;
        b.registerWithEureka = registerWithEureka;
        b.fetchRegistry = fetchRegistry;
        b.useWatch = useWatch;
        b.appName = appName;
        b.instanceId = instanceId;
        b.hostName = hostName;
        b.ipAddress = ipAddress;
        b.port = port;
        b.portEnabled = portEnabled;
        b.securePort = securePort;
        b.securePortEnabled = securePortEnabled;
        b.vipAddress = vipAddress;
        b.secureVipAddress = secureVipAddress;
        b.metadata.putAll(metadata);
        b.initialStatus = initialStatus;
        b.homePageUrl = homePageUrl;
        b.statusPageUrl = statusPageUrl;
        b.healthCheckUrl = healthCheckUrl;
        b.leaseRenewalInterval = leaseRenewalInterval;
        b.leaseExpirationDuration = leaseExpirationDuration;
        b.registryFetchInterval = registryFetchInterval;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.watchWait = watchWait;
        b.watchReconcileInterval = watchReconcileInterval;
        b.retryInitialDelay = retryInitialDelay;
        b.retryMaxDelay = retryMaxDelay;
        b.quarantineDuration = quarantineDuration;
        b.healthCheckInterval = healthCheckInterval;
        b.maxAttemptsPerCall = maxAttemptsPerCall;
        b.statusUpdateBurst = statusUpdateBurst;
        b.statusUpdatesPerMinute = statusUpdatesPerMinute;
        b.registryCacheFile = registryCacheFile;
        b.shutdownHook = shutdownHook;
        b.sslContext = sslContext;
        return b;
    }

    /**
     * The metadata registered: the configured entries, and the own zone as {@code zone} when it is not the default
     * one and not set there, so that other clients (this one, Spring Cloud's) can prefer instances of their zone.
     */
    private Map<String, String> advertisedMetadata() {
        if (metadata.containsKey("zone") || DEFAULT_ZONE.equals(zone)) {
            return metadata;
        }
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.put("zone", zone);
        return m;
    }

    /**
     * The instance this configuration registers: app name upper-cased, data center {@code MyOwn}, the configured
     * lease terms and the initial status.
     */
    public InstanceInfo instanceInfo() {
        return InstanceInfo.builder()
                .instanceId(instanceId)
                .hostName(hostName)
                .app((appName == null ? "unknown" : appName).toUpperCase(Locale.ROOT))
                .ipAddr(ipAddress)
                .status(initialStatus)
                .overriddenStatus(InstanceStatus.UNKNOWN)
                .port(port).portEnabled(portEnabled)
                .securePort(securePort).securePortEnabled(securePortEnabled)
                .countryId(1)
                .dataCenterInfo(DataCenterInfo.MY_OWN)
                .leaseInfo(new LeaseInfo((int) leaseRenewalInterval.toSeconds(),
                        (int) leaseExpirationDuration.toSeconds(), 0, 0, 0, 0))
                .metadata(advertisedMetadata())
                .homePageUrl(homePageUrl).statusPageUrl(statusPageUrl).healthCheckUrl(healthCheckUrl)
                .vipAddress(vipAddress).secureVipAddress(secureVipAddress)
                .build();
    }

    /** Service URLs per zone, in configuration order (credentials included, as configured). */
    public Map<String, List<String>> serviceUrls() { return serviceUrls; }
    /** The region (Eureka's default {@code us-east-1}). */
    public String region() { return region; }
    /** The region's availability zones in preference order; by default the zones of {@link #serviceUrls()}. */
    public List<String> availabilityZones() { return availabilityZones; }
    /** The client's own zone: as set, else metadata {@code zone}, else the first availability zone. */
    public String zone() { return zone; }
    /** Whether the own zone's servers are tried first (default true). */
    public boolean preferSameZone() { return preferSameZone; }
    /** Whether this instance registers itself (default true). */
    public boolean registerWithEureka() { return registerWithEureka; }
    /** Whether the client keeps a registry cache (default true). */
    public boolean fetchRegistry() { return fetchRegistry; }
    /** Whether Cairn's watch API is used when the server offers it (default true). */
    public boolean useWatch() { return useWatch; }
    /** The application name as configured (registered upper case); null when not registering. */
    public String appName() { return appName; }
    /** The instance id (default {@code host:app:port}, as Spring Cloud). */
    public String instanceId() { return instanceId; }
    /** The host name registered (default this machine's, or its address with {@code preferIpAddress}). */
    public String hostName() { return hostName; }
    /** The IP address registered (default this machine's). */
    public String ipAddress() { return ipAddress; }
    /** The non-secure port (default 8080). */
    public int port() { return port; }
    /** Whether the non-secure port is enabled (default true). */
    public boolean portEnabled() { return portEnabled; }
    /** The secure port (default 443, disabled). */
    public int securePort() { return securePort; }
    /** Whether the secure port is enabled (default false). */
    public boolean securePortEnabled() { return securePortEnabled; }
    /** The VIP address (default the app name). */
    public String vipAddress() { return vipAddress; }
    /** The secure VIP address (default the app name). */
    public String secureVipAddress() { return secureVipAddress; }
    /** The instance's metadata. */
    public Map<String, String> metadata() { return metadata; }
    /** The status registered at start (default UP; STARTING for services that call {@code setStatus(UP)} later). */
    public InstanceStatus initialStatus() { return initialStatus; }
    /** The home page URL (default {@code http://host:port/}). */
    public String homePageUrl() { return homePageUrl; }
    /** The status page URL, or null. */
    public String statusPageUrl() { return statusPageUrl; }
    /** The health check URL, or null. */
    public String healthCheckUrl() { return healthCheckUrl; }
    /** How often the lease is renewed (default 30 s). */
    public Duration leaseRenewalInterval() { return leaseRenewalInterval; }
    /** How long the server keeps the lease without renewal (default 90 s). */
    public Duration leaseExpirationDuration() { return leaseExpirationDuration; }
    /** How often deltas are polled when the server has no watch API (default 30 s). */
    public Duration registryFetchInterval() { return registryFetchInterval; }
    /** Connect timeout (default 5 s). */
    public Duration connectTimeout() { return connectTimeout; }
    /** Read timeout of every call except the watch (default 8 s). */
    public Duration readTimeout() { return readTimeout; }
    /** How long a watch long poll waits for changes (default 30 s). */
    public Duration watchWait() { return watchWait; }
    /**
     * While watching, how often the cache is still checked against the server's {@code apps__hashcode} with one
     * delta fetch (default 5 min): a safety net should a watch ever miss a change.
     */
    public Duration watchReconcileInterval() { return watchReconcileInterval; }
    /** The delay after the first failure; it doubles with each further failure (default 1 s). */
    public Duration retryInitialDelay() { return retryInitialDelay; }
    /** The longest delay between retries (default 30 s; heartbeats never wait longer than the renewal interval). */
    public Duration retryMaxDelay() { return retryMaxDelay; }
    /** How long a failing server is skipped (default 60 s). */
    public Duration quarantineDuration() { return quarantineDuration; }
    /** How often the health check runs (default 30 s). */
    public Duration healthCheckInterval() { return healthCheckInterval; }
    /** How many different servers one call may try (default 3). */
    public int maxAttemptsPerCall() { return maxAttemptsPerCall; }
    /** Status or metadata pushes allowed at once (default 2). */
    public int statusUpdateBurst() { return statusUpdateBurst; }
    /** Status or metadata pushes allowed per minute after the burst (default 4). */
    public int statusUpdatesPerMinute() { return statusUpdatesPerMinute; }
    /** The file the registry cache is persisted to, or null for none. */
    public Path registryCacheFile() { return registryCacheFile; }
    /** Whether a JVM shutdown hook closes the client, cancelling the registration (default true). */
    public boolean shutdownHook() { return shutdownHook; }
    /** Verifies HTTPS servers (and presents a client certificate, if it holds one); null for the JVM's default. */
    public javax.net.ssl.SSLContext sslContext() { return sslContext; }

    @Override
    public String toString() {
        return "ClientConfig{app=" + appName + ", instanceId=" + instanceId + ", zone=" + zone + ", servers="
                + serviceUrls.keySet() + ", register=" + registerWithEureka + ", fetch=" + fetchRegistry
                + ", watch=" + useWatch + "}";
    }

    /**
     * Builds a {@link ClientConfig}, starting from Eureka's defaults; every setter returns the builder. Not
     * thread-safe.
     */
    public interface Builder {
        /** Applies Eureka property names, see {@link ClientConfig#fromProperties(Map)}; later calls override. */
        Builder properties(Map<String, String> properties);

        /** Sets the service URLs of {@code zone} (replacing earlier ones for it); a URL may carry {@code user:pass@}. */
        Builder serviceUrls(String zone, String... urls);

        /** Sets the service URLs of {@code zone} (replacing earlier ones for it). */
        Builder serviceUrls(String zone, List<String> urls);

        /** Sets the service URLs of the default zone, as {@code eureka.client.service-url.defaultZone}. */
        Builder serviceUrl(String... urls);

        /** Removes every configured service URL. */
        Builder clearServiceUrls();

        /** The region (default {@code us-east-1}). */
        Builder region(String v);

        /** The region's zones in preference order. */
        Builder availabilityZones(List<String> v);

        /** The client's own zone (otherwise metadata {@code zone} or the first availability zone). */
        Builder zone(String v);

        /** Whether the own zone's servers are tried first (default true). */
        Builder preferSameZone(boolean v);

        /** Whether this instance registers itself (default true). */
        Builder registerWithEureka(boolean v);

        /** Whether the client keeps a registry cache (default true). */
        Builder fetchRegistry(boolean v);

        /** Whether to use Cairn's watch API when the server has it (default true). */
        Builder useWatch(boolean v);

        /** The application name; needed to register. */
        Builder appName(String v);

        /** The instance id (default {@code host:app:port}). */
        Builder instanceId(String v);

        /** The host name to register (default this machine's). */
        Builder hostName(String v);

        /** The IP address to register (default this machine's). */
        Builder ipAddress(String v);

        /** Registers the IP address as host name, as Spring's {@code prefer-ip-address}. */
        Builder preferIpAddress(boolean v);

        /** The non-secure port (default 8080). */
        Builder port(int v);

        /** Whether the non-secure port is enabled (default true). */
        Builder portEnabled(boolean v);

        /** The secure port (default 443). */
        Builder securePort(int v);

        /** Whether the secure port is enabled (default false). */
        Builder securePortEnabled(boolean v);

        /** The VIP address (default the app name). */
        Builder vipAddress(String v);

        /** The secure VIP address (default the app name). */
        Builder secureVipAddress(String v);

        /** Adds one metadata entry. */
        Builder metadata(String key, String value);

        /** Adds metadata entries. */
        Builder metadata(Map<String, String> v);

        /** The status registered at start (default UP). */
        Builder initialStatus(InstanceStatus v);

        /** An absolute URL, or a path starting with {@code /} on this instance's host and port. */
        Builder homePageUrl(String v);

        /** An absolute URL, or a path starting with {@code /} on this instance's host and port. */
        Builder statusPageUrl(String v);

        /** An absolute URL, or a path starting with {@code /} on this instance's host and port. */
        Builder healthCheckUrl(String v);

        /** How often the lease is renewed (default 30 s). */
        Builder leaseRenewalInterval(Duration v);

        /** How long the server keeps an unrenewed lease (default 90 s). */
        Builder leaseExpirationDuration(Duration v);

        /** How often deltas are polled when there is no watch API (default 30 s). */
        Builder registryFetchInterval(Duration v);

        /** Connect timeout (default 5 s). */
        Builder connectTimeout(Duration v);

        /** Read timeout of every call but the watch (default 8 s). */
        Builder readTimeout(Duration v);

        /** How long a watch long poll waits for changes (default 30 s, at most 5 min). */
        Builder watchWait(Duration v);

        /** While watching, how often a delta fetch checks the cache against the server's hash (default 5 min). */
        Builder watchReconcileInterval(Duration v);

        /** The delay after a first failure, doubled on each further one (default 1 s). */
        Builder retryInitialDelay(Duration v);

        /** The longest delay between retries (default 30 s). */
        Builder retryMaxDelay(Duration v);

        /** How long a failing server is skipped (default 60 s). */
        Builder quarantineDuration(Duration v);

        /** How often the health check runs (default 30 s). */
        Builder healthCheckInterval(Duration v);

        /** How many different servers one call may try (default 3). */
        Builder maxAttemptsPerCall(int v);

        /** Status or metadata pushes allowed at once (default 2). */
        Builder statusUpdateBurst(int v);

        /** Status or metadata pushes allowed per minute after the burst (default 4). */
        Builder statusUpdatesPerMinute(int v);

        /** Persists the registry cache to this file and reads it at start when no server answers; null for none. */
        Builder registryCacheFile(Path v);

        /** Whether a JVM shutdown hook closes the client (default true). */
        Builder shutdownHook(boolean v);

        /** Verifies HTTPS servers against this context (default: the JVM's trust store). */
        Builder sslContext(javax.net.ssl.SSLContext v);

        /**
         * Verifies HTTPS servers against the CA certificates in this PEM file instead of the JVM's trust store (as
         * {@code cairn.client.trust-file}).
         *
         * @throws IllegalArgumentException if the file holds no readable certificate
         */
        Builder trustFile(Path pemCaFile);

        /**
         * The configuration, with derived defaults filled in (instance id, zone, host and address of this machine).
         *
         * @throws IllegalArgumentException if the settings are inconsistent
         */
        ClientConfig build();
    }
}
