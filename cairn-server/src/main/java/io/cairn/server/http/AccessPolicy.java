package io.cairn.server.http;

import io.vertx.core.http.HttpMethod;

/**
 * What a request needs, decided from its method and path exactly as the routers will read them (the same
 * percent-decoding), so that no spelling of a path reaches an endpoint past a weaker rule.
 */
public final class AccessPolicy {
    /** The kinds of access, from none to replication. */
    public enum Access {
        /** Liveness and readiness: always open, so that probes need no secret. */
        OPEN,
        /** Reads and watches. */
        READ,
        /** Register, renew, cancel, metadata. */
        WRITE,
        /** Setting or removing a status override. */
        OVERRIDE,
        /** {@code /admin/*}. */
        ADMIN,
        /** {@code /peerreplication/*}. */
        PEER
    }

    private final String basePath;

    public AccessPolicy(String basePath) {
        this.basePath = basePath;
    }

    public Access classify(HttpMethod method, String rawPath) {
        String p = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        // The operations router matches these undecoded, before the Eureka API; so does this.
        if (p.equals("/health") || p.equals("/ready")) {
            return Access.OPEN;
        }
        if (p.equals("/admin") || p.startsWith("/admin/")) {
            return Access.ADMIN;
        }
        EurekaPath path;
        try {
            path = EurekaPath.parse(basePath, rawPath);
        } catch (IllegalArgumentException e) {
            return Access.READ; // the router answers 400
        }
        if (path == null || path.size() == 0) {
            return Access.READ;
        }
        int n = path.size();
        return switch (path.get(0)) {
            case "peerreplication" -> Access.PEER;
            case "asg" -> Access.WRITE;
            case "apps" -> {
                if (n >= 4 && path.get(3).equals("status")) {
                    yield Access.OVERRIDE;
                }
                yield n >= 2 && method != HttpMethod.GET && method != HttpMethod.HEAD ? Access.WRITE : Access.READ;
            }
            default -> Access.READ;
        };
    }
}
