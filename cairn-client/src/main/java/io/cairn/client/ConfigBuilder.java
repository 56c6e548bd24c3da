package io.cairn.client;

import io.cairn.client.transport.ServiceEndpoint;
import io.cairn.model.InstanceStatus;
import io.cairn.model.LeaseInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The {@link ClientConfig.Builder} behind {@link ClientConfig#builder()}: settings with Eureka's defaults. */
final class ConfigBuilder implements ClientConfig.Builder {

    final Map<String, List<String>> serviceUrls = new LinkedHashMap<>();
    String region = "us-east-1";
    List<String> availabilityZones = new ArrayList<>();
    String zone;
    boolean preferSameZone = true;
    boolean registerWithEureka = true;
    boolean fetchRegistry = true;
    boolean useWatch = true;
    String appName;
    String instanceId;
    String hostName;
    String ipAddress;
    boolean preferIpAddress;
    int port = 8080;
    boolean portEnabled = true;
    int securePort = 443;
    boolean securePortEnabled;
    String vipAddress;
    String secureVipAddress;
    final Map<String, String> metadata = new LinkedHashMap<>();
    InstanceStatus initialStatus = InstanceStatus.UP;
    String homePageUrl;
    String statusPageUrl;
    String healthCheckUrl;
    Duration leaseRenewalInterval = Duration.ofSeconds(LeaseInfo.DEFAULT_RENEWAL_INTERVAL_SECS);
    Duration leaseExpirationDuration = Duration.ofSeconds(LeaseInfo.DEFAULT_DURATION_SECS);
    Duration registryFetchInterval = Duration.ofSeconds(30);
    Duration connectTimeout = Duration.ofSeconds(5);
    Duration readTimeout = Duration.ofSeconds(8);
    Duration watchWait = Duration.ofSeconds(30);
    Duration watchReconcileInterval = Duration.ofMinutes(5);
    Duration retryInitialDelay = Duration.ofSeconds(1);
    Duration retryMaxDelay = Duration.ofSeconds(30);
    Duration quarantineDuration = Duration.ofSeconds(60);
    Duration healthCheckInterval = Duration.ofSeconds(30);
    int maxAttemptsPerCall = 3;
    int statusUpdateBurst = 2;
    int statusUpdatesPerMinute = 4;
    Path registryCacheFile;
    boolean shutdownHook = true;
    javax.net.ssl.SSLContext sslContext;

    ConfigBuilder() {
    }

    @Override
    public ClientConfig.Builder properties(Map<String, String> properties) {
        EurekaProperties.apply(properties, this);
        return this;
    }

    @Override
    public ClientConfig.Builder serviceUrls(String zone, String... urls) {
        return serviceUrls(zone, List.of(urls));
    }

    @Override
    public ClientConfig.Builder serviceUrls(String zone, List<String> urls) {
        Objects.requireNonNull(zone, "zone");
        List<String> clean = new ArrayList<>();
        for (String u : urls) {
            if (u != null && !u.isBlank()) {
                clean.add(u.trim());
            }
        }
        serviceUrls.put(zone, clean);
        return this;
    }

    @Override
    public ClientConfig.Builder serviceUrl(String... urls) {
        return serviceUrls(ClientConfig.DEFAULT_ZONE, urls);
    }

    @Override
    public ClientConfig.Builder clearServiceUrls() { serviceUrls.clear(); return this; }
    @Override
    public ClientConfig.Builder region(String v) { region = Objects.requireNonNull(v, "region"); return this; }
    @Override
    public ClientConfig.Builder availabilityZones(List<String> v) { availabilityZones = new ArrayList<>(v); return this; }
    @Override
    public ClientConfig.Builder zone(String v) { zone = v; return this; }
    @Override
    public ClientConfig.Builder preferSameZone(boolean v) { preferSameZone = v; return this; }
    @Override
    public ClientConfig.Builder registerWithEureka(boolean v) { registerWithEureka = v; return this; }
    @Override
    public ClientConfig.Builder fetchRegistry(boolean v) { fetchRegistry = v; return this; }
    @Override
    public ClientConfig.Builder useWatch(boolean v) { useWatch = v; return this; }
    @Override
    public ClientConfig.Builder appName(String v) { appName = v; return this; }
    @Override
    public ClientConfig.Builder instanceId(String v) { instanceId = v; return this; }
    @Override
    public ClientConfig.Builder hostName(String v) { hostName = v; return this; }
    @Override
    public ClientConfig.Builder ipAddress(String v) { ipAddress = v; return this; }
    @Override
    public ClientConfig.Builder preferIpAddress(boolean v) { preferIpAddress = v; return this; }
    @Override
    public ClientConfig.Builder port(int v) { port = v; return this; }
    @Override
    public ClientConfig.Builder portEnabled(boolean v) { portEnabled = v; return this; }
    @Override
    public ClientConfig.Builder securePort(int v) { securePort = v; return this; }
    @Override
    public ClientConfig.Builder securePortEnabled(boolean v) { securePortEnabled = v; return this; }
    @Override
    public ClientConfig.Builder vipAddress(String v) { vipAddress = v; return this; }
    @Override
    public ClientConfig.Builder secureVipAddress(String v) { secureVipAddress = v; return this; }
    @Override
    public ClientConfig.Builder metadata(String key, String value) { metadata.put(key, value); return this; }
    @Override
    public ClientConfig.Builder metadata(Map<String, String> v) { metadata.putAll(v); return this; }
    @Override
    public ClientConfig.Builder initialStatus(InstanceStatus v) { initialStatus = Objects.requireNonNull(v, "initialStatus"); return this; }
    @Override
    public ClientConfig.Builder homePageUrl(String v) { homePageUrl = v; return this; }
    @Override
    public ClientConfig.Builder statusPageUrl(String v) { statusPageUrl = v; return this; }
    @Override
    public ClientConfig.Builder healthCheckUrl(String v) { healthCheckUrl = v; return this; }
    @Override
    public ClientConfig.Builder leaseRenewalInterval(Duration v) { leaseRenewalInterval = v; return this; }
    @Override
    public ClientConfig.Builder leaseExpirationDuration(Duration v) { leaseExpirationDuration = v; return this; }
    @Override
    public ClientConfig.Builder registryFetchInterval(Duration v) { registryFetchInterval = v; return this; }
    @Override
    public ClientConfig.Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
    @Override
    public ClientConfig.Builder readTimeout(Duration v) { readTimeout = v; return this; }
    @Override
    public ClientConfig.Builder watchWait(Duration v) { watchWait = v; return this; }

    @Override
    public ClientConfig.Builder watchReconcileInterval(Duration v) { watchReconcileInterval = v; return this; }
    @Override
    public ClientConfig.Builder retryInitialDelay(Duration v) { retryInitialDelay = v; return this; }
    @Override
    public ClientConfig.Builder retryMaxDelay(Duration v) { retryMaxDelay = v; return this; }
    @Override
    public ClientConfig.Builder quarantineDuration(Duration v) { quarantineDuration = v; return this; }
    @Override
    public ClientConfig.Builder healthCheckInterval(Duration v) { healthCheckInterval = v; return this; }
    @Override
    public ClientConfig.Builder maxAttemptsPerCall(int v) { maxAttemptsPerCall = v; return this; }
    @Override
    public ClientConfig.Builder statusUpdateBurst(int v) { statusUpdateBurst = v; return this; }
    @Override
    public ClientConfig.Builder statusUpdatesPerMinute(int v) { statusUpdatesPerMinute = v; return this; }
    @Override
    public ClientConfig.Builder registryCacheFile(Path v) { registryCacheFile = v; return this; }
    @Override
    public ClientConfig.Builder shutdownHook(boolean v) { shutdownHook = v; return this; }
    @Override
    public ClientConfig.Builder sslContext(javax.net.ssl.SSLContext v) { sslContext = v; return this; }
    @Override
    public ClientConfig.Builder trustFile(Path pemCaFile) {
        sslContext = io.cairn.client.transport.TrustFile.sslContext(pemCaFile);
        return this;
    }

    @Override
    public ClientConfig build() {
        return new ClientConfig(this);
    }

    /** @throws IllegalArgumentException if {@code c} is inconsistent */
    static void check(ClientConfig c) {
        if (c.registerWithEureka() && (c.appName() == null || c.appName().isBlank())) {
            throw new IllegalArgumentException("an app name is needed to register (appName, eureka.instance.appname"
                    + " or spring.application.name)");
        }
        c.serviceUrls().forEach((z, l) -> {
            if (l.isEmpty()) {
                throw new IllegalArgumentException("zone " + z + " has no service URL");
            }
            for (String u : l) {
                ServiceEndpoint.parse(z, u);
            }
        });
        port("port", c.port());
        port("securePort", c.securePort());
        positive("leaseRenewalInterval", c.leaseRenewalInterval());
        positive("leaseExpirationDuration", c.leaseExpirationDuration());
        positive("registryFetchInterval", c.registryFetchInterval());
        positive("connectTimeout", c.connectTimeout());
        positive("readTimeout", c.readTimeout());
        positive("watchWait", c.watchWait());
        positive("watchReconcileInterval", c.watchReconcileInterval());
        positive("retryInitialDelay", c.retryInitialDelay());
        positive("quarantineDuration", c.quarantineDuration());
        positive("healthCheckInterval", c.healthCheckInterval());
        if (c.retryMaxDelay().compareTo(c.retryInitialDelay()) < 0) {
            throw new IllegalArgumentException("retryMaxDelay must not be shorter than retryInitialDelay");
        }
        if (c.watchWait().compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("watchWait must be at most 5 minutes (servers cap it)");
        }
        if (c.maxAttemptsPerCall() < 1 || c.statusUpdateBurst() < 1 || c.statusUpdatesPerMinute() < 1) {
            throw new IllegalArgumentException("maxAttemptsPerCall, statusUpdateBurst and statusUpdatesPerMinute must be positive");
        }
    }

    private static void port(String name, int p) {
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException(name + " must be a port number, got " + p);
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
