package io.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.model.InstanceInfo;
import io.cairn.model.InstanceStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientConfigTest {

    @Test
    void defaultsAreEurekas() {
        ClientConfig c = ClientConfig.builder().appName("orders").hostName("h1").ipAddress("10.0.0.1").build();
        assertThat(c.serviceUrls()).containsExactly(Map.entry("defaultZone", List.of("http://localhost:8761/eureka/")));
        assertThat(c.zone()).isEqualTo("defaultZone");
        assertThat(c.region()).isEqualTo("us-east-1");
        assertThat(c.instanceId()).isEqualTo("h1:orders:8080");
        assertThat(c.leaseRenewalInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.leaseExpirationDuration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.registryFetchInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.useWatch()).isTrue();
        InstanceInfo i = c.instanceInfo();
        assertThat(i.app()).isEqualTo("ORDERS");
        assertThat(i.vipAddress()).isEqualTo("orders");
        assertThat(i.status()).isEqualTo(InstanceStatus.UP);
        assertThat(i.port()).isEqualTo(8080);
        assertThat(i.securePortEnabled()).isFalse();
        assertThat(i.homePageUrl()).isEqualTo("http://h1:8080/");
        assertThat(i.dataCenterInfo().name()).isEqualTo("MyOwn");
        assertThat(i.leaseInfo().renewalIntervalInSecs()).isEqualTo(30);
    }

    @Test
    void readsSpringCloudPropertyNames() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.application.name", "orders");
        p.put("server.port", "9090");
        p.put("eureka.client.service-url.zone-a", "http://a1:8761/eureka/, http://a2:8761/eureka/");
        p.put("eureka.client.serviceUrl.zone-b", "http://u:p@b1:8761/eureka/");
        p.put("eureka.client.region", "eu-west");
        p.put("eureka.client.availability-zones.eu-west", "zone-b,zone-a");
        p.put("eureka.client.registry-fetch-interval-seconds", "5");
        p.put("eureka.client.register-with-eureka", "true");
        p.put("eureka.instance.hostname", "orders-1.internal");
        p.put("eureka.instance.ip-address", "10.1.2.3");
        p.put("eureka.instance.instance-id", "orders-1");
        p.put("eureka.instance.metadata-map.zone", "zone-a");
        p.put("eureka.instance.metadata-map.Build.Version", "1.2");
        p.put("eureka.instance.lease-renewal-interval-in-seconds", "10");
        p.put("eureka.instance.lease_expiration_duration_in_seconds", "30");
        p.put("eureka.instance.status-page-url-path", "/info");
        p.put("eureka.instance.secure-port-enabled", "true");
        p.put("eureka.instance.secure-port", "8443");
        p.put("cairn.client.watch", "false");
        p.put("cairn.client.cache-file", "/tmp/registry.json");
        p.put("some.other.key", "ignored");
        ClientConfig c = ClientConfig.fromProperties(p);
        assertThat(c.appName()).isEqualTo("orders");
        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.serviceUrls()).containsExactly(
                Map.entry("zone-a", List.of("http://a1:8761/eureka/", "http://a2:8761/eureka/")),
                Map.entry("zone-b", List.of("http://u:p@b1:8761/eureka/")));
        assertThat(c.region()).isEqualTo("eu-west");
        assertThat(c.availabilityZones()).containsExactly("zone-b", "zone-a");
        assertThat(c.zone()).isEqualTo("zone-a");
        assertThat(c.registryFetchInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.hostName()).isEqualTo("orders-1.internal");
        assertThat(c.ipAddress()).isEqualTo("10.1.2.3");
        assertThat(c.instanceId()).isEqualTo("orders-1");
        assertThat(c.metadata()).containsEntry("zone", "zone-a").containsEntry("Build.Version", "1.2");
        assertThat(c.leaseRenewalInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.leaseExpirationDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.statusPageUrl()).isEqualTo("http://orders-1.internal:9090/info");
        assertThat(c.securePort()).isEqualTo(8443);
        assertThat(c.securePortEnabled()).isTrue();
        assertThat(c.useWatch()).isFalse();
        assertThat(c.registryCacheFile()).isEqualTo(Path.of("/tmp/registry.json"));
    }

    @Test
    void eurekaInstanceNamesWinOverSpringDefaults() {
        ClientConfig c = ClientConfig.fromProperties(Map.of(
                "spring.application.name", "from-spring",
                "eureka.instance.appname", "from-eureka",
                "server.port", "1",
                "eureka.instance.non-secure-port", "2",
                "eureka.instance.hostname", "h"));
        assertThat(c.appName()).isEqualTo("from-eureka");
        assertThat(c.port()).isEqualTo(2);
        assertThat(c.vipAddress()).isEqualTo("from-eureka");
    }

    @Test
    void readsNetflixPropertyNames() {
        ClientConfig c = ClientConfig.fromProperties(Map.of(
                "eureka.serviceUrl.default", "http://e1:8080/eureka/v2/",
                "eureka.name", "billing",
                "eureka.port", "7001",
                "eureka.vipAddress", "billing.vip",
                "eureka.metadata.weight", "3",
                "eureka.lease.renewalInterval", "15",
                "eureka.us-east-1.availabilityZones", "defaultZone",
                "eureka.registration.enabled", "false",
                "eureka.hostname", "b1"));
        assertThat(c.serviceUrls()).containsExactly(Map.entry("defaultZone", List.of("http://e1:8080/eureka/v2/")));
        assertThat(c.appName()).isEqualTo("billing");
        assertThat(c.port()).isEqualTo(7001);
        assertThat(c.vipAddress()).isEqualTo("billing.vip");
        assertThat(c.metadata()).containsEntry("weight", "3");
        assertThat(c.leaseRenewalInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.registerWithEureka()).isFalse();
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> ClientConfig.fromProperties(Map.of("server.port", "eighty")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server.port");
        assertThatThrownBy(() -> ClientConfig.fromProperties(Map.of("eureka.client.fetch-registry", "yes")))
                .hasMessageContaining("eureka.client.fetch-registry");
        assertThatThrownBy(() -> ClientConfig.builder().build())
                .hasMessageContaining("app name");
        assertThatThrownBy(() -> ClientConfig.builder().appName("a").serviceUrl("ftp://x/").build())
                .hasMessageContaining("http");
        assertThatThrownBy(() -> ClientConfig.builder().appName("a").registryFetchInterval(Duration.ZERO).build())
                .hasMessageContaining("registryFetchInterval");
    }

    @Test
    void toBuilderKeepsEverything() {
        ClientConfig c = ClientConfig.builder().appName("a").hostName("h").ipAddress("1.2.3.4")
                .serviceUrls("z1", "http://s1/eureka/").zone("z1").metadata("k", "v").useWatch(false).build();
        ClientConfig copy = c.toBuilder().build();
        assertThat(copy.instanceInfo()).isEqualTo(c.instanceInfo());
        assertThat(copy.serviceUrls()).isEqualTo(c.serviceUrls());
        assertThat(copy.useWatch()).isFalse();
        assertThat(copy.toString()).contains("app=a");
    }

    @Test
    void theOwnZoneIsAdvertisedInTheMetadataUnlessItIsTheDefaultOrAlreadyThere() {
        ClientConfig zoned = ClientConfig.builder().appName("a").serviceUrls("zone-a", "http://s/eureka/")
                .zone("zone-a").build();
        assertThat(zoned.instanceInfo().metadata()).containsEntry("zone", "zone-a");
        assertThat(ClientConfig.builder().appName("a").build().instanceInfo().metadata()).doesNotContainKey("zone");
        ClientConfig given = ClientConfig.builder().appName("a").zone("zone-a").metadata("zone", "mine").build();
        assertThat(given.instanceInfo().metadata()).containsEntry("zone", "mine");
    }

    @Test
    void aTrustFileThatHoldsNoCertificateIsRefusedWithItsName(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path empty = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClientConfig.builder().trustFile(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ca.pem");
    }
}
