package io.cairn.it;

import static io.cairn.it.Waiting.soon;
import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.server.config.CairnConfig;
import io.cairn.server.tls.TlsFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Netflix client registering, renewing and fetching over https, trusting the CA that signed Cairn's certificate. */
class NetflixClientTlsTest {
    @TempDir
    Path dir;

    @Test
    void theNetflixClientWorksOverHttpsTrustingTheCa() throws Exception {
        Certificates certs = new Certificates(dir);
        Path keystore = certs.signed("server", "cairn");
        try (Cairn cairn = Cairn.start(b -> b.tlsKeystore(keystore.toString(), Certificates.PASSWORD))) {
            javax.net.ssl.SSLContext trustCa = TlsFiles.clientContext(new CairnConfig.Tls("", "", "", "", "none",
                    certs.caPem().toString()));
            NetflixClient orders = NetflixClient.registering("orders", "tls-1")
                    .serviceUrls("https://127.0.0.1:" + cairn.port() + "/eureka/").sslContext(trustCa).start();
            try {
                soon().until(() -> cairn.instance("ORDERS", "tls-1").isPresent());
                soon().until(() -> orders.seen("ORDERS", "tls-1").isPresent());
                assertThat(orders.traffic().responses()).isNotEmpty()
                        .allSatisfy(e -> assertThat(e.uri().getScheme()).isEqualTo("https"));
            } finally {
                orders.close();
            }
        }
    }
}
