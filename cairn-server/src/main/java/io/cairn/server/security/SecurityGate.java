package io.cairn.server.security;

import io.cairn.server.http.AccessPolicy;
import io.cairn.server.http.AccessPolicy.Access;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place where every request is authenticated and checked against {@link AccessPolicy} before any router
 * sees it. Refusals are 401 (no or bad credentials, with a {@code WWW-Authenticate} challenge) or 403 (a role is
 * lacking), with a short reason, and one log line naming the remote address, never the secret.
 */
public final class SecurityGate implements Handler<HttpServerRequest> {
    private static final System.Logger LOG = System.getLogger(SecurityGate.class.getName());
    /** Full password checks running at once; more are refused rather than queued, so guessing cannot pile up. */
    private static final int MAX_SLOW_CHECKS = 8;

    private final AccessPolicy policy;
    private final Authenticator authenticator;
    private final boolean requireClientAuth;
    private final boolean anonymousOverrides;
    private final SecuredHandler next;
    private final java.util.Set<String> peerCommonNames;
    private final AtomicInteger slowChecks = new AtomicInteger();

    public SecurityGate(AccessPolicy policy, Authenticator authenticator, boolean requireClientAuth,
                        boolean anonymousOverrides, SecuredHandler next) {
        this(policy, authenticator, requireClientAuth, anonymousOverrides, java.util.Set.of(), next);
    }

    /**
     * @param peerCommonNames a caller without credentials whose verified client certificate carries one of these
     *                        common names is a peer
     */
    public SecurityGate(AccessPolicy policy, Authenticator authenticator, boolean requireClientAuth,
                        boolean anonymousOverrides, java.util.Set<String> peerCommonNames, SecuredHandler next) {
        this.peerCommonNames = java.util.Set.copyOf(peerCommonNames);
        this.policy = policy;
        this.authenticator = authenticator;
        this.requireClientAuth = requireClientAuth;
        this.anonymousOverrides = anonymousOverrides;
        this.next = next;
    }

    @Override
    public void handle(HttpServerRequest req) {
        Access access = policy.classify(req.method(), req.path());
        String authorization = req.getHeader("Authorization");
        if (authorization == null && !peerCommonNames.isEmpty() && req.isSSL()) {
            String cn = verifiedCommonName(req);
            if (cn != null && peerCommonNames.contains(cn)) {
                decide(req, access, new Authenticator.Result(
                        new Principal("cert:" + cn, java.util.EnumSet.of(Role.PEER)), null));
                return;
            }
        }
        Authenticator.Result result = authenticator.authenticate(authorization, false);
        if (result != Authenticator.Result.SLOW) {
            decide(req, access, result);
            return;
        }
        if (slowChecks.incrementAndGet() > MAX_SLOW_CHECKS) {
            slowChecks.decrementAndGet();
            req.response().putHeader("Retry-After", "1");
            reject(req, 429, "too many password checks in progress; retry");
            return;
        }
        // PBKDF2 is slow on purpose: check off the event loop, holding the body back until the verdict.
        req.pause();
        Context ctx = Vertx.currentContext();
        ctx.<Authenticator.Result>executeBlocking(() -> authenticator.authenticate(authorization, true), false)
                .onComplete(done -> {
                    slowChecks.decrementAndGet();
                    if (done.failed()) {
                        LOG.log(System.Logger.Level.ERROR, "password check failed", done.cause());
                        req.response().setStatusCode(500).end();
                        return;
                    }
                    decide(req, access, done.result());
                    req.resume();
                });
    }

    /** The common name of the caller's certificate, which the TLS layer verified against the trust file; or null. */
    private static String verifiedCommonName(HttpServerRequest req) {
        try {
            java.util.List<java.security.cert.Certificate> chain = req.connection().peerCertificates();
            if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof java.security.cert.X509Certificate x)) {
                return null;
            }
            for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(
                    x.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
            return null;
        } catch (javax.net.ssl.SSLPeerUnverifiedException | javax.naming.InvalidNameException e) {
            return null;
        }
    }

    private void decide(HttpServerRequest req, Access access, Authenticator.Result result) {
        if (access == Access.ADMIN && !authenticator.grants(Role.ADMIN)) {
            reject(req, 403, "administrative actions are disabled: no admin credentials are configured "
                    + "(cairn.admin.password, cairn.admin.token or a user with role admin)");
            return;
        }
        if (!result.ok()) {
            unauthorized(req, result.failure());
            return;
        }
        Principal who = result.principal();
        String refusal = switch (access) {
            case OPEN -> null;
            case READ -> requireClientAuth && !who.has(Role.READER) ? "reading needs the reader role" : null;
            case WRITE -> requireClientAuth && !who.has(Role.CLIENT) && !who.isPeer()
                    ? "registering needs the client role" : null;
            case OVERRIDE -> anonymousOverrides && !requireClientAuth || who.has(Role.CLIENT) || who.isPeer()
                    ? null : "status overrides need the client or admin role";
            case ADMIN -> who.has(Role.ADMIN) ? null : "administrator credentials required";
            case PEER -> who.isPeer() ? null : "replication needs the peer role";
        };
        if (refusal == null) {
            next.handle(req, who);
        } else if (who.authenticated()) {
            reject(req, 403, refusal);
        } else {
            unauthorized(req, refusal);
        }
    }

    private void unauthorized(HttpServerRequest req, String reason) {
        // A browser shows its own login box on a Basic challenge; the dashboard asks for credentials itself.
        boolean fromScript = req.getHeader("X-Requested-With") != null;
        req.response().putHeader("WWW-Authenticate", fromScript
                ? "Bearer realm=\"cairn\"" : "Basic realm=\"cairn\", charset=\"UTF-8\"");
        reject(req, 401, reason);
    }

    private void reject(HttpServerRequest req, int status, String reason) {
        String address = req.remoteAddress() == null ? "unknown" : req.remoteAddress().host();
        String path = req.path().length() > 200 ? req.path().substring(0, 200) + "..." : req.path();
        LOG.log(System.Logger.Level.WARNING, "refused {0} {1} from {2}: {3,number,#} {4}", req.method(), path,
                address, status, reason);
        if (req.response().ended()) {
            return;
        }
        // The dashboard reads {"error": …} from the admin endpoints; everything else answers plain text, as Eureka's.
        boolean json = req.path().startsWith("/admin");
        req.response().setStatusCode(status)
                .putHeader("Content-Type", json ? "application/json" : "text/plain; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("Connection", "close")
                .end(json ? new io.vertx.core.json.JsonObject().put("error", reason).encode() : reason);
    }
}
