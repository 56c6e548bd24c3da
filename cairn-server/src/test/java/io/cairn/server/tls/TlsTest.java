package io.cairn.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.server.CairnServer;
import io.cairn.server.config.CairnConfig;
import io.cairn.server.http.LiveServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS for the API and between peers, with client certificates required, and a certificate rotated live. */
class TlsTest {
    @TempDir
    Path dir;

    private CairnServer a;
    private CairnServer b;

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static CairnConfig.Builder node(int port, Path keystore, Path ca, String peers) {
        return CairnConfig.builder().host("127.0.0.1").port(port).enableSelfPreservation(false)
                .tlsKeystore(keystore.toString(), Certificates.PASSWORD).tlsTrustFile(ca.toString())
                .tlsClientAuth("required").peerUrls(peers).registrySyncRetryWait(Duration.ofMillis(200))
                .renewalDigestInterval(Duration.ofMillis(200));
    }

    private static HttpResponse<String> get(SSLContext ssl, String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String subject(HttpResponse<?> r) throws Exception {
        return ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0])
                .getSubjectX500Principal().getName();
    }

    @Test
    void peersReplicateOverMutualTlsAndARotatedCertificateIsServedWithoutARestart() throws Exception {
        Certificates certs = new Certificates(dir);
        Path ka = certs.signed("a", "node-a");
        Path kb = certs.signed("b", "node-b");
        int pa = freePort();
        int pb = freePort();
        String peers = "https://peer:s3cret@127.0.0.1:" + pa + "/eureka/,https://peer:s3cret@127.0.0.1:" + pb
                + "/eureka/";
        a = new CairnServer(node(pa, ka, certs.caPem(), peers).build()).start();
        b = new CairnServer(node(pb, kb, certs.caPem(), peers).build()).start();

        // A caller with a certificate the CA signed, trusting the CA.
        CairnConfig.Tls caller = node(0, kb, certs.caPem(), "").build().tls();
        SSLContext withCert = TlsFiles.clientContext(caller);
        HttpClient http = HttpClient.newBuilder().sslContext(withCert).build();
        HttpResponse<String> reg = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + pa
                        + "/eureka/apps/ORDERS")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LiveServer.instanceJson("ORDERS", "o-1", "UP"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reg.statusCode()).isEqualTo(204);
        assertThat(subject(reg)).isEqualTo("CN=node-a");

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        // Polls b over https itself (blocking requests, no sleeping) until the replicated instance shows.
        while (get(withCert, "https://127.0.0.1:" + pb + "/eureka/apps/ORDERS/o-1").statusCode() != 200
                && System.nanoTime() < deadline) {
            assertThat(b.registry().size()).isLessThanOrEqualTo(1);
        }
        assertThat(b.registry().instance("ORDERS", "o-1")).as("replicated to b over https").isPresent();

        // Without a client certificate the handshake fails: client-auth is required.
        SSLContext trustOnly = TlsFiles.clientContext(new CairnConfig.Tls("", "", "", "", "none",
                certs.caPem().toString()));
        assertThatThrownBy(() -> get(trustOnly, "https://127.0.0.1:" + pa + "/eureka/apps"))
                .isInstanceOf(IOException.class);
        // Without trusting the CA, the client refuses the server.
        assertThatThrownBy(() -> get(SSLContext.getDefault(), "https://127.0.0.1:" + pa + "/eureka/apps"))
                .isInstanceOf(IOException.class);

        // Rotation: a new certificate in the same file is served to new connections.
        Path rotated = certs.signed("a2", "node-a-rotated");
        Files.copy(rotated, ka, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(ka, FileTime.fromMillis(Files.getLastModifiedTime(ka).toMillis() + 2_000));
        assertThat(a.reloadTls()).isTrue();
        HttpResponse<String> after = get(withCert, "https://127.0.0.1:" + pa + "/eureka/apps");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(subject(after)).isEqualTo("CN=node-a-rotated");
        assertThat(a.reloadTls()).as("nothing changed since").isFalse();
    }

    @Test
    void peersKnownByTheirCertificatesNeedNoSecretAndARotatedPeerCertificateIsPresentedWithoutARestart()
            throws Exception {
        Certificates certs = new Certificates(dir);
        Path ka = certs.signed("a", "node-a");
        Path kb = certs.signed("b", "node-b");
        int pa = freePort();
        int pb = freePort();
        // No user info in the peer URLs and no peer token: only the certificates say who is a peer.
        String peers = "https://127.0.0.1:" + pa + "/eureka/,https://127.0.0.1:" + pb + "/eureka/";
        a = new CairnServer(node(pa, ka, certs.caPem(), peers).tlsPeerCommonNames("node-b").build()).start();
        b = new CairnServer(node(pb, kb, certs.caPem(), peers).tlsPeerCommonNames("node-a-rotated").build()).start();
        SSLContext withCert = TlsFiles.clientContext(node(0, kb, certs.caPem(), "").build().tls());
        HttpClient http = HttpClient.newBuilder().sslContext(withCert).build();
        java.util.function.IntUnaryOperator register = n -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + pa + "/eureka/apps/ORDERS"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(LiveServer.instanceJson("ORDERS", "o-" + n, "UP")))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        // b does not know node-a's certificate as a peer's: a's replication is refused.
        assertThat(register.applyAsInt(1)).isEqualTo(204);
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < until) {
            assertThat(b.registry().instance("ORDERS", "o-1")).isEmpty();
        }
        assertThat(a.cluster().peers().get(0).failed()).isPositive();

        // a's key store now holds the certificate b trusts; new connections to b present it.
        Path rotated = certs.signed("a2", "node-a-rotated");
        Files.copy(rotated, ka, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(ka, FileTime.fromMillis(Files.getLastModifiedTime(ka).toMillis() + 2_000));
        a.cluster().reloadTls();
        assertThat(register.applyAsInt(2)).isEqualTo(204);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (b.registry().instance("ORDERS", "o-2").isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(b.registry().instance("ORDERS", "o-2")).as("replicated by certificate alone").isPresent();
    }

    @Test
    void peerCommonNamesWithoutClientCertificatesAreAConfigurationError() {
        assertThatThrownBy(() -> CairnConfig.builder().tlsTrustFile("ca.pem").tlsPeerCommonNames("node-a").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client-auth");
    }

    @Test
    void aPemCertificateAndKeyServeHttps() throws Exception {
        Certificates certs = new Certificates(dir);
        java.security.KeyStore p12 = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(certs.signed("pem", "pem-node"))) {
            p12.load(in, Certificates.PASSWORD.toCharArray());
        }
        java.util.Base64.Encoder b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes());
        StringBuilder chain = new StringBuilder();
        for (java.security.cert.Certificate c : p12.getCertificateChain("node")) {
            chain.append("-----BEGIN CERTIFICATE-----\n").append(b64.encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Path cert = Files.writeString(dir.resolve("node.crt"), chain);
        Path key = Files.writeString(dir.resolve("node.key"), "-----BEGIN PRIVATE KEY-----\n"
                + b64.encodeToString(p12.getKey("node", Certificates.PASSWORD.toCharArray()).getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        int port = freePort();
        a = new CairnServer(CairnConfig.builder().host("127.0.0.1").port(port)
                .tlsCert(cert.toString(), key.toString()).build()).start();
        SSLContext trustCa = TlsFiles.clientContext(new CairnConfig.Tls("", "", "", "", "none",
                certs.caPem().toString()));
        HttpResponse<String> r = get(trustCa, "https://127.0.0.1:" + port + "/eureka/apps");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(subject(r)).isEqualTo("CN=pem-node");
        // The peers' client side reads the same PEM files to present this node's certificate.
        assertThat(TlsFiles.clientContext(a.config().tls())).isNotNull();
    }
}
