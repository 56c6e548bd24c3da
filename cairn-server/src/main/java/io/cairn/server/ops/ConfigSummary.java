package io.cairn.server.ops;

import io.cairn.server.config.CairnConfig;

/** The configuration in one log line: what an operator checks first when a node behaves unexpectedly. No secrets. */
final class ConfigSummary {
    private ConfigSummary() {
    }

    static String of(CairnConfig c) {
        CairnConfig.Admin admin = c.admin();
        String auth = !admin.enabled() ? "off (dashboard read-only)"
                : (admin.password().isEmpty() ? "" : "basic user " + admin.username())
                + (!admin.password().isEmpty() && !admin.token().isEmpty() ? " or " : "")
                + (admin.token().isEmpty() ? "" : "token");
        return "config: base path " + (c.basePath().isEmpty() ? "/" : c.basePath())
                + ", region " + c.region() + ", zone " + c.zone()
                + ", self-preservation " + (c.enableSelfPreservation()
                        ? "on at " + Math.round(c.renewalPercentThreshold() * 100) + "%" : "off")
                + ", eviction every " + c.evictionInterval().toMillis() + " ms"
                + ", delta retention " + c.deltaRetention().toSeconds() + " s"
                + ", peers " + (c.cluster().peerUrls().isEmpty() ? "none" : String.join(" ", c.cluster().peerUrls().stream()
                        .map(io.cairn.server.cluster.PeerAddress::masked).toList()))
                + ", admin " + auth
                + ", client access " + (c.security().requireClientAuth() ? "needs credentials" : "open");
    }
}
