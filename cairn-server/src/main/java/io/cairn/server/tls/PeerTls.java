package io.cairn.server.tls;

import io.cairn.server.config.CairnConfig;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS side of replication: one {@link SSLContext} for the peers' HTTP client, whose key and trust managers are
 * swapped when the files change, so that a rotated certificate or CA reaches new connections to peers without a
 * restart (the HTTP client keeps its context for life).
 */
public final class PeerTls {
    private static final System.Logger LOG = System.getLogger(PeerTls.class.getName());

    private final CairnConfig.Tls tls;
    private final SSLContext context;
    private volatile X509ExtendedKeyManager keys;
    private volatile X509ExtendedTrustManager trust;
    private volatile String stamp;

    public PeerTls(CairnConfig.Tls tls) {
        this.tls = tls;
        load();
        try {
            this.context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new Keys()}, new TrustManager[] {new Trust()}, new SecureRandom());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS unusable: " + e.getMessage(), e);
        }
    }

    public SSLContext context() {
        return context;
    }

    /** Takes the files again if they changed; a broken file is reported and the managers in use are kept. */
    public boolean reload() {
        String now = TlsFiles.stamp(tls);
        if (now.equals(stamp)) {
            return false;
        }
        try {
            load();
            // A resumed session would carry the old certificates: forget them all.
            javax.net.ssl.SSLSessionContext sessions = context.getClientSessionContext();
            for (java.util.Enumeration<byte[]> ids = sessions.getIds(); ids.hasMoreElements(); ) {
                javax.net.ssl.SSLSession s = sessions.getSession(ids.nextElement());
                if (s != null) {
                    s.invalidate();
                }
            }
            LOG.log(System.Logger.Level.INFO, "TLS files for peer connections reloaded");
            return true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "TLS files for peer connections not reloaded: " + e.getMessage());
            stamp = now;
            return false;
        }
    }

    private void load() {
        String now = TlsFiles.stamp(tls);
        X509ExtendedKeyManager k = null;
        X509ExtendedTrustManager t = null;
        try {
            javax.net.ssl.KeyManagerFactory kmf = TlsFiles.keyManagers(tls);
            if (kmf != null) {
                for (KeyManager m : kmf.getKeyManagers()) {
                    if (m instanceof X509ExtendedKeyManager x) {
                        k = x;
                    }
                }
            }
            for (TrustManager m : TlsFiles.trustManagers(tls).getTrustManagers()) {
                if (m instanceof X509ExtendedTrustManager x) {
                    t = x;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS files unusable: " + e.getMessage(), e);
        }
        if (t == null) {
            throw new IllegalStateException("no trust manager from the TLS files");
        }
        keys = k;
        trust = t;
        stamp = now;
    }

    /** Presents this node's current certificate, if it has one. */
    private final class Keys extends X509ExtendedKeyManager {
        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            X509ExtendedKeyManager k = keys;
            return k == null ? null : k.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            X509ExtendedKeyManager k = keys;
            return k == null ? null : k.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            X509ExtendedKeyManager k = keys;
            return k == null ? null : k.chooseEngineClientAlias(keyType, issuers, engine);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            X509ExtendedKeyManager k = keys;
            return k == null ? null : k.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            X509ExtendedKeyManager k = keys;
            return k == null ? null : k.getPrivateKey(alias);
        }
    }

    /** Verifies peers against the current trust file (or the JDK's CAs). */
    private final class Trust extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            trust.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            trust.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            trust.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            trust.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return trust.getAcceptedIssuers();
        }
    }
}
