package io.cairn.server.ops;

import io.cairn.server.dashboard.DashboardAssets;
import io.cairn.server.metrics.CairnMetrics;
import io.cairn.server.security.Principal;
import io.cairn.server.security.SecuredHandler;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Routes the operations paths ({@code /}, {@code /dashboard/*}, {@code /metrics}, {@code /health}, {@code /ready},
 * {@code /info}, {@code /prometheus/targets}, {@code /admin/*}) and hands every other request to the Eureka API. Work
 * that reads the whole registry runs off the event loop.
 */
final class OpsRoutes implements SecuredHandler {
    private static final System.Logger LOG = System.getLogger(OpsRoutes.class.getName());

    private final DashboardAssets dashboard;
    private final CairnMetrics metrics;
    private final HealthEndpoints health;
    private final NodeInfo info;
    private final PrometheusTargets targets;
    private final AdminEndpoints admin;
    private final JsonReplies replies;
    private final SecuredHandler next;

    OpsRoutes(DashboardAssets dashboard, CairnMetrics metrics, HealthEndpoints health, NodeInfo info,
              PrometheusTargets targets, AdminEndpoints admin, JsonReplies replies, SecuredHandler next) {
        this.dashboard = dashboard;
        this.metrics = metrics;
        this.health = health;
        this.info = info;
        this.targets = targets;
        this.admin = admin;
        this.replies = replies;
        this.next = next;
    }

    @Override
    public void handle(HttpServerRequest req, Principal who) {
        String path = req.path();
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        try {
            if (dashboard.serves(p)) {
                allow(req, "GET", "HEAD");
                dashboard.serve(req);
                return;
            }
            switch (p) {
                case "/metrics" -> {
                    allow(req, "GET", "HEAD");
                    offLoop(req, () -> metrics.scrape().getBytes(StandardCharsets.UTF_8), CairnMetrics.CONTENT_TYPE);
                }
                case "/health" -> {
                    allow(req, "GET", "HEAD");
                    health.health(req);
                }
                case "/ready" -> {
                    allow(req, "GET", "HEAD");
                    health.ready(req);
                }
                case "/info" -> {
                    allow(req, "GET", "HEAD");
                    info.info(req);
                }
                case "/prometheus/targets" -> {
                    allow(req, "GET", "HEAD");
                    Set<String> apps = new HashSet<>();
                    req.params().getAll("app").forEach(a -> {
                        if (!a.isBlank()) {
                            apps.add(a.trim().toUpperCase(Locale.ROOT));
                        }
                    });
                    offLoop(req, () -> targets.document(apps), "application/json");
                }
                default -> {
                    if (p.equals("/admin") || p.startsWith("/admin/")) {
                        admin.handle(req, segments(p.substring("/admin".length())), who);
                    } else {
                        next.handle(req, who);
                    }
                }
            }
        } catch (OpsError e) {
            replies.error(req, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "failed " + req.method() + " " + path, e);
            replies.error(req, 500, "internal error");
        }
    }

    /** Throws 405, naming the allowed methods, unless the request uses one of them. */
    static void allow(HttpServerRequest req, String... methods) {
        String m = req.method().name();
        for (String allowed : methods) {
            if (allowed.equals(m)) {
                return;
            }
        }
        String list = String.join(", ", methods);
        req.response().putHeader("Allow", list);
        throw new OpsError(405, "method " + m + " not allowed here; allowed: " + list);
    }

    private void offLoop(HttpServerRequest req, Callable<byte[]> work, String contentType) {
        Context ctx = Vertx.currentContext();
        ctx.<byte[]>executeBlocking(work, false).onComplete(done -> {
            if (done.failed()) {
                LOG.log(System.Logger.Level.ERROR, "failed " + req.method() + " " + req.path(), done.cause());
                replies.error(req, 500, "internal error");
                return;
            }
            if (req.response().closed()) {
                return;
            }
            req.response().putHeader("Content-Type", contentType).putHeader("Cache-Control", "no-store")
                    .end(Buffer.buffer(done.result()));
        });
    }

    /** Percent-decoded, non-empty path segments; '+' stays '+' as in any path. */
    static List<String> segments(String rest) {
        List<String> out = new ArrayList<>();
        for (String s : rest.split("/")) {
            if (!s.isEmpty()) {
                out.add(decode(s));
            }
        }
        return out;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new OpsError(400, "malformed percent escape in path");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
