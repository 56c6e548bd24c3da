package io.cairn.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.cluster.PeerAddress;
import org.junit.jupiter.api.Test;

class PeerAddressTest {
    @Test
    void userInfoBecomesBasicAuthAndIsMaskedWhenShown() {
        PeerAddress a = PeerAddress.of("http://peer:s3cret@10.0.0.1:8761/eureka/", "");
        assertThat(a.base()).isEqualTo("http://10.0.0.1:8761/eureka/");
        assertThat(a.authorization()).isEqualTo("Basic cGVlcjpzM2NyZXQ=");
        assertThat(PeerAddress.masked("http://peer:s3cret@10.0.0.1:8761/eureka/"))
                .isEqualTo("http://peer:***@10.0.0.1:8761/eureka/");
        assertThat(a.toString()).doesNotContain("s3cret");
    }

    @Test
    void withoutUserInfoThePeerTokenIsSent() {
        assertThat(PeerAddress.of("http://10.0.0.1:8761/eureka/", "tok").authorization()).isEqualTo("Bearer tok");
        assertThat(PeerAddress.of("http://10.0.0.1:8761/eureka/", "").authorization()).isNull();
        assertThat(PeerAddress.masked("http://10.0.0.1:8761/eureka/")).isEqualTo("http://10.0.0.1:8761/eureka/");
    }
}
