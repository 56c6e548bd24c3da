package io.cairn.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static ConfigLoader.Result load(Path file, Map<String, String> env, Map<String, String> props,
                                            Map<String, String> cli) throws ConfigException {
        return ConfigLoader.load(file, env, props, cli);
    }

    @Test
    void defaultsAreEurekas() throws Exception {
        CairnConfig c = load(null, Map.of(), Map.of(), Map.of()).config();
        assertThat(c.port()).isEqualTo(8761);
        assertThat(c.basePath()).isEqualTo("/eureka");
        assertThat(c.enableSelfPreservation()).isTrue();
        assertThat(c.renewalPercentThreshold()).isEqualTo(0.85);
        assertThat(c.evictionInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.deltaRetention()).isEqualTo(Duration.ofMinutes(3));
        assertThat(c.renewalThresholdUpdateInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.maxBodyBytes()).isEqualTo(1 << 20);
        assertThat(c.legacyLeaseExpiry()).isFalse();
    }

    @Test
    void aSpringCloudEurekaYamlFileStartsCairn() throws Exception {
        Path file = dir.resolve("application.yml");
        Files.writeString(file, """
                server:
                  port: 8762
                spring:
                  application:
                    name: eureka-server
                eureka:
                  client:
                    register-with-eureka: false
                    fetch-registry: false
                  server:
                    enable-self-preservation: false
                    renewal-percent-threshold: 0.49
                    eviction-interval-timer-in-ms: 5000
                    retention-time-in-m-s-in-delta-queue: 240000
                    response-cache-update-interval-ms: 3000
                    use-read-only-response-cache: false
                """);
        ConfigLoader.Result r = load(file, Map.of(), Map.of(), Map.of());

        assertThat(r.config().port()).isEqualTo(8762);
        assertThat(r.config().enableSelfPreservation()).isFalse();
        assertThat(r.config().renewalPercentThreshold()).isEqualTo(0.49);
        assertThat(r.config().evictionInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(r.config().deltaRetention()).isEqualTo(Duration.ofMinutes(4));
        assertThat(r.config().leaseTimesRefreshInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("eureka.server.use-read-only-response-cache"))
                .anyMatch(w -> w.startsWith("eureka.client.register-with-eureka"))
                .anyMatch(w -> w.startsWith("spring.application.name"));
    }

    @Test
    void netflixStylePropertiesAreAccepted() throws Exception {
        Path file = dir.resolve("eureka-server.properties");
        Files.writeString(file, "eureka.enableSelfPreservation=false\neureka.renewalPercentThreshold=0.5\n");

        CairnConfig c = load(file, Map.of(), Map.of(), Map.of()).config();
        assertThat(c.enableSelfPreservation()).isFalse();
        assertThat(c.renewalPercentThreshold()).isEqualTo(0.5);
    }

    @Test
    void environmentOverridesTheFileAndTheCommandLineOverridesAll() throws Exception {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "server.port=1111\neureka.server.eviction-interval-timer-in-ms=1000\n");

        CairnConfig c = load(file,
                Map.of("SERVER_PORT", "2222", "EUREKA_SERVER_EVICTION_INTERVAL_TIMER_IN_MS", "2000", "PATH", "/bin"),
                Map.of("eureka.server.eviction-interval-timer-in-ms", "3000", "java.version", "17"),
                Map.of("server.port", "3333")).config();
        assertThat(c.port()).isEqualTo(3333);
        assertThat(c.evictionInterval()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void malformedValuesStopTheStartNamingEachOne() {
        assertThatThrownBy(() -> load(null, Map.of(), Map.of(), Map.of(
                "server.port", "eighty",
                "eureka.server.renewal-percent-threshold", "1.5",
                "eureka.server.enable-self-preservation", "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.port=eighty")
                .hasMessageContaining("eureka.server.renewal-percent-threshold=1.5")
                .hasMessageContaining("between 0 and 1")
                .hasMessageContaining("eureka.server.enable-self-preservation=yes");
    }

    @Test
    void unknownCairnKeysStopTheStart() {
        assertThatThrownBy(() -> load(null, Map.of(), Map.of(), Map.of("cairn.limits.max-bodybytes-typo", "5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cairn.limits.max-bodybytes-typo")
                .hasMessageContaining("unknown Cairn setting");
    }

    @Test
    void unknownEurekaKeysOnlyWarn() throws Exception {
        ConfigLoader.Result r = load(null, Map.of(), Map.of(), Map.of("eureka.server.use-read-only-response-cache", "false"));
        assertThat(r.warnings()).singleElement().asString().contains("no meaning in Cairn");
    }

    @Test
    void aBrokenFileIsReportedWithItsName() throws Exception {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "eureka: [unclosed\n");
        assertThatThrownBy(() -> load(file, Map.of(), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bad.yml");
        assertThatThrownBy(() -> load(dir.resolve("missing.yml"), Map.of(), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing.yml");
    }

    @Test
    void peersComeFromEurekasServiceUrlsOfEveryZoneOwnZonesFirst() throws Exception {
        Path file = dir.resolve("cluster.yml");
        Files.writeString(file, """
                eureka:
                  client:
                    region: eu-west-1
                    availability-zones:
                      eu-west-1: zone-b,zone-a
                    service-url:
                      zone-a: http://a1:8761/eureka/,http://a2:8761/eureka
                      zone-b: http://b1:8761/eureka/
                      defaultZone: http://d1:8761/eureka/
                  server:
                    peer-node-read-timeout-ms: 200
                    my-url: http://a1:8761/eureka
                """);
        CairnConfig c = load(file, Map.of(), Map.of(), Map.of()).config();
        assertThat(c.cluster().peerUrls()).containsExactly("http://b1:8761/eureka/", "http://a1:8761/eureka/",
                "http://a2:8761/eureka/", "http://d1:8761/eureka/");
        assertThat(c.cluster().myUrl()).isEqualTo("http://a1:8761/eureka/");
        assertThat(c.cluster().readTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.toBuilder().build().cluster().peerUrls()).isEqualTo(c.cluster().peerUrls());
    }

    @Test
    void theDefaultZoneComesFromTheEnvironmentToo() throws Exception {
        CairnConfig c = load(null, Map.of("EUREKA_CLIENT_SERVICEURL_DEFAULTZONE",
                "http://x:1/eureka/, http://y:2/eureka/"), Map.of(), Map.of()).config();
        assertThat(c.cluster().peerUrls()).containsExactly("http://x:1/eureka/", "http://y:2/eureka/");
    }

    @Test
    void theBasePathIsNormalized() throws Exception {
        assertThat(load(null, Map.of(), Map.of(), Map.of("cairn.server.base-path", "registry/")).config().basePath())
                .isEqualTo("/registry");
    }
}
