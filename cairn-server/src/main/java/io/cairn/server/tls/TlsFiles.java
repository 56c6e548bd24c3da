package io.cairn.server.tls;

import io.cairn.server.config.CairnConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.SSLOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reads the TLS files named by {@code cairn.tls.*}: for the HTTPS server (as Vert.x options built from the files'
 * contents, so that changed files make different options and a reload takes effect) and for the peers' HTTP client
 * (an {@link SSLContext} trusting the trust file, presenting this node's certificate for mutual TLS).
 */
public final class TlsFiles {
    private TlsFiles() {
    }

    /** The server's SSL options as the files are now. */
    public static SSLOptions serverOptions(CairnConfig.Tls tls) {
        SSLOptions o = new SSLOptions().setKeyCertOptions(keyCert(tls));
        if (!tls.trustFile().isEmpty()) {
            o.setTrustOptions(new PemTrustOptions().addCertValue(read(tls.trustFile())));
        }
        return o;
    }

    public static KeyCertOptions keyCert(CairnConfig.Tls tls) {
        if (!tls.keystoreFile().isEmpty()) {
            return new PfxOptions().setValue(read(tls.keystoreFile())).setPassword(tls.keystorePassword());
        }
        return new PemKeyCertOptions().setCertValue(read(tls.certFile())).setKeyValue(read(tls.keyFile()));
    }

    public static ClientAuth clientAuth(CairnConfig.Tls tls) {
        return switch (tls.clientAuth()) {
            case "request" -> ClientAuth.REQUEST;
            case "required" -> ClientAuth.REQUIRED;
            default -> ClientAuth.NONE;
        };
    }

    /** What changes when any of the files changes (modification times and sizes). */
    public static String stamp(CairnConfig.Tls tls) {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of(tls.certFile(), tls.keyFile(), tls.keystoreFile(), tls.trustFile())) {
            if (f.isEmpty()) {
                continue;
            }
            try {
                Path p = Path.of(f);
                sb.append(Files.getLastModifiedTime(p).toMillis()).append('/').append(Files.size(p)).append(';');
            } catch (IOException e) {
                sb.append("missing;");
            }
        }
        return sb.toString();
    }

    /**
     * The context for requests to peers: trusts the trust file's CAs (else the JDK's), and presents this node's own
     * certificate when it has one, for peers that require client certificates.
     */
    public static SSLContext clientContext(CairnConfig.Tls tls) {
        try {
            KeyManagerFactory kmf = keyManagers(tls);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), trustManagers(tls).getTrustManagers(),
                    new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS files unusable: " + e.getMessage(), e);
        }
    }

    /** Trust in the trust file's CAs, else in the JDK's. */
    static TrustManagerFactory trustManagers(CairnConfig.Tls tls) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (tls.trustFile().isEmpty()) {
            tmf.init((KeyStore) null);
            return tmf;
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try {
            trust.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int i = 0;
        for (Certificate c : certificates(read(tls.trustFile()).getBytes())) {
            trust.setCertificateEntry("ca-" + i++, c);
        }
        tmf.init(trust);
        return tmf;
    }

    /** This node's own key and certificate, or null when it has none. */
    static KeyManagerFactory keyManagers(CairnConfig.Tls tls) throws GeneralSecurityException {
        if (!tls.enabled()) {
            return null;
        }
        char[] password = tls.keystorePassword().toCharArray();
        KeyStore own = KeyStore.getInstance("PKCS12");
        try {
            if (!tls.keystoreFile().isEmpty()) {
                try (InputStream in = Files.newInputStream(Path.of(tls.keystoreFile()))) {
                    own.load(in, password);
                }
            } else {
                own.load(null, null);
                List<Certificate> chain = certificates(read(tls.certFile()).getBytes());
                own.setKeyEntry("node", privateKey(read(tls.keyFile()).toString(StandardCharsets.US_ASCII)),
                        password, chain.toArray(Certificate[]::new));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(own, password);
        return kmf;
    }

    private static List<Certificate> certificates(byte[] pem) throws GeneralSecurityException {
        return new ArrayList<>(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem)));
    }

    /** A PKCS#8 PEM private key ({@code BEGIN PRIVATE KEY}), RSA or EC. */
    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < 0) {
            throw new GeneralSecurityException("the key file must hold a PKCS#8 key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        }
    }

    private static Buffer read(String file) {
        try {
            return Buffer.buffer(Files.readAllBytes(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
