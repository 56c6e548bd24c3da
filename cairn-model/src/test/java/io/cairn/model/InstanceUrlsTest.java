package io.cairn.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Page URLs are kept compacted against the instance's own addresses and always read back exactly as given. */
class InstanceUrlsTest {
    private static InstanceInfo instance(String host, String ip, int port, String url) {
        return InstanceInfo.builder().instanceId("i").app("A").hostName(host).ipAddr(ip).port(port).securePort(8443)
                .homePageUrl(url).statusPageUrl(url).healthCheckUrl(url).secureHealthCheckUrl(url).build();
    }

    @Test
    void everyUrlReadsBackAsGiven() {
        String[] urls = {"http://h.local:8080/", "http://h.local:8080", "http://10.0.0.1:8080/actuator/health",
            "https://h.local:8443/secure", "https://10.0.0.1:8443/", "http://other:8080/", "http://h.local:80801/",
            "http://h.local:8080x/", "ftp://h.local:8080/", "\u0001odd", "\u00011/looks-compacted", "", "relative/path"};
        for (String url : urls) {
            InstanceInfo i = instance("h.local", "10.0.0.1", 8080, url);
            assertThat(i.homePageUrl()).as(url).isEqualTo(url);
            assertThat(i.statusPageUrl()).isEqualTo(url);
            assertThat(i.healthCheckUrl()).isEqualTo(url);
            assertThat(i.secureHealthCheckUrl()).isEqualTo(url);
        }
        assertThat(instance("h", "10.0.0.1", 8080, null).homePageUrl()).isNull();
    }

    @Test
    void instancesDifferingOnlyByHostShareTheirStoredPath() {
        InstanceInfo a = instance("10.0.0.1", "10.0.0.1", 8080, "http://10.0.0.1:8080/actuator/health");
        InstanceInfo b = instance("10.0.0.2", "10.0.0.2", 8080, "http://10.0.0.2:8080/actuator/health");
        assertThat(a.healthCheckUrl()).isEqualTo("http://10.0.0.1:8080/actuator/health");
        assertThat(b.healthCheckUrl()).isEqualTo("http://10.0.0.2:8080/actuator/health");
        assertThat(a).isNotEqualTo(b);
        assertThat(instance("10.0.0.1", "10.0.0.1", 8080, "http://10.0.0.1:8080/actuator/health")).isEqualTo(a);
    }

    @Test
    void aCopyWithOtherAddressesKeepsTheUrlsItWasGiven() {
        InstanceInfo a = instance("h.local", "10.0.0.1", 8080, "http://h.local:8080/info");
        InstanceInfo moved = a.toBuilder().hostName("elsewhere").port(9090).build();
        assertThat(moved.homePageUrl()).isEqualTo("http://h.local:8080/info");
        InstanceInfo same = a.toBuilder().status(InstanceStatus.DOWN).build();
        assertThat(same.homePageUrl()).isEqualTo("http://h.local:8080/info");
        InstanceInfo reset = a.toBuilder().homePageUrl("http://h.local:8080/new").build();
        assertThat(reset.homePageUrl()).isEqualTo("http://h.local:8080/new");
        assertThat(reset.statusPageUrl()).isEqualTo("http://h.local:8080/info");
    }

    @Test
    void anIpEqualToTheHostIsOneString() {
        InstanceInfo i = InstanceInfo.builder().instanceId("i").app("A").hostName("10.0.0.1")
                .ipAddr(new String("10.0.0.1")).build();
        assertThat(i.ipAddr()).isSameAs(i.hostName());
    }
}
