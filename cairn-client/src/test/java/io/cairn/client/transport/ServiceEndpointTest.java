package io.cairn.client.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ServiceEndpointTest {

    @Test
    void credentialsBecomeABasicHeaderAndLeaveTheUrl() {
        ServiceEndpoint e = ServiceEndpoint.parse("z1", "http://user:s%40cret@eureka-1:8761/eureka/");
        assertThat(e.baseUri().toString()).isEqualTo("http://eureka-1:8761/eureka/");
        assertThat(e.authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("user:s@cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.toString()).doesNotContain("cret");
        assertThat(e.zone()).isEqualTo("z1");
    }

    @Test
    void aTrailingSlashIsAdded() {
        assertThat(ServiceEndpoint.parse("z", "http://h:8761/eureka").baseUri().toString())
                .isEqualTo("http://h:8761/eureka/");
        assertThat(ServiceEndpoint.parse("z", "https://h").resolve("apps/").toString()).isEqualTo("https://h/apps/");
        assertThat(ServiceEndpoint.parse("z", "http://h/").authorization()).isNull();
    }

    @Test
    void nonHttpUrlsAreRefusedWithoutLeakingTheirPassword() {
        assertThatThrownBy(() -> ServiceEndpoint.parse("z", "ftp://u:pw@h/eureka/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> ServiceEndpoint.parse("z", "eureka-1:8761"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathSegmentsAreEncoded() {
        assertThat(UrlPaths.segment("host:app:8080")).isEqualTo("host:app:8080");
        assertThat(UrlPaths.segment("a b/c?d")).isEqualTo("a%20b%2Fc%3Fd");
        assertThat(UrlPaths.segment("é")).isEqualTo("%C3%A9");
        assertThat(UrlPaths.query("a&b=c")).isEqualTo("a%26b%3Dc");
    }
}
