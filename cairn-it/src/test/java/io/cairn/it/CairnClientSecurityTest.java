package io.cairn.it;

import static io.cairn.it.Waiting.soon;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.client.CairnClient;
import io.cairn.client.ClientConfig;
import io.cairn.model.InstanceStatus;
import io.cairn.server.security.PasswordHash;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cairn client on a secured node: over https it verifies the server against the CA it was given (and fails
 * against a certificate it cannot verify); with credentials in its service URL it registers where anonymous
 * clients cannot, and may take itself out of service, which needs the client role.
 */
class CairnClientSecurityTest {
    @TempDir
    Path dir;

    private static ClientConfig.Builder client(String app, String id, String url) {
        return ClientConfig.builder().serviceUrl(url).appName(app).instanceId(id).hostName(id + ".test")
                .ipAddress("127.0.0.1").port(8080).leaseRenewalInterval(Duration.ofSeconds(1))
                .registryFetchInterval(Duration.ofMillis(200)).connectTimeout(Duration.ofSeconds(1))
                .readTimeout(Duration.ofSeconds(3)).retryInitialDelay(Duration.ofMillis(100))
                .retryMaxDelay(Duration.ofSeconds(1)).shutdownHook(false);
    }

    @Test
    void overHttpsTheClientTrustsTheGivenCaAndNothingElse() throws Exception {
        Certificates certs = new Certificates(dir);
        Path keystore = certs.signed("server", "cairn");
        try (Cairn cairn = Cairn.start(b -> b.tlsKeystore(keystore.toString(), Certificates.PASSWORD))) {
            String url = "https://127.0.0.1:" + cairn.port() + "/eureka/";
            try (CairnClient trusting = CairnClient.start(client("orders", "tls-1", url).trustFile(certs.caPem())
                    .build());
                 CairnClient untrusting = CairnClient.start(client("orders", "tls-2", url).build())) {
                soon().until(() -> cairn.instance("ORDERS", "tls-1").isPresent());
                soon().until(() -> trusting.instances("ORDERS").stream().anyMatch(i -> i.id().equals("tls-1")));
                // The JVM's own trust store knows nothing of the test CA: the handshake fails, nothing registers,
                // however often the client retries (every 100 ms to 1 s here).
                org.awaitility.Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                        .until(() -> cairn.instance("ORDERS", "tls-2").isEmpty()
                                && untrusting.stats().registrations() == 0);
            }
        }
    }

    @Test
    void credentialsInTheServiceUrlAreAllItNeedsWhereClientsMustAuthenticate() {
        String hash = PasswordHash.hash("orders-pw".toCharArray(), 1_000, new SecureRandom());
        try (Cairn cairn = Cairn.start(b -> b.requireClientAuth(true).user("orders", hash, "client"))) {
            String base = "127.0.0.1:" + cairn.port() + "/eureka/";
            try (CairnClient orders = CairnClient.start(client("orders", "auth-1", "http://orders:orders-pw@" + base)
                    .build());
                 CairnClient anonymous = CairnClient.start(client("orders", "anon-1", "http://" + base).build())) {
                soon().until(() -> cairn.instance("ORDERS", "auth-1").isPresent());
                soon().until(() -> orders.stats().heartbeats() > 0);
                soon().until(() -> orders.instances("ORDERS").stream().anyMatch(i -> i.id().equals("auth-1")));

                // Out of service needs an override, and an override the client role: this client has it.
                orders.setStatus(InstanceStatus.OUT_OF_SERVICE);
                soon().until(() -> cairn.instance("ORDERS", "auth-1").map(i -> i.status())
                        .orElse(null) == InstanceStatus.OUT_OF_SERVICE);

                assertThat(cairn.instance("ORDERS", "anon-1")).isEmpty();
                assertThat(anonymous.stats().registrations()).isZero();
                assertThat(anonymous.instances("ORDERS")).isEmpty();
            }
        }
    }
}
